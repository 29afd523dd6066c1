import { defineMessages } from '../../i18n/define';

export const SPEAK_CLI_MESSAGES = defineMessages({
  'cli.speak.description': {
    en: 'speak a code as the audio code reader does (digit by digit, in groups), or write it to a WAV file',
    da: 'læs en kode op som kodeoplæseren gør (ciffer for ciffer, i grupper), eller skriv den til en WAV-fil',
  },
  'cli.speak.arg.code': {
    en: 'the code: 6 to 10 digits, spaces allowed',
    da: 'koden: 6 til 10 cifre, mellemrum tilladt',
  },
  'cli.speak.opt.voice': {
    en: 'speech engine: espeak (Danish and English), festival (English only), say (the say package) (default: saved, else espeak)',
    da: 'talemotor: espeak (dansk og engelsk), festival (kun engelsk), say (say-pakken) (standard: gemt, ellers espeak)',
  },
  'cli.speak.opt.rate': {
    en: 'speech rate in percent of normal, 50 to 200 (tempo only, same pitch; default 100)',
    da: 'taletempo i procent af normalt, 50 til 200 (kun tempo, samme tonehøjde; standard 100)',
  },
  'cli.speak.opt.volume': {
    en: 'volume in percent, 0 to 100 (default 80)',
    da: 'lydstyrke i procent, 0 til 100 (standard 80)',
  },
  'cli.speak.opt.device': {
    en: "output device, e.g. your headphones (see 'tokenkit audio devices'; default: saved, else the system default)",
    da: "lydudgang, f.eks. dine hovedtelefoner (se 'tokenkit audio devices'; standard: gemt, ellers systemets standard)",
  },
  'cli.speak.opt.wav': {
    en: 'write the speech to this WAV file instead of playing it',
    da: 'skriv talen til denne WAV-fil i stedet for at afspille den',
  },
  'cli.speak.opt.remaining': { en: 'also say "valid for N more seconds"', da: 'sig også "gyldig i N sekunder endnu"' },
  'cli.speak.opt.beep': { en: 'end with a short beep', da: 'slut med et kort bip' },
  'cli.speak.opt.text': { en: 'print what is spoken as one line of text', da: 'udskriv det oplæste som én tekstlinje' },
  'cli.speak.wrote': { en: 'Wrote {file} ({seconds} s, {engine}).', da: '{file} er skrevet ({seconds} s, {engine}).' },
  'cli.speak.fellBack': {
    en: 'note: {voice} has no Danish voice; speaking with espeak-ng instead.',
    da: 'bemærk: {voice} har ingen dansk stemme; læser op med espeak-ng i stedet.',
  },
  'cli.audio.description': {
    en: 'audio outputs for the code reader (headphones)',
    da: 'lydudgange til kodeoplæseren (hovedtelefoner)',
  },
  'cli.audio.devices.description': {
    en: 'list the output devices --device accepts; * marks the saved default',
    da: 'vis de lydudgange, som --device godtager; * markerer den gemte standard',
  },
  'cli.speak.error.wavAndDevice': {
    en: '--wav writes a file and plays nothing, so --device has no use with it: leave out one of them.',
    da: '--wav skriver en fil og afspiller intet, så --device kan ikke bruges sammen med den: udelad en af dem.',
  },
  'cli.audio.default.clearAndSet': {
    en: '--clear forgets the saved settings, so it cannot be given with a device, --voice, --rate or --volume: run it on its own first.',
    da: '--clear glemmer de gemte indstillinger og kan derfor ikke gives sammen med en enhed, --voice, --rate eller --volume: kør den alene først.',
  },
  'cli.audio.devices.systemDefault': { en: 'system default output', da: 'systemets standardudgang' },
  'cli.audio.default.description': {
    en: 'show the saved audio settings, or save DEVICE (and --voice, --rate, --volume, --lang) as the defaults; --clear forgets them',
    da: 'vis de gemte lydindstillinger, eller gem ENHED (og --voice, --rate, --volume, --lang) som standard; --clear glemmer dem',
  },
  'cli.audio.default.voice': {
    en: 'speech engine to use by default: espeak, festival or say',
    da: 'den talemotor, der bruges som standard: espeak, festival eller say',
  },
  'cli.audio.default.settings': {
    en: 'Voice: {voice}, language: {lang}, rate: {rate} %, volume: {volume} %.',
    da: 'Stemme: {voice}, sprog: {lang}, tempo: {rate} %, lydstyrke: {volume} %.',
  },
  'cli.audio.default.arg': {
    en: 'the device to save (a name from tokenkit audio devices)',
    da: 'den lydudgang, der skal gemmes (et navn fra tokenkit audio devices)',
  },
  'cli.audio.default.clear': {
    en: 'forget the saved audio settings (system default output, espeak, normal rate)',
    da: 'glem de gemte lydindstillinger (systemets standardudgang, espeak, normalt tempo)',
  },
  'cli.audio.default.none': {
    en: 'No saved output device: the system default is used.',
    da: 'Ingen gemt lydudgang: systemets standard bruges.',
  },
  'cli.audio.default.current': { en: 'Output device: {device}.', da: 'Lydudgang: {device}.' },
  'cli.audio.default.saved': { en: 'Saved in {file}.', da: 'Gemt i {file}.' },
  'cli.audio.default.cleared': { en: 'Forgot the saved audio settings.', da: 'De gemte lydindstillinger er slettet.' },
});
