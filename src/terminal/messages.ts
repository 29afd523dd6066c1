import { defineMessages } from '../i18n/define';

export const TERMINAL_MESSAGES = defineMessages({
  'term.title.codeDisplay': { en: 'MitID code display (practice)', da: 'MitID-kodeviser (øvelse)' },
  'term.title.audioReader': { en: 'MitID audio code reader (practice)', da: 'MitID-kodeoplæser (øvelse)' },
  'term.off.codeDisplay': {
    en: 'Press the grey button (space) to show a code',
    da: 'Tryk på den grå knap (mellemrum) for at vise en kode',
  },
  'term.off.audioReader': {
    en: 'Press the red button (space) to hear the code',
    da: 'Tryk på den røde knap (mellemrum) for at høre koden',
  },
  'term.validFor': { en: 'Valid for {seconds} s', da: 'Gyldig i {seconds} s' },
  'term.key.grey': { en: 'Space/Enter: grey button', da: 'Mellemrum/Enter: grå knap' },
  'term.key.red': { en: 'Space/Enter: red button (read code)', da: 'Mellemrum/Enter: rød knap (læs koden)' },
  'term.key.repeat': { en: 'R: repeat', da: 'R: gentag' },
  'term.key.volume': { en: '+/-: volume {volume}', da: '+/-: lydstyrke {volume}' },
  'term.key.rate': { en: '>/<: speech rate {rate}', da: '>/<: taletempo {rate}' },
  'term.key.lang': { en: 'L: language (English)', da: 'L: sprog (dansk)' },
  'term.key.quit': { en: 'Q: quit', da: 'Q: afslut' },
  'term.key.help': { en: 'H: keys', da: 'H: taster' },
  'term.battery.low': { en: 'Battery low', da: 'Lavt batteri' },
  'term.compact.code': { en: 'Code {code}', da: 'Kode {code}' },
  'term.plain.code': {
    en: 'Code: {code}, valid for {seconds} seconds',
    da: 'Kode: {code}, gyldig i {seconds} sekunder',
  },
  'term.plain.codeOne': {
    en: 'Code: {code}, valid for {seconds} second',
    da: 'Kode: {code}, gyldig i {seconds} sekund',
  },
  'term.plain.off': { en: 'Display off', da: 'Skærmen er slukket' },
  'term.plain.repeatOff': {
    en: 'The last code, {code}, is no longer shown: press space for a new one.',
    da: 'Den sidste kode, {code}, vises ikke længere: tryk på mellemrum for at få en ny.',
  },
  'term.plain.nothingToRepeat': {
    en: 'No code yet: press space for a code.',
    da: 'Ingen kode endnu: tryk på mellemrum for at få en kode.',
  },
  'term.plain.volumeNoSpeech': {
    en: 'Volume not changed: speech is off.',
    da: 'Lydstyrken er ikke ændret: talen er slået fra.',
  },
  'term.plain.rateNoSpeech': {
    en: 'Speech rate not changed: speech is off.',
    da: 'Taletempoet er ikke ændret: talen er slået fra.',
  },
  'term.plain.unknownKey': {
    en: 'That key does nothing: press h for the keys.',
    da: 'Den tast gør ingenting: tryk på h for at se tasterne.',
  },
  'term.plain.helpCodeDisplay': {
    en: 'Keys: space or enter shows a code; r repeats it; l changes language; h lists the keys; q quits.',
    da: 'Taster: mellemrum eller enter viser en kode; r gentager den; l skifter sprog; h viser tasterne; q afslutter.',
  },
  'term.plain.helpAudio': {
    en: 'Keys: space or enter reads the code; r repeats it; + and - change the volume; > and < change the speech rate; l changes language; h lists the keys; q quits.',
    da: 'Taster: mellemrum eller enter læser koden op; r gentager den; + og - ændrer lydstyrken; > og < ændrer taletempoet; l skifter sprog; h viser tasterne; q afslutter.',
  },
  'term.plain.ready': {
    en: '{title}. Press space or enter for a code, h for the keys, q to quit.',
    da: '{title}. Tryk på mellemrum eller enter for at få en kode, på h for at se tasterne og på q for at afslutte.',
  },
  'term.plain.readyAudio': {
    en: '{title}. Space or enter reads the code; r repeats; + and - set volume; > and < set speech rate; l changes language; h lists the keys; q quits.',
    da: '{title}. Mellemrum eller enter læser koden op; r gentager; + og - ændrer lydstyrken; > og < ændrer taletempoet; l skifter sprog; h viser tasterne; q afslutter.',
  },
  'term.plain.volume': { en: 'Volume {volume}', da: 'Lydstyrke {volume}' },
  'term.plain.rate': { en: 'Speech rate {rate}', da: 'Taletempo {rate}' },
  'term.plain.lang': { en: 'Language: English', da: 'Sprog: dansk' },
  'term.plain.battery': { en: 'Battery low: {percent}%', da: 'Lavt batteri: {percent}%' },
  'term.plain.bye': { en: 'Goodbye', da: 'Farvel' },
});
