import { defineMessages } from '../../i18n/define';

export const AVRDUDE_MESSAGES = defineMessages({
  'flash.avrdude.missing': {
    en: "avrdude is not installed: install it (Debian/Ubuntu: 'sudo apt-get install avrdude', macOS: 'brew install avrdude'), then run the command again.",
    da: "avrdude er ikke installeret: installer det (Debian/Ubuntu: 'sudo apt-get install avrdude', macOS: 'brew install avrdude'), og kør så kommandoen igen.",
  },
  'flash.avrdude.no-sync': {
    en: "the bootloader on {port} did not answer avrdude (not in sync): check --board (an older Nano needs 'nano-old-bootloader'), the cable, and that nothing else has the port open; nothing was written.",
    da: "bootloaderen på {port} svarede ikke avrdude (ikke i synk): tjek --board (en ældre Nano skal have 'nano-old-bootloader'), kablet, og at intet andet har porten åben; intet blev skrevet.",
  },
  'flash.avrdude.port': {
    en: "avrdude cannot open {port} ({detail}): check the path with 'tokenkit device list' and your permissions (see docs/hardware.md); nothing was written.",
    da: "avrdude kan ikke åbne {port} ({detail}): tjek stien med 'tokenkit device list' og dine rettigheder (se docs/hardware.md); intet blev skrevet.",
  },
  'flash.avrdude.signature': {
    en: 'the chip on {port} is not an ATmega328P (signature {detail}): this firmware is for an Uno or Nano with an ATmega328P; nothing was written.',
    da: 'chippen på {port} er ikke en ATmega328P (signatur {detail}): denne firmware er til en Uno eller Nano med ATmega328P; intet blev skrevet.',
  },
  'flash.avrdude.write': {
    en: 'avrdude stopped while writing the flash on {port} ({detail}): the board now holds a partial image and will not run until it is flashed again; its bootloader is intact, so run the same command again.',
    da: 'avrdude stoppede under skrivningen af flashen på {port} ({detail}): enheden har nu et halvt image og kører ikke, før den flashes igen; bootloaderen er intakt, så kør den samme kommando igen.',
  },
  'flash.avrdude.verify': {
    en: 'the flash on {port} does not read back as written ({detail}): the board will not run reliably; run the same command again, and try another USB cable or port if it fails twice.',
    da: 'flashen på {port} kan ikke læses tilbage, som den blev skrevet ({detail}): enheden kører ikke pålideligt; kør den samme kommando igen, og prøv et andet USB-kabel eller en anden port, hvis det fejler to gange.',
  },
  'flash.avrdude.other': {
    en: 'avrdude failed on {port} (exit {exitCode}): {detail}. Run the avrdude command it printed with -v for details.',
    da: 'avrdude fejlede på {port} (afslutningskode {exitCode}): {detail}. Kør avrdude-kommandoen med -v for detaljer.',
  },
});

export const FIRMWARE_CATALOG_MESSAGES = defineMessages({
  'flash.firmware.unreadable': {
    en: 'cannot read {file}: {detail}. Check the path, or leave out --hex to use the shipped firmware.',
    da: 'kan ikke læse {file}: {detail}. Tjek stien, eller udelad --hex for at bruge den medfølgende firmware.',
  },
  'flash.firmware.notOurs': {
    en: '{file} is not a tokenkit firmware ({reason}): build one with make -C firmware, or leave out --hex to use the shipped one.',
    da: '{file} er ikke en tokenkit-firmware ({reason}): byg en med make -C firmware, eller udelad --hex for at bruge den medfølgende.',
  },
  'flash.firmware.notShipped': {
    en: "the firmware {id} is not in this installation ({dir}): reinstall tokenkit, or give a .hex with --hex (see 'tokenkit firmware list').",
    da: "firmwaren {id} findes ikke i denne installation ({dir}): geninstaller tokenkit, eller angiv en .hex med --hex (se 'tokenkit firmware list').",
  },
});

