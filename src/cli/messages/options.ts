import { defineMessages } from '../../i18n/define';

export const SPEAKER_OPTION_MESSAGES = defineMessages({
  'cli.speaker.opt.voice': {
    en: 'audio reader speech engine: espeak, festival or say (default: saved, else espeak-ng, else festival)',
    da: 'kodeoplæserens talemotor: espeak, festival eller say (standard: gemt, ellers espeak-ng, ellers festival)',
  },
  'cli.speaker.opt.device': {
    en: 'audio output device for the headphones (see tokenkit audio devices; default: saved, else the system default)',
    da: 'lydudgang til hovedtelefonerne (se tokenkit audio devices; standard: den gemte, ellers systemets standard)',
  },
  'cli.speaker.opt.noSpeech': { en: 'audio reader without sound', da: 'kodeoplæseren uden lyd' },
});

/** Parsers for CLI option values: each returns a number in the unit its name says or throws a UsageError (exit 2). */
export const PARSE_MESSAGES = defineMessages({
  'cli.parse.time': {
    en: "{option} '{value}' is not a time: give unix seconds (e.g. 1700000000 or 1700000000.5), an ISO 8601 date (e.g. 2026-11-23T08:00:00Z; UTC unless an offset is given) or 'now'",
    da: "{option} '{value}' er ikke et tidspunkt: angiv unix-sekunder (f.eks. 1700000000 eller 1700000000.5), en ISO 8601-dato (f.eks. 2026-11-23T08:00:00Z; UTC, medmindre en tidszoneforskydning er angivet) eller 'now'",
  },
  'cli.parse.integer': {
    en: "{option} '{value}' is not a whole number from {min} to {max}",
    da: "{option} '{value}' er ikke et helt tal fra {min} til {max}",
  },
  'cli.parse.duration': {
    en: "{option} '{value}' is not a duration: use e.g. 90s, 30m, 24h or 2d (at most {max})",
    da: "{option} '{value}' er ikke en varighed: brug f.eks. 90s, 30m, 24h eller 2d (højst {max})",
  },
});

export const SECRET_OPTION_MESSAGES = defineMessages({
  'cli.secret.opt.secret': {
    en: "the secret in Base32 (RFC 4648; spaces and lower case are fine), or '-' to read it from stdin. $TOKENKIT_SECRET or stdin keeps it out of the process list (ps), which shows every command line",
    da: "hemmeligheden i Base32 (RFC 4648; mellemrum og små bogstaver er fine) eller '-' for at læse den fra stdin. $TOKENKIT_SECRET eller stdin holder den ude af proceslisten (ps), som viser alle kommandolinjer",
  },
  'cli.secret.opt.secretHex': {
    en: "the secret in hex, or '-' to read it from stdin (kept out of ps)",
    da: "hemmeligheden i hex eller '-' for at læse den fra stdin (holdes ude af ps)",
  },
  'cli.secret.opt.uri': {
    en: "an otpauth:// key URI (sets secret, algorithm, digits, period and counter; explicit options win), or '-' to read it from stdin (kept out of ps)",
    da: "en otpauth://-nøgle-URI (sætter hemmelighed, algoritme, cifre, periode og tæller; angivne tilvalg vinder) eller '-' for at læse den fra stdin (holdes ude af ps)",
  },
  'cli.secret.error.stdinTwice': {
    en: "only one of --secret, --secret-hex and --uri can be read from stdin ('-')",
    da: "kun én af --secret, --secret-hex og --uri kan læses fra stdin ('-')",
  },
  'cli.secret.error.stdinEmpty': {
    en: '{option} - reads the secret from stdin, but stdin gave an empty line: pipe it in (e.g. tokenkit ... {option} - < secret.txt) or set TOKENKIT_SECRET',
    da: '{option} - læser hemmeligheden fra stdin, men stdin gav en tom linje: send den ind (f.eks. tokenkit ... {option} - < hemmelighed.txt), eller sæt TOKENKIT_SECRET',
  },
  'cli.secret.prompt': { en: 'Secret (not shown): ', da: 'Hemmelighed (vises ikke): ' },
  'cli.secret.opt.algorithm': {
    en: 'HMAC algorithm: sha1, sha256 or sha512 (default sha1)',
    da: 'HMAC-algoritme: sha1, sha256 eller sha512 (standard sha1)',
  },
  'cli.secret.opt.digits': { en: 'code length, 6 to 10 (default 6)', da: 'kodelængde, 6 til 10 (standard 6)' },
  'cli.secret.opt.period': {
    en: 'time step in whole seconds, 1 to 3600 (default 30)',
    da: 'tidstrin i hele sekunder, 1 til 3600 (standard 30)',
  },
  'cli.secret.opt.t0': {
    en: 'unix time in seconds of step 0 (default 0)',
    da: 'unix-tid i sekunder for trin 0 (standard 0)',
  },
  'cli.secret.error.missing': {
    en: 'no secret given: use --secret BASE32, --secret-hex HEX or --uri otpauth://... (or set TOKENKIT_SECRET)',
    da: 'ingen hemmelighed angivet: brug --secret BASE32, --secret-hex HEX eller --uri otpauth://... (eller sæt TOKENKIT_SECRET)',
  },
  'cli.secret.error.conflict': {
    en: 'give only one of --secret, --secret-hex and --uri (got {given})',
    da: 'angiv kun én af --secret, --secret-hex og --uri (fik {given})',
  },
});
