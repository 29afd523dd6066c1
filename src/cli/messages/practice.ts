import { defineMessages } from '../../i18n/define';

export const PRACTICE_CLI_MESSAGES = defineMessages({
  'cli.practice.description': {
    en: 'serve the practice login site: learners create a user ID, activate a token and log in; a trainer console runs the class',
    da: 'start øvelsessiden: deltagerne opretter et bruger-ID, aktiverer en kodeviser og logger på; underviseren styrer holdet fra en konsol',
  },
  'cli.practice.opt.port': {
    en: 'port to listen on (default 8080; 0 picks a free one)',
    da: 'porten der lyttes på (standard 8080; 0 vælger en ledig)',
  },
  'cli.practice.opt.host': {
    en: 'address to listen on (default 127.0.0.1: this computer only). Another address lets the class connect and needs a trainer passphrase',
    da: 'adressen der lyttes på (standard 127.0.0.1: kun denne computer). En anden adresse lader holdet koble på og kræver en adgangsfrase til underviseren',
  },
  'cli.practice.opt.open': { en: 'open the site in the web browser', da: 'åbn siden i webbrowseren' },
  'cli.practice.help.passphrase': {
    en: 'The trainer passphrase comes from $TOKENKIT_TRAINER_PASSPHRASE (at least 8 characters); with --host beyond this computer and no passphrase set, one is made and printed here.',
    da: 'Underviserens adgangsfrase tages fra $TOKENKIT_TRAINER_PASSPHRASE (mindst 8 tegn); med --host ud over denne computer og ingen adgangsfrase laves der en, som skrives her.',
  },
  'cli.practice.serving': { en: 'Practice site: {url}', da: 'Øvelsessiden: {url}' },
  'cli.practice.trainer': { en: 'Trainer console: {url}trainer', da: 'Underviserens konsol: {url}trainer' },
  'cli.practice.stop': { en: 'Stop with Ctrl-C.', da: 'Stop med Ctrl-C.' },
  'cli.practice.exposed': {
    en: 'Warning: the site can be reached by every computer on this network, over plain HTTP. Use it on a classroom network only, and only with practice data.',
    da: 'Advarsel: siden kan nås af alle computere på dette netværk, over almindelig HTTP. Brug den kun på et undervisningsnetværk og kun med øvelsesdata.',
  },
  'cli.practice.generatedPassphrase': {
    en: 'Trainer passphrase (made for this run; set TOKENKIT_TRAINER_PASSPHRASE to choose one): {passphrase}',
    da: 'Underviserens adgangsfrase (lavet til denne kørsel; sæt TOKENKIT_TRAINER_PASSPHRASE for at vælge en selv): {passphrase}',
  },
  'cli.practice.qr': {
    en: 'Scan to open the practice site on a phone on the same network:',
    da: 'Scan for at åbne øvelsessiden på en telefon på samme netværk:',
  },
  'cli.practice.openFailed': {
    en: 'could not open a web browser ({detail}): open {url} yourself',
    da: 'kunne ikke åbne en webbrowser ({detail}): åbn selv {url}',
  },
  'cli.practice.error.port': {
    en: "--port '{value}' is not a port: give a whole number from 0 to 65535",
    da: "--port '{value}' er ikke en port: angiv et helt tal fra 0 til 65535",
  },
});
