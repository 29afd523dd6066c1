import { defineMessages } from '../../i18n/define';

export const FIRMWARE_CLI_MESSAGES = defineMessages({
  'cli.firmware.description': {
    en: 'the companion firmware for an Arduino Uno or Nano: list, info, flash (with avrdude)',
    da: 'følgefirmwaren til en Arduino Uno eller Nano: list, info, flash (med avrdude)',
  },
  'cli.firmware.list.description': {
    en: 'list the shipped firmware and the boards it can be flashed onto',
    da: 'vis den medfølgende firmware og de boards, den kan lægges på',
  },
  'cli.firmware.info.description': {
    en: 'show a firmware image: version, sha256, sizes; with --hex, check that a file is a tokenkit firmware',
    da: 'vis et firmware-image: version, sha256, størrelser; med --hex tjekkes, at en fil er en tokenkit-firmware',
  },
  'cli.firmware.flash.description': {
    en: 'write the firmware onto an Uno or Nano with avrdude, wait for it to start, set its clock, and optionally provision it',
    da: 'skriv firmwaren på en Uno eller Nano med avrdude, vent på at den starter, sæt dens ur, og indlæs eventuelt en hemmelighed',
  },
  'cli.firmware.opt.hex': {
    en: 'a firmware .hex of your own (e.g. firmware/build/avr-atmega328p/tokenkit.hex) instead of the shipped one',
    da: 'en firmware-.hex, du selv har bygget (f.eks. firmware/build/avr-atmega328p/tokenkit.hex), i stedet for den medfølgende',
  },
  'cli.firmware.opt.board': { en: 'the board: {choices}', da: 'boardet: {choices}' },
  'cli.firmware.opt.port': {
    en: "the board's serial port (e.g. /dev/ttyUSB0); default: the only Uno or Nano plugged in",
    da: 'boardets serielle port (f.eks. /dev/ttyUSB0); standard: den eneste tilsluttede Uno eller Nano',
  },
  'cli.firmware.opt.generate': {
    en: 'after flashing, store a new random secret (20 bytes) on the board',
    da: 'gem efter flashningen en ny tilfældig hemmelighed (20 bytes) på boardet',
  },
  'cli.firmware.opt.register': {
    en: 'with --generate: also add the token to the store for USER, for tokenkit verify',
    da: 'med --generate: tilføj også tokenet til lageret for BRUGER, til tokenkit verify',
  },
  'cli.firmware.opt.verbose': {
    en: "print avrdude's own output on stderr",
    da: 'udskriv avrdudes egne meddelelser på stderr',
  },
  'cli.firmware.list.firmware': {
    en: '{id}  version {version}  sha256 {sha}  for {boards}',
    da: '{id}  version {version}  sha256 {sha}  til {boards}',
  },
  'cli.firmware.list.none': {
    en: 'No shipped firmware in {dir}: build it with make -C firmware and use --hex, or reinstall tokenkit.',
    da: 'Ingen medfølgende firmware i {dir}: byg den med make -C firmware og brug --hex, eller geninstaller tokenkit.',
  },
  'cli.firmware.list.boards': { en: 'Boards:', da: 'Boards:' },
  'cli.firmware.list.board': {
    en: '  {id}  {name}  (bootloader {baud} baud, starts in {bootMs} ms)',
    da: '  {id}  {name}  (bootloader {baud} baud, starter på {bootMs} ms)',
  },
  'cli.firmware.unknownVersion': { en: 'unknown', da: 'ukendt' },
  'cli.firmware.info.file': { en: 'File:       {value}', da: 'Fil:        {value}' },
  'cli.firmware.info.version': { en: 'Version:    {value}', da: 'Version:    {value}' },
  'cli.firmware.info.profile': { en: 'Profile:    {value}', da: 'Profil:     {value}' },
  'cli.firmware.info.sha256': { en: 'sha256:     {value}', da: 'sha256:     {value}' },
  'cli.firmware.info.size': {
    en: 'Flash:      {bytes} bytes of {max} ({percent} %)',
    da: 'Flash:      {bytes} bytes af {max} ({percent} %)',
  },
  'cli.firmware.info.sizes': { en: 'Build:      {value}', da: 'Build:      {value}' },
  'cli.firmware.info.shipped': {
    en: 'Shipped:    yes, {id} (matches its manifest)',
    da: 'Medfølger:  ja, {id} (svarer til manifestet)',
  },
  'cli.firmware.info.notShipped': {
    en: 'Shipped:    no (a build of your own)',
    da: 'Medfølger:  nej (en, du selv har bygget)',
  },
  'cli.firmware.flash.start': {
    en: 'Flashing {firmware} {version} onto the {board} on {port} with avrdude (about 10 s; do not unplug the board)...',
    da: 'Flasher {firmware} {version} på {board} på {port} med avrdude (ca. 10 s; tag ikke boardet ud)...',
  },
  'cli.firmware.flash.flashed': {
    en: 'Written and verified: {bytes} bytes in {seconds} s.',
    da: 'Skrevet og kontrolleret: {bytes} bytes på {seconds} s.',
  },
  'cli.firmware.flash.booted': {
    en: 'The firmware runs: serial {serial}, firmware {version} (answered after {seconds} s).',
    da: 'Firmwaren kører: serienummer {serial}, firmware {version} (svarede efter {seconds} s).',
  },
  'cli.firmware.flash.clock': {
    en: 'Clock set to {time} (UTC, from this computer).',
    da: 'Uret er sat til {time} (UTC, fra denne computer).',
  },
  'cli.firmware.flash.done': {
    en: "Done: the board is a tokenkit code display. Press its button, or run 'tokenkit device press --port {port}'.",
    da: "Færdig: boardet er en tokenkit-kodeviser. Tryk på knappen, eller kør 'tokenkit device press --port {port}'.",
  },
  'cli.firmware.flash.noSecret': {
    en: "It has no secret yet: run 'tokenkit device provision --port {port} --generate --register USER'.",
    da: "Den har ingen hemmelighed endnu: kør 'tokenkit device provision --port {port} --generate --register BRUGER'.",
  },
  'cli.firmware.error.registerNeedsGenerate': {
    en: '--register needs --generate: it registers the secret that --generate puts on the board',
    da: '--register kræver --generate: den registrerer den hemmelighed, som --generate lægger på boardet',
  },
  'cli.firmware.error.showSecretNeedsGenerate': {
    en: '--show-secret needs --generate',
    da: '--show-secret kræver --generate',
  },
  'cli.simAvr.opt.firmware': {
    en: 'which board firmware runs: ts (the TypeScript model, default) or avr (the real C firmware in the AVR emulator, with its display decoded)',
    da: 'hvilken firmware enheden kører: ts (TypeScript-modellen, standard) eller avr (den rigtige C-firmware i AVR-emulatoren med dens display afkodet)',
  },
  'cli.simAvr.ready': {
    en: 'The tokenkit firmware in the AVR emulator (an Arduino Nano) on {path}. Talk to it with: tokenkit device info --port {path}. Ctrl-C stops it.',
    da: 'tokenkit-firmwaren i AVR-emulatoren (en Arduino Nano) på {path}. Tal med den med: tokenkit device info --port {path}. Ctrl-C stopper den.',
  },
  'cli.simAvr.keys': {
    en: 'The tokenkit firmware in the AVR emulator: space or Enter presses the button, q quits.',
    da: 'tokenkit-firmwaren i AVR-emulatoren: mellemrum eller Enter trykker på knappen, q afslutter.',
  },
  'cli.simAvr.off': { en: 'display off', da: 'skærmen er slukket' },
  'cli.simAvr.shows': { en: 'display: {digits}', da: 'skærm: {digits}' },
  'cli.simAvr.error.unsupported': {
    en: '{option} does not apply with --firmware avr (the C firmware runs as a serial code display)',
    da: '{option} gælder ikke med --firmware avr (C-firmwaren kører som seriel kodeviser)',
  },
});
