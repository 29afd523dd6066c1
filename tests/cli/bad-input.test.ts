import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import {
  corruptStore,
  foreignStore,
  newerSchemaStore,
  storeUnderFile,
  storeWithUsers,
  tempStorePath,
} from '../store/store-fixtures';

/**
 * Every CLI misuse exits 2 with exactly one stderr line naming the problem: no stack trace, no secret.
 *
 * To add a case, append a row to BAD_INPUTS (or to your own section below). `secrets` lists strings that
 * must not appear in stdout or stderr; secret option values (--secret, --secret-hex, --uri and
 * TOKENKIT_SECRET) are added automatically. `setup` may create files (e.g. a corrupt store) and return
 * extra argv/env; it runs before the command.
 */
export interface BadInput {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  message: RegExp;
  secrets?: string[];
  setup?: () =>
    | Promise<{ argv?: string[]; env?: NodeJS.ProcessEnv } | void>
    | { argv?: string[]; env?: NodeJS.ProcessEnv }
    | void;
}

const S = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // a well-formed 20-byte secret for rows about other options
const URI = `otpauth://totp/ACME:alice?secret=${S}`;

export const BAD_INPUTS: BadInput[] = [
  // ---- OTP: secrets ----------------------------------------------------------------------------------
  {
    name: 'Base32 with a 1',
    argv: ['code', '--secret', 'JBSW1Y3DPEHPK3PXP'],
    message: /bad Base32 character '1' at position 4/,
  },
  {
    name: 'Base32 with a 0 after spaces',
    argv: ['code', '--secret', 'jbsw y3dp ehpk 0pxp'],
    message: /bad Base32 character '0' at position 15/,
  },
  { name: 'Base32 with an 8', argv: ['code', '--secret', 'JBSWY3DPEHPK3PX8JBSW'], message: /'8' at position 15/ },
  { name: 'Base32 with punctuation', argv: ['code', '--secret', 'JBSWY3DP.EHPK3PXP'], message: /'\.' at position 8/ },
  {
    name: 'Base32 padding in the middle',
    argv: ['code', '--secret', 'JBSWY3DP==EHPK3PXP'],
    message: /'=' padding .*position 8/,
  },
  {
    name: 'Base32 of impossible length',
    argv: ['code', '--secret', 'JBSWY3DPEHPK3PXPA'],
    message: /17 characters, which is not a whole number of bytes/,
  },
  {
    name: 'Base32 secret too short',
    argv: ['code', '--secret', 'JBSWY3DPEHPK3PX'],
    message: /secret is 9 bytes long; it must be at least 10 bytes/,
  },
  { name: 'empty secret', argv: ['code', '--secret', ''], message: /secret is empty/ },
  {
    name: 'hex with a non-hex digit',
    argv: ['code', '--secret-hex', '31323334353637383930g1'],
    message: /bad hex character 'g' at position 20/,
  },
  {
    name: 'hex of odd length',
    argv: ['code', '--secret-hex', '3132333435363738393'],
    message: /odd number of digits \(19\)/,
  },
  { name: 'hex secret too short', argv: ['code', '--secret-hex', '313233343536'], message: /secret is 6 bytes long/ },
  {
    name: 'two secret sources',
    argv: ['code', '--secret', S, '--uri', URI],
    message: /only one of --secret, --secret-hex and --uri \(got --secret, --uri\)/,
  },
  { name: 'no secret at all', argv: ['code'], message: /no secret given: use --secret BASE32/ },
  {
    name: 'bad TOKENKIT_SECRET',
    argv: ['code'],
    env: { TOKENKIT_SECRET: 'NOT*BASE32SECRETXX' },
    message: /bad Base32 character '\*' at position 3/,
  },
  // ---- OTP: otpauth:// URIs --------------------------------------------------------------------------
  {
    name: 'URI of the wrong scheme',
    argv: ['code', '--uri', `https://example.com/?secret=${S}`],
    message: /URI scheme is 'https': a key URI starts with otpauth:\/\//,
  },
  { name: 'not a URI', argv: ['code', '--uri', 'alice'], message: /URI is not well formed/ },
  {
    name: 'URI of an unknown type',
    argv: ['code', '--uri', `otpauth://motp/a?secret=${S}`],
    message: /URI type is 'motp'/,
  },
  {
    name: 'URI without secret',
    argv: ['code', '--uri', 'otpauth://totp/ACME:alice?issuer=ACME'],
    message: /no 'secret' parameter: add secret=BASE32/,
  },
  {
    name: 'hotp URI without counter',
    argv: ['code', '--uri', `otpauth://hotp/a?secret=${S}`],
    message: /no 'counter' parameter/,
  },
  {
    name: 'URI with a negative counter',
    argv: ['code', '--uri', `otpauth://hotp/a?secret=${S}&counter=-3`],
    message: /counter is '-3'/,
  },
  {
    name: 'URI with 5 digits',
    argv: ['code', '--uri', `${URI}&digits=5`],
    message: /digits is '5': it must be a whole number from 6 to 10/,
  },
  {
    name: 'URI with a fractional period',
    argv: ['code', '--uri', `${URI}&period=7.5`],
    message: /period is '7.5': it must be a whole number of seconds/,
  },
  {
    name: 'URI with an unknown algorithm',
    argv: ['code', '--uri', `${URI}&algorithm=MD5`],
    message: /unknown algorithm 'MD5'/,
  },
  {
    name: 'URI with a bad secret',
    argv: ['code', '--uri', 'otpauth://totp/a?secret=JBSWY3DP1HPK3PXP'],
    message: /bad Base32 character '1' at position 8/,
  },
  {
    name: 'URI with a repeated parameter',
    argv: ['code', '--uri', `${URI}&period=30&period=60`],
    message: /'period' appears more than once/,
  },
  // ---- OTP: parameters ------------------------------------------------------------------------------
  {
    name: 'digits 5',
    argv: ['code', '--secret', S, '--digits', '5'],
    message: /digits is '5': it must be a whole number from 6 to 10/,
  },
  { name: 'digits 11', argv: ['code', '--secret', S, '--digits', '11'], message: /digits is '11'/ },
  { name: 'digits as a word', argv: ['code', '--secret', S, '--digits', 'six'], message: /digits is 'six'/ },
  { name: 'period 0', argv: ['code', '--secret', S, '--period', '0'], message: /period is '0'/ },
  {
    name: 'fractional period',
    argv: ['code', '--secret', S, '--period', '30.5'],
    message: /period is '30.5': it must be a whole number of seconds from 1 to 3600/,
  },
  { name: 'period over an hour', argv: ['code', '--secret', S, '--period', '3601'], message: /period is '3601'/ },
  {
    name: 'unknown algorithm',
    argv: ['code', '--secret', S, '--algorithm', 'md5'],
    message: /unknown algorithm 'md5': use sha1, sha256 or sha512/,
  },
  { name: 'fractional T0', argv: ['code', '--secret', S, '--t0', '1.5'], message: /T0 is '1.5'/ },
  // ---- OTP: times -----------------------------------------------------------------------------------
  {
    name: 'time as a word',
    argv: ['code', '--secret', S, '--time', 'yesterday'],
    message: /--time 'yesterday' is not a time: give unix seconds/,
  },
  {
    name: 'impossible date',
    argv: ['code', '--secret', S, '--time', '2026-02-30T10:00:00Z'],
    message: /--time '2026-02-30T10:00:00Z' is not a time/,
  },
  {
    name: 'time with a bad hour',
    argv: ['code', '--secret', S, '--time', '2026-11-23T25:00'],
    message: /is not a time/,
  },
  {
    name: 'time before T0',
    argv: ['code', '--secret', S, '--t0', '2000000000', '--time', '1000'],
    message: /lies before T0 \(2000000000 s\)/,
  },
  // ---- OTP: HOTP counters ---------------------------------------------------------------------------
  {
    name: 'negative counter',
    argv: ['code', '--secret', S, '--hotp', '--counter', '-1'],
    message: /counter is '-1': it must be a whole number from 0 to 9007199254740991/,
  },
  {
    name: 'fractional counter',
    argv: ['code', '--secret', S, '--hotp', '--counter', '2.5'],
    message: /counter is '2.5'/,
  },
  {
    name: 'counter past 2^53-1',
    argv: ['code', '--secret', S, '--hotp', '--counter', '9007199254740992'],
    message: /counter is '9007199254740992'/,
  },
  {
    name: 'HOTP without counter',
    argv: ['code', '--secret', S, '--hotp'],
    message: /HOTP needs a counter: add --counter N/,
  },
  {
    name: 'counter without HOTP',
    argv: ['code', '--secret', S, '--counter', '3'],
    message: /--counter applies to HOTP only: add --hotp/,
  },
  {
    name: 'HOTP with a time',
    argv: ['code', '--secret', S, '--hotp', '--counter', '3', '--time', '1700000000'],
    message: /--time does not apply to HOTP/,
  },
  // ---- OTP: verify / find / timeline ---------------------------------------------------------------
  {
    name: 'code with letters',
    argv: ['verify', '12a456', '--secret', S],
    message: /code '12a456' must be exactly 6 digits/,
  },
  {
    name: 'code of the wrong length',
    argv: ['verify', '12345678', '--secret', S],
    message: /must be exactly 6 digits \(set --digits/,
  },
  { name: 'verify without a code', argv: ['verify', '--secret', S], message: /missing argument 'code'/ },
  {
    name: 'negative window',
    argv: ['verify', '123456', '--secret', S, '--window', '-1'],
    message: /--window '-1' is not a whole number from 0 to 604800/,
  },
  {
    name: 'window and past together',
    argv: ['verify', '123456', '--secret', S, '--window', '2', '--past', '1'],
    message: /either --window N or --past N\/--future N/,
  },
  {
    name: 'fractional future',
    argv: ['verify', '123456', '--secret', S, '--future', '1.5'],
    message: /--future '1.5' is not a whole number/,
  },
  {
    name: 'range that is not a duration',
    argv: ['find', '123456', '--secret', S, '--range', 'forever'],
    message: /--range 'forever' is not a duration/,
  },
  { name: 'range over a year', argv: ['find', '123456', '--secret', S, '--range', '400d'], message: /at most 366d/ },
  {
    name: 'range of too many steps',
    argv: ['find', '123456', '--secret', S, '--period', '1', '--range', '30d'],
    message: /2592000 steps of 1 s each way; at most 604800/,
  },
  {
    name: 'timeline with too many steps',
    argv: ['timeline', '--secret', S, '--before', '5000'],
    message: /--before '5000' is not a whole number from 0 to 1000/,
  },
  {
    name: 'timeline of an HOTP token',
    argv: ['timeline', '--uri', `otpauth://hotp/a?secret=${S}&counter=1`],
    message: /timeline works on TOTP only/,
  },
  // ---- CLI frame ------------------------------------------------------------------------------------
  {
    name: 'unknown flag',
    argv: ['code', '--secret', S, '--frobnicate'],
    message: /unknown option '--frobnicate'. See 'tokenkit code --help'/,
  },
  { name: 'option without its value', argv: ['code', '--secret'], message: /option '--secret <base32>' needs a value/ },
  { name: 'unknown command', argv: ['codes'], message: /unknown command 'codes'/ },
  { name: 'extra argument', argv: ['code', 'extra', '--secret', S], message: /too many arguments to 'tokenkit code'/ },

  // ---- store (rows for corrupt or unwritable store files go here) -----------------------------------
  {
    name: 'store file of random bytes',
    argv: ['token', 'list'],
    setup: () => ({ argv: ['--store', corruptStore()] }),
    message: /store file '.*' is damaged or not a database \(SQLITE_NOTADB\): move it aside/,
  },
  {
    name: 'store path under a regular file',
    argv: ['token', 'list'],
    setup: () => ({ argv: ['--store', storeUnderFile()] }),
    message: /cannot write the store file '.*a-file\/tokenkit.db' \(ENOTDIR\): pass a --store path/,
  },
  {
    name: 'store path in /proc',
    argv: ['token', 'list', '--store', '/proc/tokenkit-no-such-dir/tokenkit.db'],
    message: /cannot write the store file '\/proc\/tokenkit-no-such-dir\/tokenkit.db'/,
  },
  {
    name: 'store path is a directory',
    argv: ['token', 'list'],
    setup: () => ({ argv: ['--store', tempStorePath().replace(/\/tokenkit\.db$/, '')] }),
    message: /cannot write the store file .*\(EISDIR\)/,
  },
  {
    name: 'store in TOKENKIT_STORE under a regular file',
    argv: ['token', 'list'],
    setup: () => ({ env: { TOKENKIT_STORE: storeUnderFile() } }),
    message: /cannot write the store file/,
  },
  {
    name: 'store from a newer tokenkit',
    argv: ['token', 'list'],
    setup: () => ({ argv: ['--store', newerSchemaStore()] }),
    message: /has schema version \d+, but this tokenkit supports up to \d+: upgrade tokenkit/,
  },
  {
    name: 'store that is another SQLite database',
    argv: ['token', 'list'],
    setup: () => ({ argv: ['--store', foreignStore()] }),
    message: /is an SQLite database but not a tokenkit store/,
  },
  {
    name: 'token add for an existing user',
    argv: ['token', 'add', 'alice', '--generate'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /a token for user 'alice' already exists/,
  },
  {
    name: 'token add without a secret',
    argv: ['token', 'add', 'alice'],
    setup: () => ({ argv: ['--store', tempStorePath()] }),
    message: /no secret given: use --generate/,
  },
  {
    name: 'token add --generate with --secret',
    argv: ['token', 'add', 'alice', '--generate', '--secret', S],
    setup: () => ({ argv: ['--store', tempStorePath()] }),
    message: /--generate makes a new secret: leave out --secret/,
  },
  {
    name: 'token add --counter on a TOTP token',
    argv: ['token', 'add', 'alice', '--secret', S, '--counter', '5'],
    setup: () => ({ argv: ['--store', tempStorePath()] }),
    message: /--counter applies to HOTP tokens only/,
  },
  {
    name: 'token add with a fractional HOTP counter',
    argv: ['token', 'add', 'alice', '--hotp', '--secret', S, '--counter', '1.5'],
    setup: () => ({ argv: ['--store', tempStorePath()] }),
    message: /counter is '1.5': it must be a whole number from 0/,
  },
  {
    name: 'token add with an empty user',
    argv: ['token', 'add', '', '--generate'],
    setup: () => ({ argv: ['--store', tempStorePath()] }),
    message: /user name is empty/,
  },
  {
    name: 'token add with a newline in the user',
    argv: ['token', 'add', 'bad\nuser', '--generate'],
    setup: () => ({ argv: ['--store', tempStorePath()] }),
    message: /user name has a control character at position 3/,
  },
  {
    name: 'token add with a 200-character user',
    argv: ['token', 'add', 'u'.repeat(200), '--generate'],
    setup: () => ({ argv: ['--store', tempStorePath()] }),
    message: /user name is 200 characters long: use at most 128/,
  },
  {
    name: 'token verify of an unknown user',
    argv: ['token', 'verify', 'nobody', '123456'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /no token for user 'nobody'/,
  },
  {
    name: 'token verify with a 5-digit code',
    argv: ['token', 'verify', 'alice', '12345'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /code '12345' must be exactly 6 digits/,
  },
  {
    name: 'token verify with letters in the code',
    argv: ['token', 'verify', 'alice', '12a456'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /code '12a456' must be exactly 6 digits/,
  },
  {
    name: 'token verify with --time (it would store state from a made-up time)',
    argv: ['token', 'verify', 'alice', '123456', '--time', '2030-01-01T00:00:00Z'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /--time would store state from a made-up time/,
  },
  {
    name: 'token resync with --time',
    argv: ['token', 'resync', 'alice', '123456', '654321', '--time', '1700000000'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /'token resync' uses the real clock/,
  },
  {
    name: 'HOTP verify looking behind the counter',
    argv: ['verify', '123456', '--secret', S, '--hotp', '--counter', '5', '--past', '1'],
    message: /HOTP only looks ahead \(RFC 4226\)/,
  },
  {
    name: 'token verify with a bad --lockout',
    argv: ['token', 'verify', 'alice', '123456', '--lockout', 'forever'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /--lockout 'forever' is not a duration/,
  },
  {
    name: 'token resync with one code',
    argv: ['token', 'resync', 'alice', '123456'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /missing argument 'code2'/,
  },
  {
    name: 'token remove of an unknown user',
    argv: ['token', 'remove', 'nobody'],
    setup: () => ({ argv: ['--store', storeWithUsers('alice')] }),
    message: /no token for user 'nobody'/,
  },
  // ---- simulator -------------------------------------------------------------------------------------
  {
    name: 'sim with a drift that is not a number',
    argv: ['sim', '--drift-ppm', 'fast'],
    message: /--drift-ppm 'fast' is not a number from -100000 to 100000/,
  },
  {
    name: 'sim with an absurd drift',
    argv: ['sim', '--serial', '--drift-ppm', '5000000'],
    message: /--drift-ppm '5000000' is not a number/,
  },
  { name: 'sim with an unknown profile', argv: ['sim', '--profile', 'kodeviser2'], message: /kodeviser2/ },
  {
    name: 'sim --link without --serial',
    argv: ['sim', '--link', '/tmp/x'],
    message: /--link only applies with --serial \/ --hid/,
  },
  {
    name: 'an option value outside its choices',
    argv: ['sim', '--serial', '--mode', 'foo'],
    message: /--mode 'foo' is not one of smart, display\. See 'tokenkit sim --help'/,
  },
  {
    name: 'Danish, with --lang before the command',
    argv: ['--lang', 'da', 'code', '--digits'],
    message: /tilvalget '--digits <n>' skal have en værdi\. Se 'tokenkit code --help'/,
  },
  {
    name: 'unknown top-level option',
    argv: ['--bogus'],
    message: /^tokenkit: unknown option '--bogus'\. See 'tokenkit --help' for the options\.$/m,
  },
  {
    name: 'sim --mode in the terminal',
    argv: ['sim', '--mode', 'display'],
    message: /--mode only applies with --serial/,
  },
  {
    name: 'device watch with --user and --secret',
    argv: ['device', 'watch', '--user', 'a', '--secret', S],
    message: /either --user or a secret option/,
  },
  {
    name: 'sim with a bad start time',
    argv: ['sim', '--start-time', 'yesterday'],
    message: /--start-time 'yesterday' is not a time/,
  },
  {
    name: 'sim with a bad secret',
    argv: ['sim', '--secret', 'JBSW1Y3DPEHPK3PXP'],
    message: /bad Base32 character '1' at position 4/,
  },
  {
    name: 'sim with an unknown voice',
    argv: ['sim', '--profile', 'audio-code-reader', '--voice', 'hal9000', '--secret', S],
    message: /hal9000/,
  },
];

/**
 * Secret values in a row: --secret/--secret-hex values, TOKENKIT_SECRET, and the secret= parameter of a
 * --uri (the URI as a whole must not be echoed either). They must never appear in the output.
 */
function secretsOf(row: BadInput, argv: string[], env: NodeJS.ProcessEnv): string[] {
  const found = [...(row.secrets ?? [])];
  const add = (option: string, value: string) => {
    if (option === 'uri') {
      found.push(value);
      const param = /[?&]secret=([^&#]*)/i.exec(value)?.[1];
      if (param) found.push(decodeURIComponent(param));
    } else found.push(value);
  };
  argv.forEach((arg, i) => {
    const flag = /^--(secret|secret-hex|uri)$/.exec(arg);
    if (flag && argv[i + 1] !== undefined) add(flag[1]!, argv[i + 1]!);
    const eq = /^--(secret|secret-hex|uri)=(.+)$/.exec(arg);
    if (eq) add(eq[1]!, eq[2]!);
  });
  if (env.TOKENKIT_SECRET) found.push(env.TOKENKIT_SECRET);
  // Only values long enough to be recognisable (short ones are parts of ordinary words).
  return found.map((s) => s.replace(/\s/g, '')).filter((s) => s.length >= 8);
}

describe('bad input: exit 2, one line, no stack, no secret', () => {
  it('has at least 30 rows', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_INPUTS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const extra = (await row.setup?.()) ?? {};
    const argv = [...row.argv, ...(extra.argv ?? [])];
    const env = { ...row.env, ...extra.env };
    const r = await runCli(argv, env);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(lines[0]).toMatch(/^tokenkit: /);
    expect(lines[0]).toMatch(row.message);
    expect(r.stderr).not.toContain('    at ');
    expect(r.stdout).toBe('');
    for (const secret of secretsOf(row, argv, env)) {
      expect(r.stderr).not.toContain(secret);
      // Nor a recognisable chunk of a plain secret (its first 8 characters).
      if (!secret.includes('://')) expect(r.stderr.toUpperCase()).not.toContain(secret.slice(0, 8).toUpperCase());
    }
  });

  it('the same errors read in Danish', async () => {
    const r = await runCli(['code', '--secret', 'JBSW1Y3DPEHPK3PXP', '--lang', 'da']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ugyldigt Base32-tegn '1' på position 4/);
    const p = await runCli(['code', '--secret', S, '--period', '30.5'], { LANG: 'da_DK.UTF-8' });
    expect(p.stderr).toMatch(/perioden er '30.5': den skal være et helt antal sekunder/);
  });
});
