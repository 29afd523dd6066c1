import { defineMessages } from '../i18n/define';

/** Texts of the store layer's errors. Params hold paths, user names and SQLite's own short reason; never a secret. */
export const STORE_MESSAGES = defineMessages({
  'store.error.corrupt': {
    en: "store file '{path}' is damaged or not a database ({detail}): move it aside and run again, or pass another --store",
    da: "lagerfilen '{path}' er beskadiget eller ikke en database ({detail}): flyt den væk og kør igen, eller angiv en anden --store",
  },
  'store.error.foreign': {
    en: "'{path}' is an SQLite database but not a tokenkit store: pass another --store (tokenkit does not touch it)",
    da: "'{path}' er en SQLite-database, men ikke et tokenkit-lager: angiv en anden --store (tokenkit rører den ikke)",
  },
  'store.error.unwritable': {
    en: "cannot write the store file '{path}' ({detail}): pass a --store path in a writable directory, or set TOKENKIT_STORE",
    da: "kan ikke skrive lagerfilen '{path}' ({detail}): angiv en --store-sti i en skrivbar mappe, eller sæt TOKENKIT_STORE",
  },
  'store.error.symlink': {
    en: "store path '{path}' is a symbolic link, which tokenkit does not follow (it could point anywhere): pass the real file's path with --store",
    da: "lagerstien '{path}' er et symbolsk link, som tokenkit ikke følger (det kan pege hvor som helst hen): angiv den rigtige fils sti med --store",
  },
  'store.error.emptyPath': {
    en: '--store is empty: give a file path, or leave --store out to use TOKENKIT_STORE or the default store',
    da: '--store er tom: angiv en filsti, eller udelad --store for at bruge TOKENKIT_STORE eller standardlageret',
  },
  'store.error.newerSchema': {
    en: "store file '{path}' has schema version {version}, but this tokenkit supports up to {supported}: upgrade tokenkit, or pass another --store",
    da: "lagerfilen '{path}' har skemaversion {version}, men denne version af tokenkit understøtter højst {supported}: opgrader tokenkit, eller angiv en anden --store",
  },
  'store.error.busy': {
    en: "store file '{path}' stayed locked by another process for {timeoutMs} ms: try again when it has finished",
    da: "lagerfilen '{path}' var låst af en anden proces i {timeoutMs} ms: prøv igen, når den er færdig",
  },
  'store.error.duplicate': {
    en: "a token for user '{user}' already exists: remove it first with 'tokenkit token remove {user}', or choose another user name",
    da: "der findes allerede et token for brugeren '{user}': fjern det først med 'tokenkit token remove {user}', eller vælg et andet brugernavn",
  },
  'store.error.notFound': {
    en: "no token for user '{user}': see 'tokenkit token list', or add one with 'tokenkit token add {user} --generate'",
    da: "intet token for brugeren '{user}': se 'tokenkit token list', eller tilføj et med 'tokenkit token add {user} --generate'",
  },
  'store.error.userEmpty': {
    en: 'user name is empty: give a name of 1 to {max} characters',
    da: 'brugernavnet er tomt: angiv et navn på 1 til {max} tegn',
  },
  'store.error.userTooLong': {
    en: 'user name is {length} characters long: use at most {max}',
    da: 'brugernavnet er {length} tegn langt: brug højst {max}',
  },
  'store.error.userControl': {
    en: 'user name has a control character at position {position}: use printable characters only',
    da: 'brugernavnet har et kontroltegn på position {position}: brug kun synlige tegn',
  },
  'store.error.userSpace': {
    en: 'user name starts or ends with a space: remove it',
    da: 'brugernavnet begynder eller slutter med et mellemrum: fjern det',
  },
  'store.error.badToken': {
    en: "token field {field} is '{value}', which the store cannot hold (allowed: {allowed})",
    da: "tokenfeltet {field} er '{value}', som lageret ikke kan gemme (tilladt: {allowed})",
  },
  'store.error.closed': {
    en: 'the token store is closed: open it again',
    da: 'tokenlageret er lukket: åbn det igen',
  },
});
