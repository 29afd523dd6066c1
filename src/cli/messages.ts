import { defineMessages } from '../i18n/define';

export const CLI_MESSAGES = defineMessages({
  'cli.description': {
    en: 'Emulate the MitID code display and audio code reader for practice and OTP timing work. Never for real logins.',
    da: 'Efterligner MitID-kodeviseren og MitID-kodeoplæseren til øvelse og test af OTP-tider. Aldrig til rigtige logins.',
  },
  'cli.opt.store': {
    en: 'token store file (default $TOKENKIT_STORE, else $XDG_STATE_HOME/tokenkit/tokenkit.db)',
    da: 'fil til tokenlageret (standard $TOKENKIT_STORE, ellers $XDG_STATE_HOME/tokenkit/tokenkit.db)',
  },
  'cli.opt.lang': {
    en: 'language of messages: da or en (default from the locale)',
    da: 'sprog for beskeder: da eller en (standard: ud fra din locale)',
  },
  'cli.opt.noColor': { en: 'no colours (also when NO_COLOR is set)', da: 'ingen farver (også når NO_COLOR er sat)' },
  'cli.opt.json': { en: 'print data as JSON', da: 'udskriv data som JSON' },
  'cli.opt.help': { en: 'show help for a command', da: 'vis hjælp til en kommando' },
  'cli.opt.version': { en: 'print the version', da: 'udskriv versionen' },
  'cli.help.usage': { en: 'Usage:', da: 'Brug:' },
  'cli.help.options': { en: 'Options:', da: 'Tilvalg:' },
  'cli.help.commands': { en: 'Commands:', da: 'Kommandoer:' },
  'cli.help.arguments': { en: 'Arguments:', da: 'Argumenter:' },
  'cli.help.globalOptions': { en: 'Global Options:', da: 'Globale tilvalg:' },
  'cli.help.default': { en: '(default: ', da: '(standard: ' },
  'cli.help.choices': { en: '(choices: ', da: '(valg: ' },
  'cli.help.command': { en: 'show help for a command', da: 'vis hjælp til en kommando' },
  'cli.help.exitCodes': {
    en: 'Exit codes: 0 ok, 1 not valid, 2 bad input, 3 locked out, 4 device problem, 5 missing program, 70 internal error, 130 interrupted.',
    da: 'Afslutningskoder: 0 ok, 1 ikke gyldig, 2 ugyldigt input, 3 spærret, 4 fejl ved enheden, 5 et program mangler, 70 intern fejl, 130 afbrudt.',
  },
  'cli.error.prefix': { en: 'tokenkit: {message}', da: 'tokenkit: {message}' },
  'cli.error.unknownOption': {
    en: "unknown option '{option}'. See 'tokenkit{command} --help' for the options.",
    da: "ukendt tilvalg '{option}'. Se 'tokenkit{command} --help' for tilvalgene.",
  },
  'cli.error.unknownCommand': {
    en: "unknown command '{name}'. See 'tokenkit{command} --help' for the commands.",
    da: "ukendt kommando '{name}'. Se 'tokenkit{command} --help' for kommandoerne.",
  },
  'cli.error.missingArgument': {
    en: "missing argument '{name}'. See 'tokenkit{command} --help'.",
    da: "mangler argumentet '{name}'. Se 'tokenkit{command} --help'.",
  },
  'cli.error.optionMissingArgument': {
    en: "option '{option}' needs a value. See 'tokenkit{command} --help'.",
    da: "tilvalget '{option}' skal have en værdi. Se 'tokenkit{command} --help'.",
  },
  'cli.error.invalidChoice': {
    en: "{option} '{value}' is not one of {choices}. See 'tokenkit{command} --help'.",
    da: "{option} '{value}' er ikke en af {choices}. Se 'tokenkit{command} --help'.",
  },
  'cli.error.excessArguments': {
    en: "too many arguments to 'tokenkit{command}'. See 'tokenkit{command} --help'.",
    da: "for mange argumenter til 'tokenkit{command}'. Se 'tokenkit{command} --help'.",
  },
  'cli.error.conflictingOption': {
    en: "options {a} and {b} cannot be used together. See 'tokenkit{command} --help'.",
    da: "tilvalgene {a} og {b} kan ikke bruges sammen. Se 'tokenkit{command} --help'.",
  },
  'cli.error.usage': {
    en: "{detail}. See 'tokenkit{command} --help'.",
    da: "{detail}. Se 'tokenkit{command} --help'.",
  },
  'cli.error.badLang': {
    en: "unknown language '{value}': use da or en.",
    da: "ukendt sprog '{value}': brug da eller en.",
  },
  'cli.error.internal': {
    en: 'internal error ({name}): {detail}. Please report it; set TOKENKIT_DEBUG=1 for details.',
    da: 'intern fejl ({name}): {detail}. Rapportér den gerne; sæt TOKENKIT_DEBUG=1 for detaljer.',
  },
});