export const FLASH_BOARD_MESSAGES = defineMessages({
  'flash.error.wrongBoard': {
    en: "unknown board '{board}': use one of {choices}.",
    da: "ukendt board '{board}': brug en af {choices}.",
  },
  'flash.error.noBoard': {
    en: "no Uno or Nano found: plug one in and pass --port (see 'tokenkit device list --all')",
    da: "ingen Uno eller Nano fundet: tilslut en, og angiv --port (se 'tokenkit device list --all')",
  },
  'flash.error.severalBoards': {
    en: 'several boards are plugged in ({paths}): choose one with --port',
    da: 'flere boards er tilsluttet ({paths}): vælg et med --port',
  },
  'flash.error.afterFlash.boot': {
    en: "the firmware is written to {port}, but the board did not start it ({detail}). Nothing else was changed: unplug and replug the board and run 'tokenkit device info --port {port}'; if it still does not answer, flash again.",
    da: "firmwaren er skrevet til {port}, men enheden startede den ikke ({detail}). Intet andet er ændret: tag enheden ud og sæt den i igen, og kør 'tokenkit device info --port {port}'; svarer den stadig ikke, så flash igen.",
  },
  'flash.error.afterFlash.clock': {
    en: "the firmware is written to {port} and runs, but setting its clock failed ({detail}); it has no secret yet. Set the clock with 'tokenkit device time --port {port} --set now --force'.",
    da: "firmwaren er skrevet til {port} og kører, men uret kunne ikke sættes ({detail}); den har ingen hemmelighed endnu. Sæt uret med 'tokenkit device time --port {port} --set now --force'.",
  },
  'flash.error.afterFlash.clockThenProvision': {
    en: "the firmware is written to {port} and runs, but setting its clock failed ({detail}); it has no secret yet and the store was not changed. Run 'tokenkit device time --port {port} --set now --force', then 'tokenkit device provision --port {port} --generate{register}'.",
    da: "firmwaren er skrevet til {port} og kører, men uret kunne ikke sættes ({detail}); den har ingen hemmelighed endnu, og lageret er uændret. Kør 'tokenkit device time --port {port} --set now --force' og derefter 'tokenkit device provision --port {port} --generate{register}'.",
  },
  'flash.error.afterFlash.provisionNothingKept': {
    en: "the firmware is written to {port} and its clock is set, but the board refused the secret ({detail}): it has none, and the store was not changed. Run 'tokenkit device provision --port {port} --generate{register}'.",
    da: "firmwaren er skrevet til {port}, og uret er sat, men enheden afviste hemmeligheden ({detail}): den har ingen, og lageret er uændret. Kør 'tokenkit device provision --port {port} --generate{register}'.",
  },
  'flash.error.afterFlash.provisionMaybeKept': {
    en: "the firmware is written to {port} and its clock is set, but provisioning did not finish ({detail}): the board may or may not hold the new secret, and the store keeps it for '{user}'. Run 'tokenkit token remove {user}', then 'tokenkit device provision --port {port} --generate --register {user}'.",
    da: "firmwaren er skrevet til {port}, og uret er sat, men indlæsningen af hemmeligheden blev ikke færdig ({detail}): enheden har måske den nye hemmelighed, måske ikke, og lageret har den for '{user}'. Kør 'tokenkit token remove {user}' og derefter 'tokenkit device provision --port {port} --generate --register {user}'.",
  },
  'flash.error.afterFlash.provisionMaybeKeptNoStore': {
    en: "the firmware is written to {port} and its clock is set, but provisioning did not finish ({detail}): the board may or may not hold the new secret, which is kept nowhere else. Run 'tokenkit device provision --port {port} --generate --register USER'.",
    da: "firmwaren er skrevet til {port}, og uret er sat, men indlæsningen af hemmeligheden blev ikke færdig ({detail}): enheden har måske den nye hemmelighed, måske ikke, og den er ikke gemt andre steder. Kør 'tokenkit device provision --port {port} --generate --register BRUGER'.",
  },
});
