import { defineMessages } from '../i18n/define';

export const OPEN_BOARD_MESSAGES = defineMessages({
  'device.target.error.portAndHid': {
    en: '--port and --hid both name a board: give only one of them',
    da: '--port og --hid angiver begge en enhed: angiv kun den ene',
  },
  'device.target.error.emptyPort': {
    en: "--port needs a path, e.g. /dev/ttyACM0 (see 'tokenkit device list')",
    da: "--port skal have en sti, f.eks. /dev/ttyACM0 (se 'tokenkit device list')",
  },
  'device.target.error.severalBoards': {
    en: 'several boards are plugged in ({paths}): choose one with --port',
    da: 'flere enheder er tilsluttet ({paths}): vælg én med --port',
  },
});

export const PROVISION_MESSAGES = defineMessages({
  'device.provision.error.tooLong': {
    en: 'the secret is {length} bytes; a board stores at most {max} bytes',
    da: 'hemmeligheden er {length} bytes; en enhed gemmer højst {max} bytes',
  },
  'device.provision.error.hotp': {
    en: 'this key is HOTP (counter-based), but a board makes TOTP codes from its own clock: use a TOTP key (otpauth://totp/...) or --secret',
    da: 'denne nøgle er HOTP (tællerbaseret), men en enhed laver TOTP-koder ud fra sit eget ur: brug en TOTP-nøgle (otpauth://totp/...) eller --secret',
  },
  'device.provision.error.userExists': {
    en: "the store already has a token for '{user}': choose another user or remove it first with 'tokenkit token remove {user}'",
    da: "lageret har allerede et token for '{user}': vælg en anden bruger, eller fjern det først med 'tokenkit token remove {user}'",
  },
});

export const DRIFT_MESSAGES = defineMessages({
  'device.drift.error.tooShort': {
    en: '--duration ({durationMs} ms) is shorter than --interval ({intervalMs} ms): drift needs at least two reads; measure longer or more often',
    da: '--duration ({durationMs} ms) er kortere end --interval ({intervalMs} ms): drift kræver mindst to aflæsninger; mål længere eller oftere',
  },
  'device.drift.error.tooFewReads': {
    en: '--duration {durationMs} ms at --interval {intervalMs} ms is too short to mean anything: a drift needs at least {reads} reads over at least {minMs} ms to show how sure it is; measure for 60 s or more (e.g. --duration 60s)',
    da: '--duration {durationMs} ms med --interval {intervalMs} ms er for kort til at sige noget: en drift kræver mindst {reads} aflæsninger over mindst {minMs} ms for at vise, hvor sikker den er; mål i 60 s eller mere (f.eks. --duration 60s)',
  },
});

