import { defineMessages } from '../../i18n/define';

export const OTP_CLI_MESSAGES = defineMessages({
  'cli.otp.code.description': {
    en: 'print the TOTP (or HOTP) code for a secret at a time (default now), alone on its line',
    da: 'udskriv TOTP- (eller HOTP-)koden for en hemmelighed på et tidspunkt (standard nu), alene på sin linje',
  },
  'cli.otp.verify.description': {
    en: 'check a code against a window of steps: exit 0 valid (prints the step offset), 1 not valid, 2 bad input',
    da: 'tjek en kode mod et vindue af trin: afslutningskode 0 gyldig (udskriver trinforskydningen), 1 ikke gyldig, 2 ugyldigt input',
  },
  'cli.otp.timeline.description': {
    en: 'show the codes of the steps around a time with when each is valid and the time left',
    da: 'vis koderne for trinnene omkring et tidspunkt, hvornår hver af dem er gyldig, og den resterende tid',
  },
  'cli.otp.find.description': {
    en: "find which steps within a range give CODE: how far off is this token's clock? Exit 1 if none",
    da: 'find de trin inden for et interval, der giver KODE: hvor meget går tokenets ur forkert? Afslutningskode 1, hvis der ingen er',
  },
  'cli.otp.vectors.description': {
    en: 'run the RFC 4226 and RFC 6238 test vectors and print each result; exit 1 on any failure',
    da: 'kør testvektorerne fra RFC 4226 og RFC 6238 og udskriv hvert resultat; afslutningskode 1 ved fejl',
  },
  'cli.otp.arg.code': {
    en: 'the code to check (spaces are ignored)',
    da: 'koden, der skal tjekkes (mellemrum ignoreres)',
  },
  'cli.otp.opt.time': {
    en: 'the time: unix seconds (may be fractional), ISO 8601 (UTC unless an offset is given) or now (default)',
    da: 'tidspunktet: unix-sekunder (gerne med decimaler), ISO 8601 (UTC, medmindre en tidszoneforskydning er angivet) eller now (standard)',
  },
  'cli.otp.opt.hotp': {
    en: 'counter-based HOTP (RFC 4226) instead of TOTP; needs --counter',
    da: 'tællerbaseret HOTP (RFC 4226) i stedet for TOTP; kræver --counter',
  },
  'cli.otp.opt.counter': { en: 'HOTP counter, 0 to 2^53-1', da: 'HOTP-tæller, 0 til 2^53-1' },
  'cli.otp.opt.window': {
    en: 'accept N steps before and after (default 1; HOTP: N counters after)',
    da: 'godkend N trin før og efter (standard 1; HOTP: N tællere efter)',
  },
  'cli.otp.opt.past': { en: 'accept N steps before (TOTP only)', da: 'godkend N trin før (kun TOTP)' },
  'cli.otp.opt.future': {
    en: 'accept N steps after (HOTP: N counters after --counter, default 10)',
    da: 'godkend N trin efter (HOTP: N tællere efter --counter, standard 10)',
  },
  'cli.otp.error.hotpPast': {
    en: 'HOTP only looks ahead (RFC 4226): a counter before --counter is used up. Leave out --past, or use --future N',
    da: 'HOTP ser kun fremad (RFC 4226): en tæller før --counter er brugt. Udelad --past, eller brug --future N',
  },
  'cli.otp.opt.before': {
    en: 'steps shown before the current one (default 2)',
    da: 'trin vist før det aktuelle (standard 2)',
  },
  'cli.otp.opt.after': {
    en: 'steps shown after the current one (default 2)',
    da: 'trin vist efter det aktuelle (standard 2)',
  },
  'cli.otp.opt.range': {
    en: 'search this far before and after the time, e.g. 90m, 24h, 7d (default 24h)',
    da: 'søg så langt før og efter tidspunktet, f.eks. 90m, 24h, 7d (standard 24h)',
  },
  'cli.otp.opt.showSecret': {
    en: 'also print the secret (Base32); off by default',
    da: 'udskriv også hemmeligheden (Base32); slået fra som standard',
  },
  'cli.otp.error.needCounter': {
    en: 'HOTP needs a counter: add --counter N',
    da: 'HOTP kræver en tæller: tilføj --counter N',
  },
  'cli.otp.error.counterNeedsHotp': {
    en: '--counter applies to HOTP only: add --hotp (or use an otpauth://hotp URI)',
    da: '--counter gælder kun HOTP: tilføj --hotp (eller brug en otpauth://hotp-URI)',
  },
  'cli.otp.error.timeWithHotp': {
    en: '--time does not apply to HOTP, which counts events: use --counter N',
    da: '--time gælder ikke HOTP, som tæller hændelser: brug --counter N',
  },
  'cli.otp.error.hotpNotHere': {
    en: "{command} works on TOTP only; HOTP has no time steps: leave out --hotp, or use 'tokenkit verify CODE --hotp --counter N'",
    da: "{command} virker kun med TOTP; HOTP har ingen tidstrin: udelad --hotp, eller brug 'tokenkit verify KODE --hotp --counter N'",
  },
  'cli.otp.error.windowConflict': {
    en: 'use either --window N or --past N/--future N, not both',
    da: 'brug enten --window N eller --past N/--future N, ikke begge',
  },
  'cli.otp.error.codeFormat': {
    en: "code '{code}' must be exactly {digits} digits (set --digits if the token shows another length)",
    da: "koden '{code}' skal være præcis {digits} cifre (sæt --digits, hvis tokenet viser en anden længde)",
  },
  'cli.otp.error.rangeSteps': {
    en: '--range {range} is {steps} steps of {periodSec} s each way; at most {max} are searched: give a shorter --range',
    da: '--range {range} er {steps} trin à {periodSec} s i hver retning; der søges højst {max}: angiv en kortere --range',
  },
  'cli.otp.out.secret': { en: 'secret {secret}', da: 'hemmelighed {secret}' },
  'cli.otp.out.valid': { en: 'valid: delta {delta} (step {step})', da: 'gyldig: delta {delta} (trin {step})' },
  'cli.otp.out.validHotp': {
    en: 'valid: delta {delta} (counter {counter})',
    da: 'gyldig: delta {delta} (tæller {counter})',
  },
  'cli.otp.out.notValid': { en: 'not valid within steps {from}..{to}', da: 'ikke gyldig inden for trin {from}..{to}' },
  'cli.otp.out.timelineHead': {
    en: 'time {time}  step {step}  period {periodSec} s  {remainingSec} s left',
    da: 'tid {time}  trin {step}  periode {periodSec} s  {remainingSec} s tilbage',
  },
  'cli.otp.out.timelineCols': {
    en: 'delta  step  code  valid from (UTC)  until (UTC)',
    da: 'delta  trin  kode  gyldig fra (UTC)  til (UTC)',
  },
  'cli.otp.out.now': { en: '<- now, {remainingSec} s left', da: '<- nu, {remainingSec} s tilbage' },
  'cli.otp.out.findNone': {
    en: 'no step within {range} (steps {from}..{to}) gives {code}',
    da: 'intet trin inden for {range} (trin {from}..{to}) giver {code}',
  },
  'cli.otp.out.findCount': {
    en: '{count} step(s) within {range} (steps {from}..{to}) give {code}:',
    da: '{count} trin inden for {range} (trin {from}..{to}) giver {code}:',
  },
  'cli.otp.out.findRow': {
    en: 'delta {delta}  step {step}  valid {start} .. {end}  token clock {minSec} s to {maxSec} s off',
    da: 'delta {delta}  trin {step}  gyldig {start} .. {end}  tokenets ur {minSec} s til {maxSec} s forkert',
  },
  'cli.otp.out.vectorPass': { en: 'ok    {name}: {actual}', da: 'ok    {name}: {actual}' },
  'cli.otp.out.vectorFail': {
    en: 'FAIL  {name}: expected {expected}, got {actual}',
    da: 'FEJL  {name}: forventede {expected}, fik {actual}',
  },
  'cli.otp.out.vectorSummary': { en: '{passed} of {total} vectors pass', da: '{passed} af {total} vektorer består' },
});
