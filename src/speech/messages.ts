import { defineMessages } from '../i18n/define';

export const SPEECH_MESSAGES = defineMessages({
  'speech.error.badWav': { en: 'cannot read the audio: {detail}.', da: 'kan ikke læse lyden: {detail}.' },
  'speech.error.missingTool': {
    en: "the program '{tool}' is not installed: install the Debian package '{package}' (sudo apt-get install {package}).",
    da: "programmet '{tool}' er ikke installeret: installer Debian-pakken '{package}' (sudo apt-get install {package}).",
  },
  'speech.error.festivalNoDanish': {
    en: "festival has no Danish voice: use --voice espeak for Danish (install the Debian package '{package}'), or --lang en.",
    da: "festival har ingen dansk stemme: brug --voice espeak til dansk (installer Debian-pakken '{package}'), eller --lang en.",
  },
  'speech.error.noEngine': {
    en: "no speech engine found: install the Debian package 'espeak-ng' (sudo apt-get install espeak-ng), or 'festival' for English only.",
    da: "ingen talemotor fundet: installer Debian-pakken 'espeak-ng' (sudo apt-get install espeak-ng), eller 'festival' kun til engelsk.",
  },
  'speech.error.sayNoWav': {
    en: 'the say voice cannot write WAV files on {platform}: use --voice espeak or --voice festival with --wav.',
    da: 'say-stemmen kan ikke skrive WAV-filer på {platform}: brug --voice espeak eller --voice festival med --wav.',
  },
  'speech.error.sayNoDevice': {
    en: 'the say voice cannot choose an output device on {platform}: leave out --device or use --voice espeak.',
    da: 'say-stemmen kan ikke vælge lydudgang på {platform}: udelad --device eller brug --voice espeak.',
  },
  'speech.error.playback': {
    en: "audio output '{device}' failed: {detail}. See 'tokenkit audio devices' for the outputs.",
    da: "lydudgangen '{device}' fejlede: {detail}. Se 'tokenkit audio devices' for udgangene.",
  },
  'speech.error.playerKilled': {
    en: "the player for audio output '{device}' was stopped by {signal} (not by tokenkit): try again, or see 'tokenkit audio devices'.",
    da: "afspilleren for lydudgangen '{device}' blev stoppet af {signal} (ikke af tokenkit): prøv igen, eller se 'tokenkit audio devices'.",
  },
  'speech.error.aborted': { en: 'speech was cancelled.', da: 'oplæsningen blev afbrudt.' },
  'speech.error.unsafeText': {
    en: 'refusing to pass text tokenkit did not compose to the {backend} engine (it would be read as code).',
    da: 'afviser at give tekst, som tokenkit ikke selv har sammensat, til {backend}-motoren (den ville blive læst som kode).',
  },
  'speech.error.badCode': {
    en: "the code '{value}' is not 6 to 10 digits: give digits only, spaces allowed (e.g. 452917 or '452 917').",
    da: "koden '{value}' er ikke 6 til 10 cifre: angiv kun cifre, mellemrum er tilladt (f.eks. 452917 eller '452 917').",
  },
  'speech.error.badVoice': {
    en: "unknown voice '{value}': use one of {valid}.",
    da: "ukendt stemme '{value}': brug en af {valid}.",
  },
  'speech.error.badLang': {
    en: "unknown language '{value}': use one of {valid}.",
    da: "ukendt sprog '{value}': brug en af {valid}.",
  },
  'speech.error.badDevice': {
    en: "unknown audio output '{value}': use one of {valid}. See 'tokenkit audio devices'.",
    da: "ukendt lydudgang '{value}': brug en af {valid}. Se 'tokenkit audio devices'.",
  },
  'speech.error.badRate': {
    en: "speech rate '{value}' is not a whole number from {min} to {max} (percent of normal speed).",
    da: "taletempoet '{value}' er ikke et helt tal fra {min} til {max} (procent af normal hastighed).",
  },
  'speech.error.badVolume': {
    en: "volume '{value}' is not a whole number from {min} to {max} (percent).",
    da: "lydstyrken '{value}' er ikke et helt tal fra {min} til {max} (procent).",
  },
  'speech.error.badRemaining': {
    en: "remaining time '{value}' is not a whole number of seconds from 0 to {max}.",
    da: "resterende tid '{value}' er ikke et helt antal sekunder fra 0 til {max}.",
  },
  'speech.error.config': {
    en: 'cannot use the settings file {file}: {detail}. Fix or delete it.',
    da: 'kan ikke bruge indstillingsfilen {file}: {detail}. Ret eller slet den.',
  },
  'speech.error.wavWrite': {
    en: 'cannot write the WAV file {file}: {detail}.',
    da: 'kan ikke skrive WAV-filen {file}: {detail}.',
  },
  // What the reader says. Only these texts and single digits ever reach a speech engine.
  'speech.phrase.validFor': { en: 'Valid for {n} more seconds.', da: 'Gyldig i {n} sekunder endnu.' },
  'speech.phrase.validForOne': { en: 'Valid for {n} more second.', da: 'Gyldig i {n} sekund endnu.' },
  'speech.phrase.expired': { en: 'The code has expired.', da: 'Koden er udløbet.' },
  // Spoken confirmations of the reader's keys (the same words the plain lines print).
  'speech.phrase.volume': { en: 'Volume {n} percent.', da: 'Lydstyrke {n} procent.' },
  'speech.phrase.rate': { en: 'Speech rate {n} percent.', da: 'Taletempo {n} procent.' },
  'speech.phrase.language': { en: 'English.', da: 'Dansk.' },
  'speech.phrase.nothingToRepeat': {
    en: 'No code yet. Press space for a code.',
    da: 'Ingen kode endnu. Tryk på mellemrum for at få en kode.',
  },
  'speech.phrase.unknownKey': {
    en: 'That key does nothing. Press H for help.',
    da: 'Den tast gør ingenting. Tryk på H for at få hjælp.',
  },
  'speech.phrase.help': {
    en: 'Space or enter reads the code. R repeats it. Plus and minus change the volume. Greater than and less than change the speech rate. L changes the language. H gives this help. Q quits.',
    da: 'Mellemrum eller enter læser koden op. R gentager den. Plus og minus ændrer lydstyrken. Større end og mindre end ændrer taletempoet. L skifter sprog. H giver denne hjælp. Q afslutter.',
  },
});

export const OPEN_SPEAKER_MESSAGES = defineMessages({
  'speech.silent': {
    en: 'No speech: {reason}. The reader keeps working silently.',
    da: 'Ingen tale: {reason}. Oplæseren fortsætter uden lyd.',
  },
});
