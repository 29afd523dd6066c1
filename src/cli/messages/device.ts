import { defineMessages } from '../../i18n/define';

export const DEVICE_CLI_MESSAGES = defineMessages({
  'cli.device.opt.hid': {
    en: 'USB HID board: a path (/dev/hidraw0, or the socket tokenkit sim --hid printed) or VID:PID (e.g. 1209:0002)',
    da: 'USB HID-enhed: en sti (/dev/hidraw0 eller den sokkel, som tokenkit sim --hid udskrev) eller VID:PID (f.eks. 1209:0002)',
  },
  'cli.device.description': {
    en: 'talk to USB boards (and simulated ones): list, info, provision, time, press, watch, drift',
    da: 'tal med USB-enheder (også simulerede): list, info, provision, time, press, watch, drift',
  },
  'cli.device.list.description': {
    en: 'list plugged-in boards found by the USB ids in devices/',
    da: 'vis tilsluttede enheder fundet ud fra USB-id’erne i devices/',
  },
  'cli.device.info.description': {
    en: "show a board's serial number, profile, mode and firmware",
    da: 'vis en enheds serienummer, profil, tilstand og firmware',
  },
  'cli.device.provision.description': {
    en: 'store a secret on a board (write-only) and optionally register it for verification',
    da: 'gem en hemmelighed på en enhed (kun skrivning) og registrér den eventuelt til verifikation',
  },
  'cli.device.time.description': {
    en: "read or set a board's clock; shows the offset from this computer",
    da: 'læs eller sæt en enheds ur; viser forskellen til denne computer',
  },
  'cli.device.press.description': {
    en: 'press the button and print the code the board shows',
    da: 'tryk på knappen, og udskriv koden, enheden viser',
  },
  'cli.device.watch.description': {
    en: 'print board events as they happen, until Ctrl-C',
    da: 'udskriv enhedens hændelser, efterhånden som de sker, indtil Ctrl-C',
  },
  'cli.device.drift.description': {
    en: "measure a board's clock offset and drift (ppm) from repeated time reads",
    da: 'mål en enheds urforskel og drift (ppm) ud fra gentagne tidsaflæsninger',
  },
  'cli.device.opt.port': {
    en: 'serial port of the board (e.g. /dev/ttyACM0, or the path tokenkit sim --serial printed); default: the only board found',
    da: 'enhedens serielle port (f.eks. /dev/ttyACM0 eller den sti, som tokenkit sim --serial udskrev); standard: den eneste fundne enhed',
  },
  'cli.device.opt.baud': {
    en: 'baud rate for UART bridges (default 115200; USB CDC boards ignore it)',
    da: 'baudrate for UART-broer (standard 115200; USB CDC-enheder ignorerer den)',
  },
  'cli.device.opt.timeout': {
    en: 'reply timeout in ms (default 1000)',
    da: 'tidsgrænse for svar i ms (standard 1000)',
  },
  'cli.device.warn.clockUnset': {
    en: "warning: the clock of the board on {port} is not set (its RTC stopped or was never set), so its codes are wrong: set it with 'tokenkit device time --port {port} --set now --force'.",
    da: "advarsel: uret i enheden på {port} er ikke sat (dens RTC er gået i stå eller aldrig blevet sat), så dens koder er forkerte: sæt det med 'tokenkit device time --port {port} --set now --force'.",
  },
  'cli.device.warn.clockUnreliable': {
    en: "warning: the board on {port} has no working RTC module: its clock runs on the CPU, is lost at every reset and drifts (about 0.5 % on an Uno), so its codes go wrong: fit a DS3231 (see docs/hardware.md) and set the clock with 'tokenkit device time --port {port} --set now --force'.",
    da: "advarsel: enheden på {port} har intet RTC-modul, der virker: uret kører på CPU'en, går tabt ved hver nulstilling og driver (ca. 0,5 % på en Uno), så koderne bliver forkerte: monter et DS3231 (se docs/hardware.md), og sæt uret med 'tokenkit device time --port {port} --set now --force'.",
  },
  'cli.device.opt.bootWait': {
    en: 'the board resets when its port opens (Arduino): keep saying HELLO for this many ms (default: the boot time in devices/boards for its USB id; 0 = none)',
    da: 'enheden genstarter, når porten åbnes (Arduino): bliv ved med at sende HELLO i så mange ms (standard: opstartstiden i devices/boards for dens USB-id; 0 = ingen)',
  },
  'cli.device.opt.all': {
    en: 'also list serial ports that are not known boards',
    da: 'vis også serielle porte, der ikke er kendte enheder',
  },
  'cli.device.opt.generate': {
    en: 'generate a new random secret (20 bytes)',
    da: 'generér en ny tilfældig hemmelighed (20 bytes)',
  },
  'cli.device.opt.register': {
    en: 'also add the token to the store for USER, for tokenkit verify',
    da: 'tilføj også tokenet til lageret for BRUGER, så dets koder kan verificeres',
  },
  'cli.device.opt.showSecret': {
    en: 'print the secret (it can never be read back from the board)',
    da: 'udskriv hemmeligheden (den kan aldrig læses tilbage fra enheden)',
  },
  'cli.device.opt.set': {
    en: "set the board's clock: 'now' or a time (unix seconds or ISO 8601)",
    da: "sæt enhedens ur: 'now' eller et tidspunkt (unix-sekunder eller ISO 8601)",
  },
  'cli.device.opt.force': { en: 'allow moving the clock backwards', da: 'tillad at flytte uret tilbage' },
  'cli.device.opt.long': {
    en: 'a long press (shows serial number and battery)',
    da: 'et langt tryk (viser serienummer og batteriniveau)',
  },
  'cli.device.opt.duration': {
    en: 'how long to measure, e.g. 60s or 10m (default 60s)',
    da: 'hvor længe der måles, f.eks. 60s eller 10m (standard 60s)',
  },
  'cli.device.opt.interval': {
    en: 'time between reads in ms (default 1000)',
    da: 'tid mellem aflæsninger i ms (standard 1000)',
  },
  'cli.device.list.none': {
    en: "No boards found. Start a simulated one with 'tokenkit sim --serial', or see docs/hardware.md.",
    da: "Ingen enheder fundet. Start en simuleret med 'tokenkit sim --serial', eller se docs/hardware.md.",
  },
  'cli.device.list.unknown': { en: '(not a known board)', da: '(ikke en kendt enhed)' },
  'cli.device.info.port': { en: 'Port:             {value}', da: 'Port:             {value}' },
  'cli.device.info.serial': { en: 'Serial number:    {value}', da: 'Serienummer:      {value}' },
  'cli.device.info.profile': { en: 'Profile:          {value}', da: 'Profil:           {value}' },
  'cli.device.info.mode': { en: 'Mode:             {value}', da: 'Tilstand:         {value}' },
  'cli.device.info.firmware': { en: 'Firmware:         {value}', da: 'Firmware:         {value}' },
  'cli.device.info.protocol': { en: 'Protocol version: {value}', da: 'Protokolversion:  {value}' },
  'cli.device.info.provisioned': { en: 'Provisioned:      {value}', da: 'Har hemmelighed:  {value}' },
  'cli.device.info.capabilities': { en: 'Capabilities:     {value}', da: 'Egenskaber:       {value}' },
  'cli.device.yes': { en: 'yes', da: 'ja' },
  'cli.device.no': { en: 'no', da: 'nej' },
  'cli.device.mode.smart': {
    en: 'smart token (own clock and secret)',
    da: 'smart token (eget ur og egen hemmelighed)',
  },
  'cli.device.mode.display': {
    en: 'display board (the host computes codes)',
    da: 'visningsenhed (værten beregner koderne)',
  },
  'cli.device.provision.done': {
    en: 'Provisioned the board on {port} (serial {serial}).',
    da: 'Hemmeligheden er gemt på enheden på {port} (serienummer {serial}).',
  },
  'cli.device.provision.registered': {
    en: "Registered the token for '{user}' in the store.",
    da: "Tokenet er registreret for '{user}' i lageret.",
  },
  'cli.device.provision.secret': { en: 'Secret (Base32): {secret}', da: 'Hemmelighed (Base32): {secret}' },
  'cli.device.provision.notShown': {
    en: 'note: the generated secret goes to the board only and can never be read back from it, so no one can check its codes later: add --register USER or --show-secret to keep it.',
    da: 'bemærk: den genererede hemmelighed gemmes kun på enheden og kan aldrig læses tilbage, så ingen kan tjekke dens koder bagefter: tilføj --register BRUGER eller --show-secret for at beholde den.',
  },
  'cli.device.provision.error.source': {
    en: 'give exactly one of --secret, --secret-hex, --uri or --generate',
    da: 'angiv præcis én af --secret, --secret-hex, --uri eller --generate',
  },
  'cli.device.time.line': {
    en: 'Board time: {device} (offset {offset} ± {uncertainty} ms from this computer)',
    da: 'Enhedens tid: {device} (forskel {offset} ± {uncertainty} ms fra denne computer)',
  },
  'cli.device.time.set': { en: 'Clock set.', da: 'Uret er sat.' },
  'cli.device.time.notSet': {
    en: 'Clock not changed: that would move it backwards. Add --force to do it anyway.',
    da: 'Uret er ikke ændret: det ville flytte det tilbage. Tilføj --force for at gøre det alligevel.',
  },
  'cli.device.press.long': {
    en: 'Long press sent: the board shows serial number {serial}, battery {battery}.',
    da: 'Langt tryk sendt: enheden viser serienummer {serial}, batteri {battery}.',
  },
  'cli.device.press.batteryUnknown': { en: 'not reported', da: 'ikke oplyst' },
  'cli.device.press.noCode': {
    en: 'Pressed. This board shows what the host pushes (display board).',
    da: 'Der er trykket på knappen. Denne enhed viser det, værten sender (visningsenhed).',
  },
  'cli.device.opt.user': {
    en: "a display board's codes come from this user's token in the store (or give --secret, --secret-hex or --uri)",
    da: 'en visningsenheds koder beregnes ud fra denne brugers token i lageret (eller angiv --secret, --secret-hex eller --uri)',
  },
  'cli.device.watch.driving': {
    en: 'Display board: this computer computes each code and shows it on the board when its button is pressed.',
    da: 'Visningsenhed: denne computer beregner hver kode og viser den på enheden, når der trykkes på knappen.',
  },
  'cli.device.watch.needKey': {
    en: 'this is a display board without a clock or secret: give --user USER, --secret, --secret-hex or --uri so this computer can compute the codes it shows.',
    da: 'dette er en visningsenhed uden ur eller hemmelighed: angiv --user BRUGER, --secret, --secret-hex eller --uri, så denne computer kan beregne de koder, den viser.',
  },
  'cli.device.watch.pushed': {
    en: '{time} code shown by this computer: {code} (valid for {seconds} s)',
    da: '{time} kode vist af denne computer: {code} (gyldig i {seconds} s)',
  },
  'cli.device.error.userAndSecret': {
    en: 'give either --user or a secret option (--secret, --secret-hex, --uri), not both',
    da: 'angiv enten --user eller en hemmelighed (--secret, --secret-hex, --uri), ikke begge',
  },
  'cli.device.watch.start': {
    en: 'Watching {port} (serial {serial}). Ctrl-C stops.',
    da: 'Overvåger {port} (serienummer {serial}). Ctrl-C stopper.',
  },
  'cli.device.event.button': { en: '{time} button{long}{host}', da: '{time} knaptryk{long}{host}' },
  'cli.device.event.long': { en: ' (long)', da: ' (langt)' },
  'cli.device.event.host': { en: ' (from host)', da: ' (fra værten)' },
  'cli.device.event.code': {
    en: '{time} code {code} (step {step}, {seconds} s left)',
    da: '{time} kode {code} (trin {step}, {seconds} s tilbage)',
  },
  'cli.device.event.off': { en: '{time} display off', da: '{time} skærmen er slukket' },
  'cli.device.event.battery': { en: '{time} battery {percent}%{low}', da: '{time} batteri {percent}%{low}' },
  'cli.device.event.low': { en: ' (low)', da: ' (lavt)' },
  'cli.device.event.error': { en: '{time} board error {status}', da: '{time} enhedsfejl {status}' },
  'cli.device.event.disconnected': {
    en: '{time} disconnected; waiting for the board to come back',
    da: '{time} afbrudt; venter på, at enheden kommer tilbage',
  },
  'cli.device.event.reconnected': { en: '{time} reconnected', da: '{time} forbundet igen' },
  'cli.device.event.reconnectedOther': {
    en: '{time} reconnected to a different board: serial {serial} (was {previous})',
    da: '{time} forbundet igen til en anden enhed: serienummer {serial} (før {previous})',
  },
  'cli.device.drift.result': {
    en: 'Offset {offset} ± {uncertainty} ms, drift {ppm} ± {ppmUncertainty} ppm ({perDay} s/day) from {samples} reads over {seconds} s (fit residual {residual} ms)',
    da: 'Forskel {offset} ± {uncertainty} ms, drift {ppm} ± {ppmUncertainty} ppm ({perDay} s/døgn) ud fra {samples} aflæsninger over {seconds} s (restafvigelse {residual} ms)',
  },
  'cli.device.drift.longer': {
    en: 'The drift is uncertain by more than ±{target} ppm: measure about {seconds} s (--duration {seconds}s) to get within ±{target} ppm.',
    da: 'Driften er usikker med mere end ±{target} ppm: mål i cirka {seconds} s (--duration {seconds}s) for at komme inden for ±{target} ppm.',
  },
});
