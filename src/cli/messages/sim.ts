import { defineMessages } from '../../i18n/define';

export const SIM_MESSAGES = defineMessages({
  'sim.opt.hid': {
    en: 'be a USB HID board, reached by other processes through a local report socket (tokenkit device ... --hid PATH)',
    da: 'optræd som USB-HID-enhed, som andre processer når gennem en lokal rapportsokkel (tokenkit device ... --hid STI)',
  },
  'sim.error.hidAndSerial': {
    en: '--serial and --hid exclude each other: choose one',
    da: '--serial og --hid udelukker hinanden: vælg én',
  },
  'sim.description': {
    en: 'run a practice token: the code display or the audio code reader, in this terminal or as a serial board on a pseudo-terminal (--serial)',
    da: 'kør et øvelsestoken: kodeviseren eller kodeoplæseren, i denne terminal eller som seriel enhed på en pseudoterminal (--serial)',
  },
  'sim.opt.profile': { en: 'token profile: {ids}', da: 'tokenprofil: {ids}' },
  'sim.opt.serial': {
    en: 'be a USB serial board on a pty pair (needs socat) instead of drawing in the terminal',
    da: 'optræd som seriel USB-enhed på et pty-par (kræver socat) i stedet for at tegne i terminalen',
  },
  'sim.opt.link': {
    en: 'with --serial: where the host-side pty appears; with --hid: the report socket path (default: printed on the first line)',
    da: 'med --serial: hvor værtens pty oprettes; med --hid: stien til rapportsoklen (standard: skrives på første linje)',
  },
  'sim.opt.headless': {
    en: 'with --serial or --hid: no event lines, only the board on the wire',
    da: 'med --serial eller --hid: ingen hændelseslinjer, kun enheden på forbindelsen',
  },
  'sim.opt.startTime': {
    en: "the token's clock starts at this time (unix seconds or ISO 8601; default now)",
    da: 'tokenets ur starter på dette tidspunkt (unix-sekunder eller ISO 8601; standard nu)',
  },
  'sim.opt.driftPpm': {
    en: "the token's clock runs fast (+) or slow (-) by this many parts per million",
    da: 'tokenets ur går for hurtigt (+) eller for langsomt (-) med så mange milliontedele',
  },
  'sim.opt.plain': {
    en: 'for screen readers: no drawing, one line per event',
    da: 'til skærmlæsere: ingen tegning, én linje pr. hændelse',
  },
  'sim.opt.showSecret': {
    en: "print the practice token's otpauth:// URI (its secret) at start",
    da: 'udskriv øvelsestokenets otpauth://-URI (dets hemmelighed) ved start',
  },
  'sim.opt.mode': {
    en: 'with --serial: smart (own clock and secret, like the real code display) or display (the host computes codes and pushes digits: run tokenkit device watch --user USER)',
    da: 'med --serial: smart (eget ur og egen hemmelighed, som den rigtige kodeviser) eller display (værten beregner koderne og sender cifrene: kør tokenkit device watch --user BRUGER)',
  },
  'sim.opt.qr': {
    en: "also show the practice token's otpauth:// URI as a QR code in the terminal, for an authenticator app (it contains the secret)",
    da: 'vis også øvelsestokenets otpauth://-URI som QR-kode i terminalen til en godkendelsesapp (den indeholder hemmeligheden)',
  },
  'sim.opt.register': {
    en: 'put the practice token in the token store for USER too, so tokenkit token verify USER checks its codes',
    da: 'læg også øvelsestokenet i tokenlageret for BRUGER, så tokenkit token verify BRUGER tjekker dets koder',
  },
  'sim.registered': {
    en: 'Practice token added to the store for {user} ({path}).',
    da: 'Øvelsestokenet er lagt i lageret for {user} ({path}).',
  },
  'sim.registeredAlready': {
    en: 'The store already has this practice token for {user} ({path}).',
    da: 'Lageret har allerede dette øvelsestoken for {user} ({path}).',
  },
  'sim.error.terminalOnly': {
    en: "{option} applies to the practice token in this terminal: a board on --serial or --hid gets its key with 'tokenkit device provision --register USER'",
    da: "{option} gælder øvelsestokenet i denne terminal: en enhed på --serial eller --hid får sin nøgle med 'tokenkit device provision --register BRUGER'",
  },
  'sim.showSecret': { en: 'Practice token: {uri}', da: 'Øvelsestoken: {uri}' },
  'sim.error.serialOnly': { en: '{option} only applies with {with}', da: '{option} gælder kun sammen med {with}' },
  'sim.error.speakerOnly': {
    en: '{option} only applies to the audio code reader in this terminal: add --profile audio-code-reader (a board on --serial or --hid speaks through tokenkit device watch {option})',
    da: '{option} gælder kun for kodeoplæseren i denne terminal: tilføj --profile audio-code-reader (en enhed på --serial eller --hid taler gennem tokenkit device watch {option})',
  },
  'cli.simSerial.ready': {
    en: 'Simulated {profile} board (serial {serial}) on {path}. Talk to it with: tokenkit device press --port {path}. Space presses its button, h lists the keys, Ctrl-C stops it.',
    da: 'Simuleret {profile}-enhed (serienummer {serial}) på {path}. Brug den med: tokenkit device press --port {path}. Mellemrum trykker på dens knap, h viser tasterne, Ctrl-C stopper den.',
  },
  'cli.simHid.ready': {
    en: 'Simulated {profile} HID board {vidpid} (serial {serial}) on {path}. Talk to it with: tokenkit device press --hid {path}. Space presses its button, h lists the keys, Ctrl-C stops it.',
    da: 'Simuleret {profile}-HID-enhed {vidpid} (serienummer {serial}) på {path}. Brug den med: tokenkit device press --hid {path}. Mellemrum trykker på dens knap, h viser tasterne, Ctrl-C stopper den.',
  },
});

