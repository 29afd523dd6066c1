import { defineMessages } from '../../i18n/define';

export const TOKEN_CLI_MESSAGES = defineMessages({
  'cli.token.description': {
    en: 'practice tokens kept in the store: add, list, remove, verify codes (replay, drift, lockout), resync, unlock',
    da: 'øvelsestokens i lageret: tilføj, vis, fjern, verificér koder (genbrug, afvigelse, spærring), gensynkronisér, lås op',
  },
  'cli.token.help.practice': {
    en: 'Practice tokens only: never enter a real MitID user ID, password or code here. Secrets are kept unencrypted in the store file (mode 0600).',
    da: 'Kun øvelsestokens: indtast aldrig et rigtigt MitID-bruger-id, en adgangskode eller en kode her. Hemmeligheder gemmes ukrypteret i lagerfilen (tilstand 0600).',
  },
  'cli.token.add.description': {
    en: 'add a token for USER from --uri, --secret or --secret-hex, or --generate a new secret (prints its otpauth:// URI)',
    da: 'tilføj et token for BRUGER fra --uri, --secret eller --secret-hex, eller --generate en ny hemmelighed (udskriver dens otpauth://-URI)',
  },
  'cli.token.list.description': {
    en: 'list the tokens in the store (never their secrets)',
    da: 'vis tokens i lageret (aldrig deres hemmeligheder)',
  },
  'cli.token.remove.description': {
    en: "remove USER's token and its state",
    da: 'fjern BRUGERs token og dets tilstand',
  },
  'cli.token.verify.description': {
    en: 'verify a code for USER and record it: exit 0 accepted, 1 wrong or replayed, 3 locked out',
    da: 'verificér en kode for BRUGER og gem udfaldet: afslutningskode 0 godkendt, 1 forkert eller genbrugt, 3 spærret',
  },
  'cli.token.resync.description': {
    en: "resynchronise USER's token from two consecutive codes, searched ±24 h (TOTP) or 1000 counters ahead (HOTP)",
    da: 'gensynkronisér BRUGERs token fra to på hinanden følgende koder, søgt ±24 t (TOTP) eller 1000 tællere frem (HOTP)',
  },
  'cli.token.unlock.description': {
    en: "lift USER's lockout and clear the failure count",
    da: 'ophæv BRUGERs spærring og nulstil antallet af fejl',
  },
  'cli.token.arg.user': { en: 'user name (1 to 128 printable characters)', da: 'brugernavn (1 til 128 synlige tegn)' },
  'cli.token.arg.code': {
    en: 'the code shown by the token (spaces are ignored)',
    da: 'koden, tokenet viser (mellemrum ignoreres)',
  },
  'cli.token.arg.code1': { en: 'a code from the token', da: 'en kode fra tokenet' },
  'cli.token.arg.code2': { en: 'the next code from the token', da: 'den næste kode fra tokenet' },
  'cli.token.opt.generate': {
    en: 'generate a new random 20-byte secret and print its otpauth:// URI',
    da: 'generér en ny tilfældig hemmelighed på 20 bytes og udskriv dens otpauth://-URI',
  },
  'cli.token.opt.hotp': {
    en: 'a counter-based HOTP token (default TOTP)',
    da: 'et tællerbaseret HOTP-token (standard TOTP)',
  },
  'cli.token.opt.counter': {
    en: 'HOTP: the next counter the token shows (default 0)',
    da: 'HOTP: den næste tæller, tokenet viser (standard 0)',
  },
  'cli.token.opt.issuer': {
    en: 'issuer shown in authenticator apps (default tokenkit)',
    da: 'udsteder vist i godkendelsesapps (standard tokenkit)',
  },
  'cli.token.opt.qr': {
    en: "also show the token's otpauth:// URI as a QR code in the terminal, to scan into an authenticator app (it contains the secret)",
    da: 'vis også tokenets otpauth://-URI som QR-kode i terminalen, så den kan scannes ind i en godkendelsesapp (den indeholder hemmeligheden)',
  },
  'cli.token.opt.showSecret': {
    en: "also print the token's otpauth:// URI, which contains the secret",
    da: 'udskriv også tokenets otpauth://-URI, som indeholder hemmeligheden',
  },
  'cli.token.error.timeRefused': {
    en: "--time would store state from a made-up time (a future one clears a lock and makes every real code 'replayed' until then): 'token {command}' uses the real clock; check a code at another time with 'tokenkit verify CODE --time T', which stores nothing",
    da: "--time ville gemme tilstand ud fra et opdigtet tidspunkt (et fremtidigt ophæver en spærring og gør alle rigtige koder 'genbrugt' indtil da): 'token {command}' bruger det rigtige ur; tjek en kode på et andet tidspunkt med 'tokenkit verify KODE --time T', som ikke gemmer noget",
  },
  'cli.token.opt.lockout': {
    en: 'how long 3 wrong codes lock the token, e.g. 5m (default), 30s, 1h; 0 for no lock',
    da: 'hvor længe 3 forkerte koder spærrer tokenet, f.eks. 5m (standard), 30s, 1h; 0 for ingen spærring',
  },
  'cli.token.error.noSecret': {
    en: 'no secret given: use --generate, or --uri otpauth://..., --secret BASE32 or --secret-hex HEX',
    da: 'ingen hemmelighed angivet: brug --generate, eller --uri otpauth://..., --secret BASE32 eller --secret-hex HEX',
  },
  'cli.token.error.generateConflict': {
    en: '--generate makes a new secret: leave out {given}',
    da: '--generate laver en ny hemmelighed: udelad {given}',
  },
  'cli.token.error.counterNeedsHotp': {
    en: '--counter applies to HOTP tokens only: add --hotp',
    da: '--counter gælder kun HOTP-tokens: tilføj --hotp',
  },
  'cli.token.error.codeFormat': {
    en: "code '{code}' must be exactly {digits} digits, as {user}'s token shows them",
    da: "koden '{code}' skal være præcis {digits} cifre, som tokenet for {user} viser dem",
  },
  'cli.token.out.added': {
    en: 'added {kind} token for {user} ({algorithm}, {digits} digits{period})',
    da: '{kind}-token tilføjet for {user} ({algorithm}, {digits} cifre{period})',
  },
  'cli.token.out.period': { en: ', {periodSec} s', da: ', {periodSec} s' },
  'cli.token.out.uriHint': {
    en: 'Scan or paste this URI into a practice authenticator; it contains the secret:',
    da: 'Scan eller indsæt denne URI i en godkendelsesapp til øvelse; den indeholder hemmeligheden:',
  },
  'cli.token.out.t0Note': {
    en: 'note: otpauth URIs cannot carry T0 ({t0Sec}); set it again when importing',
    da: 'bemærk: en otpauth-URI kan ikke indeholde T0 ({t0Sec}); angiv den igen ved import',
  },
  'cli.token.out.empty': { en: 'no tokens in {path}', da: 'ingen tokens i {path}' },
  'cli.token.out.listHead': {
    en: 'user  type  algorithm  digits  period  last used (UTC)  failures  locked until (UTC)',
    da: 'bruger  type  algoritme  cifre  periode  sidst brugt (UTC)  fejl  spærret til (UTC)',
  },
  'cli.token.out.never': { en: 'never', da: 'aldrig' },
  'cli.token.out.notLocked': { en: '-', da: '-' },
  'cli.token.out.removed': { en: 'removed the token for {user}', da: 'Tokenet for {user} er fjernet' },
  'cli.token.out.accepted': {
    en: 'accepted: delta {delta} (step {step})',
    da: 'godkendt: delta {delta} (trin {step})',
  },
  'cli.token.out.acceptedHotp': {
    en: 'accepted: counter {step} ({delta} ahead of the expected one)',
    da: 'godkendt: tæller {step} ({delta} foran den forventede)',
  },
  'cli.token.out.wrong': {
    en: 'wrong code: {failures} of {max} wrong in a row',
    da: 'forkert kode: {failures} af {max} forkerte i træk',
  },
  'cli.token.out.wrongLocked': {
    en: "wrong code: {failures} wrong in a row, so the token is locked until {until} (or run 'tokenkit token unlock {user}')",
    da: "forkert kode: {failures} forkerte i træk, så tokenet er spærret til {until} (eller kør 'tokenkit token unlock {user}')",
  },
  'cli.token.out.replayed': {
    en: 'replayed: the code of step {step} was already used; wait for the next code',
    da: 'genbrugt: koden for trin {step} er allerede brugt; vent på den næste kode',
  },
  'cli.token.out.replayedHotp': {
    en: 'replayed: the code of counter {step} was already used; press the button for a new one',
    da: 'genbrugt: koden for tæller {step} er allerede brugt; tryk på knappen for en ny',
  },
  'cli.token.out.locked': {
    en: "locked out until {until} after too many wrong codes: wait, or run 'tokenkit token unlock {user}'",
    da: "spærret til {until} efter for mange forkerte koder: vent, eller kør 'tokenkit token unlock {user}'",
  },
  'cli.token.out.resynced': {
    en: 'resynced: the token runs {delta} steps off (step {step}); log in with its next code',
    da: 'synkroniseret: tokenet går {delta} trin forkert (trin {step}); log ind med dets næste kode',
  },
  'cli.token.out.resyncedHotp': {
    en: 'resynced: the token is at counter {step}; log in with its next code',
    da: 'synkroniseret: tokenet er ved tæller {step}; log ind med dets næste kode',
  },
  'cli.token.out.stale': {
    en: 'not resynced: the codes of step {step} are older than a slow token can be; use two codes the token shows now',
    da: 'ikke synkroniseret: koderne for trin {step} er ældre, end et langsomt token kan være; brug to koder, som tokenet viser nu',
  },
  'cli.token.out.repaired': {
    en: 'repaired state written from a future time ({fields}): the next code works',
    da: 'tilstand skrevet ud fra et fremtidigt tidspunkt er rettet ({fields}): den næste kode virker',
  },
  'cli.token.out.unlocked': { en: 'unlocked the token for {user}', da: 'Tokenet for {user} er låst op' },
  'cli.token.out.wasNotLocked': {
    en: 'the token for {user} was not locked; its failure count is cleared',
    da: 'Tokenet for {user} var ikke spærret; antallet af fejl er nulstillet',
  },
});
