import { defineMessages } from '../i18n/define';

/** Texts of the OTP layer's errors. Params never hold a secret: only positions, lengths and field values. */
export const OTP_MESSAGES = defineMessages({
  'otp.error.base32Char': {
    en: "bad Base32 character '{char}' at position {position} (use A-Z and 2-7; spaces and '=' padding are allowed)",
    da: "ugyldigt Base32-tegn '{char}' på position {position} (brug A-Z og 2-7; mellemrum og '='-udfyldning er tilladt)",
  },
  'otp.error.base32Length': {
    en: 'Base32 text has {length} characters, which is not a whole number of bytes (a character is missing or extra)',
    da: 'Base32-teksten har {length} tegn, hvilket ikke giver et helt antal bytes (et tegn mangler eller er for meget)',
  },
  'otp.error.base32Padding': {
    en: "misplaced '=' padding at position {position} in Base32 text ('=' may only end it)",
    da: "'='-udfyldning på forkert sted (position {position}) i Base32-teksten ('=' må kun stå til sidst)",
  },
  'otp.error.hexChar': {
    en: "bad hex character '{char}' at position {position} (use 0-9 and a-f)",
    da: "ugyldigt hex-tegn '{char}' på position {position} (brug 0-9 og a-f)",
  },
  'otp.error.hexLength': {
    en: 'hex secret has an odd number of digits ({length}): every byte needs two',
    da: 'hex-hemmeligheden har et ulige antal cifre ({length}): hver byte skal have to',
  },
  'otp.error.secretTooShort': {
    en: 'secret is {length} bytes long; it must be at least {min} bytes (e.g. 16 Base32 characters)',
    da: 'hemmeligheden er {length} bytes lang; den skal være mindst {min} bytes (f.eks. 16 Base32-tegn)',
  },
  'otp.error.secretEmpty': {
    en: "secret is empty: give the token's secret (at least 10 bytes, e.g. 16 Base32 characters)",
    da: 'hemmeligheden er tom: angiv tokenets hemmelighed (mindst 10 bytes, f.eks. 16 Base32-tegn)',
  },
  'otp.error.secretType': {
    en: 'secret must be a Base32 string or a Uint8Array',
    da: 'hemmeligheden skal være en Base32-streng eller et Uint8Array',
  },
  'otp.error.digits': {
    en: "digits is '{value}': it must be a whole number from 6 to 10",
    da: "antallet af cifre er '{value}': det skal være et helt tal fra 6 til 10",
  },
  'otp.error.period': {
    en: "period is '{value}': it must be a whole number of seconds from 1 to 3600",
    da: "perioden er '{value}': den skal være et helt antal sekunder fra 1 til 3600",
  },
  'otp.error.t0': {
    en: "T0 is '{value}': it must be a whole number of unix seconds",
    da: "T0 er '{value}': det skal være et helt antal unix-sekunder",
  },
  'otp.error.counter': {
    en: "counter is '{value}': it must be a whole number from 0 to 9007199254740991",
    da: "tælleren er '{value}': den skal være et helt tal fra 0 til 9007199254740991",
  },
  'otp.error.time': {
    en: "time is '{value}' ms: it must be a finite number",
    da: "tidspunktet er '{value}' ms: det skal være et endeligt tal",
  },
  'otp.error.timeBeforeT0': {
    en: 'time {atMs} ms lies before T0 ({t0Sec} s): no TOTP step exists then; use a later time or an earlier T0',
    da: 'tidspunktet {atMs} ms ligger før T0 ({t0Sec} s): der findes intet TOTP-trin da; brug et senere tidspunkt eller et tidligere T0',
  },
  'otp.error.algorithm': {
    en: "unknown algorithm '{value}': use sha1, sha256 or sha512",
    da: "ukendt algoritme '{value}': brug sha1, sha256 eller sha512",
  },
  'otp.error.window': {
    en: "window {side} is '{value}': it must be a whole number of steps from 0 to {max}",
    da: "vinduet {side} er '{value}': det skal være et helt antal trin fra 0 til {max}",
  },
  'otp.error.count': {
    en: "{name} is '{value}': it must be a whole number from 0 to {max}",
    da: "{name} er '{value}': det skal være et helt tal fra 0 til {max}",
  },
  'otp.error.secretBytes': {
    en: "secret length '{value}': it must be a whole number of bytes from {min} to {max}",
    da: "hemmelighedens længde '{value}': den skal være et helt antal bytes fra {min} til {max}",
  },
  'otp.error.random': {
    en: 'the random source returned {got} bytes; {want} were asked for',
    da: 'tilfældighedskilden gav {got} bytes; der blev bedt om {want}',
  },
  'otp.error.uriScheme': {
    en: "URI scheme is '{scheme}': a key URI starts with otpauth://",
    da: "URI-skemaet er '{scheme}': en nøgle-URI starter med otpauth://",
  },
  'otp.error.uriMalformed': {
    en: 'URI is not well formed: expected otpauth://totp/LABEL?secret=... or otpauth://hotp/LABEL?secret=...&counter=N',
    da: 'URI’en er ikke korrekt opbygget: den skal have formen otpauth://totp/LABEL?secret=... eller otpauth://hotp/LABEL?secret=...&counter=N',
  },
  'otp.error.uriType': {
    en: "URI type is '{type}': use otpauth://totp/... or otpauth://hotp/...",
    da: "URI-typen er '{type}': brug otpauth://totp/... eller otpauth://hotp/...",
  },
  'otp.error.uriNoSecret': {
    en: "URI has no 'secret' parameter: add secret=BASE32",
    da: "URI’en har ingen 'secret'-parameter: tilføj secret=BASE32",
  },
  'otp.error.uriNoCounter': {
    en: "hotp URI has no 'counter' parameter: add counter=N",
    da: "hotp-URI’en har ingen 'counter'-parameter: tilføj counter=N",
  },
  'otp.error.uriParamEncoding': {
    en: "URI parameter '{name}' is not valid percent-encoding: write special characters as %XX (UTF-8), e.g. a space as %20",
    da: "URI-parameteren '{name}' er ikke gyldig procent-kodning: skriv specialtegn som %XX (UTF-8), f.eks. et mellemrum som %20",
  },
  'otp.error.uriDuplicate': {
    en: "URI parameter '{name}' appears more than once: keep only one",
    da: "URI-parameteren '{name}' optræder mere end én gang: behold kun én",
  },
  'otp.error.uriLabel': {
    en: 'URI label is not valid percent-encoding: write special characters as %XX (UTF-8), e.g. a space as %20',
    da: 'URI-etiketten er ikke gyldig procent-kodning: skriv specialtegn som %XX (UTF-8), f.eks. et mellemrum som %20',
  },
  'otp.error.account': {
    en: 'account name is missing: a key URI needs a label (e.g. alice@example.com)',
    da: 'kontonavnet mangler: en nøgle-URI skal have en etiket (f.eks. alice@example.com)',
  },
  'otp.error.accountColon': {
    en: "account name contains ':', which would split the URI label into issuer and account: use a name without ':'",
    da: "kontonavnet indeholder ':', som ville dele URI-etiketten i udsteder og konto: brug et navn uden ':'",
  },
  'otp.error.issuerColon': {
    en: "issuer '{issuer}' contains ':', which would split the URI label: use an issuer without ':'",
    da: "udstederen '{issuer}' indeholder ':', som ville dele URI-etiketten: brug en udsteder uden ':'",
  },
});