export const DEVICE_MESSAGES = defineMessages({
  'device.error.timeout': {
    en: 'the board on {port} did not answer {request} within {timeoutMs} ms: check that it runs tokenkit firmware, or unplug and replug it.',
    da: 'enheden på {port} svarede ikke på {request} inden for {timeoutMs} ms: tjek, at den kører tokenkit-firmware, eller tag den ud, og sæt den i igen.',
  },
  'device.error.busy': {
    en: 'the board on {port} is busy with {queued} waiting requests: try again when they are done.',
    da: 'enheden på {port} er optaget af {queued} ventende forespørgsler: prøv igen, når de er færdige.',
  },
  'device.error.notAToken.no-answer': {
    en: "{port} is not a tokenkit board (no answer to HELLO within {timeoutMs} ms). See 'tokenkit device list' for the boards that are plugged in.",
    da: "{port} er ikke en tokenkit-enhed (intet svar på HELLO inden for {timeoutMs} ms). Se 'tokenkit device list' for de tilsluttede enheder.",
  },
  'device.error.notAToken.garbage': {
    en: "{port} is not a tokenkit board (it sent data that is not tokenkit frames). See 'tokenkit device list' for the boards that are plugged in.",
    da: "{port} er ikke en tokenkit-enhed (den sendte data, der ikke er tokenkit-rammer). Se 'tokenkit device list' for de tilsluttede enheder.",
  },
  'device.error.notAToken.not-tty': {
    en: "{port} is not a tokenkit board (not a serial port). See 'tokenkit device list' for the boards that are plugged in.",
    da: "{port} er ikke en tokenkit-enhed (ikke en seriel port). Se 'tokenkit device list' for de tilsluttede enheder.",
  },
  'device.error.badReply': {
    en: 'the board on {port} answered {request} with an unexpected {reply}: update tokenkit or the firmware.',
    da: 'enheden på {port} svarede på {request} med en uventet {reply}: opdater tokenkit eller firmwaren.',
  },
  'device.error.closed': {
    en: 'the connection to the board on {port} is closed.',
    da: 'forbindelsen til enheden på {port} er lukket.',
  },
  'device.error.noBoard': {
    en: "no tokenkit board found: plug one in, or start one with 'tokenkit sim --serial', then pass --port.",
    da: "ingen tokenkit-enhed fundet: tilslut en, eller start en med 'tokenkit sim --serial', og angiv så --port.",
  },
  'device.status.BAD_REQUEST': {
    en: 'the board on {port} answered {status}: the request was malformed (a tokenkit bug: please report it).',
    da: 'enheden på {port} svarede {status}: forespørgslen var forkert opbygget (en fejl i tokenkit: rapportér den gerne).',
  },
  'device.status.UNKNOWN_TYPE': {
    en: 'the board on {port} answered {status}: the firmware does not know this request: update the firmware.',
    da: 'enheden på {port} svarede {status}: firmwaren kender ikke denne forespørgsel: opdater firmwaren.',
  },
  'device.status.UNSUPPORTED_VERSION': {
    en: 'the board on {port} answered {status}: the firmware is older than this tokenkit: update the firmware.',
    da: 'enheden på {port} svarede {status}: firmwaren er ældre end denne version af tokenkit: opdater firmwaren.',
  },
  'device.status.NOT_PROVISIONED': {
    en: "the board on {port} answered {status}: no secret is provisioned: run 'tokenkit device provision --port P --generate'.",
    da: "enheden på {port} svarede {status}: ingen hemmelighed er indlæst: kør 'tokenkit device provision --port P --generate'.",
  },
  'device.status.WRONG_MODE': {
    en: 'the board on {port} answered {status}: this does not apply to the board mode (display boards take DISPLAY, smart tokens take PROVISION).',
    da: 'enheden på {port} svarede {status}: dette passer ikke til enhedens tilstand (visningsenheder modtager DISPLAY, smarte tokens modtager PROVISION).',
  },
  'device.status.BUSY': {
    en: 'the board on {port} answered {status}: the board is busy: try again.',
    da: 'enheden på {port} svarede {status}: enheden er optaget: prøv igen.',
  },
  'device.status.STORAGE_FAILED': {
    en: 'the board on {port} answered {status}: the board could not store the secret; the previous one is still in place.',
    da: 'enheden på {port} svarede {status}: enheden kunne ikke gemme hemmeligheden; den tidligere er stadig på plads.',
  },
  'device.status.BAD_CRC': {
    en: 'the board on {port} answered {status}: the request was corrupted on the line: try again, check the cable.',
    da: 'enheden på {port} svarede {status}: forespørgslen blev beskadiget på linjen: prøv igen, tjek kablet.',
  },
  'device.status.TOO_LARGE': {
    en: 'the board on {port} answered {status}: the request was too large for the board.',
    da: 'enheden på {port} svarede {status}: forespørgslen var for stor til enheden.',
  },
  'device.status.LOW_BATTERY': {
    en: 'the board on {port} answered {status}: the battery is too low: charge or replace it.',
    da: 'enheden på {port} svarede {status}: batteriet er for lavt: oplad eller udskift det.',
  },
  'device.status.INTERNAL': {
    en: 'the board on {port} answered {status}: the firmware had an internal error: restart the board.',
    da: 'enheden på {port} svarede {status}: firmwaren fik en intern fejl: genstart enheden.',
  },
  'device.status.unknown': {
    en: 'the board on {port} answered {status}: a status this tokenkit does not know: update tokenkit.',
    da: 'enheden på {port} svarede {status}: en status, som denne version af tokenkit ikke kender: opdater tokenkit.',
  },
});

export const BOOT_WAIT_MESSAGES = defineMessages({
  'device.error.bootTimeout': {
    en: "the board on {port} did not answer within {bootMs} ms of being reset: it may have no tokenkit firmware yet (flash it with 'tokenkit firmware flash --board {board} --port {port}'), or it is not a tokenkit board.",
    da: "enheden på {port} svarede ikke inden for {bootMs} ms efter nulstilling: den har måske ikke tokenkit-firmware endnu (læg den på med 'tokenkit firmware flash --board {board} --port {port}'), eller den er ikke en tokenkit-enhed.",
  },
});