export const SIM_OPTION_MESSAGES = defineMessages({
  'cli.sim.codeShown': {
    en: 'Code shown: {code} (step {step}, valid for {seconds} s)',
    da: 'Kode vist: {code} (trin {step}, gyldig i {seconds} s)',
  },
  'cli.sim.button': { en: 'Button pressed{long}{host}', da: 'Knaptryk{long}{host}' },
  'cli.sim.long': { en: ' (long)', da: ' (langt)' },
  'cli.sim.host': { en: ' by the host', da: ' fra værten' },
  'cli.sim.displayOff': { en: 'Display off', da: 'Skærmen er slukket' },
  'cli.sim.battery': { en: 'Battery {percent}%{low}', da: 'Batteri {percent}%{low}' },
  'cli.sim.low': { en: ' (low)', da: ' (lavt)' },
  'cli.sim.digitsShown': {
    en: 'Showing the code the host pushed: {code}',
    da: 'Viser koden, værten har sendt: {code}',
  },
  'cli.sim.keys': {
    en: "Keys: space or enter presses the board's button; r repeats the last code line; l changes language; h lists the keys; q quits.",
    da: 'Taster: mellemrum eller enter trykker på enhedens knap; r gentager den sidste kodelinje; l skifter sprog; h viser tasterne; q afslutter.',
  },
  'cli.sim.speechOnHost': {
    en: "This board does not speak itself: volume and speech rate are set where its codes are read aloud, e.g. 'tokenkit device watch --device D'.",
    da: "Denne enhed taler ikke selv: lydstyrke og taletempo indstilles der, hvor dens koder læses op, f.eks. 'tokenkit device watch --device D'.",
  },
  'cli.sim.stopped': { en: 'Simulator stopped; {path} removed.', da: 'Simulatoren er stoppet; {path} er fjernet.' },
  'cli.sim.error.driftPpm': {
    en: "--drift-ppm '{value}' is not a number from -100000 to 100000 (e.g. 20 or -3.5)",
    da: "--drift-ppm '{value}' er ikke et tal fra -100000 til 100000 (f.eks. 20 eller -3,5)",
  },
});
