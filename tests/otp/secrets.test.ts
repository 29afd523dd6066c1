import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { generateURI } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  buildOtpauthUri,
  decodeBase32,
  decodeHex,
  encodeBase32,
  encodeHex,
  generateSecret,
  type OtpField,
  OtpInputError,
  parseOtpauthUri,
  secretBytes,
  secretFromHex,
} from '../../src/otp/index';

const bytes = fc.uint8Array({ minLength: 0, maxLength: 100 });

describe('Base32 (RFC 4648)', () => {
  it('RFC 4648 section 10 test vectors', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ];
    for (const [plain, b32] of cases) {
      const raw = new TextEncoder().encode(plain);
      expect(encodeBase32(raw, { padding: true })).toBe(b32);
      expect(encodeBase32(raw)).toBe(b32.replace(/=+$/, ''));
      expect(decodeBase32(b32)).toEqual(raw);
      expect(decodeBase32(b32.replace(/=+$/, '').toLowerCase())).toEqual(raw);
    }
  });

  it('round-trips and agrees with otpauth 9 in both directions', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const ours = encodeBase32(b);
        expect(decodeBase32(ours)).toEqual(b);
        const theirs = new OTPAuth.Secret({ buffer: Uint8Array.from(b).buffer });
        expect(ours).toBe(theirs.base32);
        expect(new Uint8Array(OTPAuth.Secret.fromBase32(ours).buffer)).toEqual(b);
      }),
    );
  });

  it('accepts lower case, spaces, hyphens, line breaks and missing or full padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (b, group) => {
        const plain = encodeBase32(b);
        const grouped = plain.toLowerCase().replace(new RegExp(`(.{${group}})`, 'g'), '$1 ');
        expect(decodeBase32(grouped)).toEqual(b);
        expect(decodeBase32(encodeBase32(b, { padding: true }))).toEqual(b);
        expect(decodeBase32(plain.replace(/(.{4})/g, '$1-'))).toEqual(b);
        expect(decodeBase32(`${plain.slice(0, 3)}\n${plain.slice(3)}`)).toEqual(b);
      }),
    );
  });
});

describe('hex', () => {
  it('round-trips and matches Buffer', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(encodeHex(b)).toBe(Buffer.from(b).toString('hex'));
        expect(decodeHex(encodeHex(b))).toEqual(b);
        expect(decodeHex(encodeHex(b).toUpperCase())).toEqual(b);
      }),
    );
    expect(decodeHex('0x3132 33:34')).toEqual(Uint8Array.from([0x31, 0x32, 0x33, 0x34]));
  });
});

const SECRET_B32 = 'JBSWY3DPEHPK3PXPJBSWY3DP';

/** Every row: input → the error's field, position (if any) and a message pattern. */
const ERROR_TABLE: { name: string; run: () => unknown; field: OtpField; position?: number; message: RegExp }[] = [
  {
    name: 'Base32 digit 1',
    run: () => decodeBase32('JBSWY3DP1HPK'),
    field: 'secret',
    position: 8,
    message: /bad Base32 character '1' at position 8/,
  },
  {
    name: 'Base32 digit 0 and 8',
    run: () => decodeBase32('ABCD0'),
    field: 'secret',
    position: 4,
    message: /'0' at position 4/,
  },
  {
    name: 'Base32 non-ASCII',
    run: () => decodeBase32('ABCDÆFGH'),
    field: 'secret',
    position: 4,
    message: /'Æ' at position 4/,
  },
  {
    name: 'Base32 control char',
    run: () => decodeBase32('AB\u0001C'),
    field: 'secret',
    position: 2,
    message: /'U\+0001' at position 2/,
  },
  {
    name: 'Base32 padding inside',
    run: () => decodeBase32('MZXQ==MZ'),
    field: 'secret',
    position: 4,
    message: /'=' .*position 4/,
  },
  {
    name: 'Base32 impossible length',
    run: () => decodeBase32('MZXW6YQ'.slice(0, 6)),
    field: 'secret',
    message: /6 characters.*not a whole number of bytes/,
  },
  {
    name: 'hex char',
    run: () => decodeHex('3132zz'),
    field: 'secret',
    position: 4,
    message: /bad hex character 'z' at position 4/,
  },
  { name: 'hex odd', run: () => decodeHex('31323'), field: 'secret', message: /odd number of digits \(5\)/ },
  {
    name: 'short secret',
    run: () => secretBytes('JBSWY3DP'),
    field: 'secret',
    message: /5 bytes long; it must be at least 10 bytes/,
  },
  { name: 'short hex secret', run: () => secretFromHex('31323334'), field: 'secret', message: /4 bytes long/ },
  { name: 'empty secret', run: () => secretBytes(''), field: 'secret', message: /secret is empty/ },
  {
    name: 'wrong scheme',
    run: () => parseOtpauthUri(`https://totp/a?secret=${SECRET_B32}`),
    field: 'uri',
    message: /scheme is 'https'/,
  },
  { name: 'no scheme', run: () => parseOtpauthUri('totp/a'), field: 'uri', message: /not well formed/ },
  {
    name: 'wrong type',
    run: () => parseOtpauthUri(`otpauth://motp/a?secret=${SECRET_B32}`),
    field: 'uri',
    message: /type is 'motp'/,
  },
  {
    name: 'no secret',
    run: () => parseOtpauthUri('otpauth://totp/ACME:alice?issuer=ACME'),
    field: 'uri',
    message: /no 'secret' parameter/,
  },
  {
    name: 'empty secret param',
    run: () => parseOtpauthUri('otpauth://totp/a?secret='),
    field: 'uri',
    message: /no 'secret' parameter/,
  },
  {
    name: 'bad secret in URI',
    run: () => parseOtpauthUri('otpauth://totp/a?secret=JBSW!Y3DPEHPK3PXP'),
    field: 'secret',
    position: 4,
    message: /'!' at position 4/,
  },
  {
    name: 'short secret in URI',
    run: () => parseOtpauthUri('otpauth://totp/a?secret=JBSWY3DP'),
    field: 'secret',
    message: /at least 10 bytes/,
  },
  {
    name: 'hotp without counter',
    run: () => parseOtpauthUri(`otpauth://hotp/a?secret=${SECRET_B32}`),
    field: 'uri',
    message: /no 'counter' parameter/,
  },
  {
    name: 'negative counter',
    run: () => parseOtpauthUri(`otpauth://hotp/a?secret=${SECRET_B32}&counter=-1`),
    field: 'counter',
    message: /counter is '-1'/,
  },
  {
    name: 'fractional counter',
    run: () => parseOtpauthUri(`otpauth://hotp/a?secret=${SECRET_B32}&counter=1.5`),
    field: 'counter',
    message: /counter is '1.5'/,
  },
  {
    name: 'digits 5',
    run: () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&digits=5`),
    field: 'digits',
    message: /digits is '5'.*6 to 10/,
  },
  {
    name: 'digits 11',
    run: () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&digits=11`),
    field: 'digits',
    message: /digits is '11'/,
  },
  {
    name: 'period 0',
    run: () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&period=0`),
    field: 'periodSec',
    message: /period is '0'/,
  },
  {
    name: 'period fractional',
    run: () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&period=30.5`),
    field: 'periodSec',
    message: /period is '30.5'.*whole number of seconds/,
  },
  {
    name: 'period too long',
    run: () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&period=3601`),
    field: 'periodSec',
    message: /3601/,
  },
  {
    name: 'algorithm md5',
    run: () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&algorithm=MD5`),
    field: 'algorithm',
    message: /unknown algorithm 'MD5'/,
  },
  {
    name: 'duplicate param',
    run: () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&digits=6&digits=8`),
    field: 'uri',
    message: /'digits' appears more than once/,
  },
  {
    name: 'bad label encoding',
    run: () => parseOtpauthUri(`otpauth://totp/%E0%A4%A?secret=${SECRET_B32}`),
    field: 'uri',
    message: /percent-encoding/,
  },
  {
    name: 'build without account',
    run: () => buildOtpauthUri({ secret: SECRET_B32, account: ' ' }),
    field: 'uri',
    message: /account name is missing/,
  },
  {
    name: 'build account with colon',
    run: () => buildOtpauthUri({ secret: SECRET_B32, account: 'a:b' }),
    field: 'uri',
    message: /account name contains ':'/,
  },
  {
    name: 'build issuer with colon',
    run: () => buildOtpauthUri({ secret: SECRET_B32, account: 'a', issuer: 'A:B' }),
    field: 'uri',
    message: /contains ':'/,
  },
  {
    name: 'build hotp without counter',
    run: () => buildOtpauthUri({ type: 'hotp', secret: SECRET_B32, account: 'a' }),
    field: 'uri',
    message: /counter/,
  },
  {
    name: 'secret length request',
    run: () => generateSecret({ bytes: 5 }),
    field: 'secret',
    message: /from 10 to 1024/,
  },
  {
    name: 'short random source',
    run: () => generateSecret({ random: () => new Uint8Array(3) }),
    field: 'random',
    message: /returned 3 bytes; 20 were asked for/,
  },
];

describe('validation errors say what and where, never the secret', () => {
  it.each(ERROR_TABLE)('$name', ({ run, field, position, message }) => {
    let caught: unknown;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OtpInputError);
    const err = caught as OtpInputError;
    expect(err.field).toBe(field);
    if (position !== undefined) expect(err.position).toBe(position);
    expect(err.message).toMatch(message);
    expect(err.localized('da')).not.toBe(err.message);
    for (const text of [err.message, err.localized('da'), JSON.stringify(err.params)]) {
      expect(text).not.toContain(SECRET_B32);
      expect(text).not.toContain(SECRET_B32.slice(0, 8));
    }
  });
});

describe('URI errors in Danish', () => {
  it('a badly percent-encoded parameter is named, with no English inside the Danish line', () => {
    let caught: unknown;
    try {
      parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_B32}&issuer=%E0%A4`);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OtpInputError);
    const err = caught as OtpInputError;
    expect(err.field).toBe('uri');
    expect(err.message).toMatch(/'issuer' is not valid percent-encoding/);
    expect(err.localized('da')).toMatch(/'issuer' er ikke gyldig procent-kodning/);
    expect(err.localized('da')).not.toMatch(/percent|bad/);
  });
});

describe('otpauth:// key URIs', () => {
  const account = fc
    .string({ minLength: 1, maxLength: 30 })
    .filter((s) => s.trim() !== '' && s.trim() === s && !s.includes(':'));
  const issuer = fc.option(
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes(':') && s.trim() === s && s !== ''),
    { nil: undefined },
  );
  const key = fc.record({
    type: fc.constantFrom('totp' as const, 'hotp' as const),
    secret: fc.uint8Array({ minLength: 10, maxLength: 64 }),
    account,
    issuer,
    algorithm: fc.constantFrom('sha1' as const, 'sha256' as const, 'sha512' as const),
    digits: fc.integer({ min: 6, max: 10 }),
    periodSec: fc.integer({ min: 1, max: 3600 }),
    counter: fc.maxSafeNat(),
  });

  it('build then parse gives the same key', () => {
    fc.assert(
      fc.property(key, (k) => {
        const parsed = parseOtpauthUri(buildOtpauthUri(k));
        expect(parsed.type).toBe(k.type);
        expect(parsed.secret).toEqual(k.secret);
        expect(parsed.account).toBe(k.account);
        expect(parsed.issuer).toBe(k.issuer);
        expect(parsed.algorithm).toBe(k.algorithm);
        expect(parsed.digits).toBe(k.digits);
        if (k.type === 'totp') expect(parsed.periodSec).toBe(k.periodSec);
        else expect(parsed.counter).toBe(k.counter);
      }),
    );
  });

  it('otpauth 9 reads our URIs and we read theirs', () => {
    fc.assert(
      fc.property(key, (k) => {
        const theirs = OTPAuth.URI.parse(buildOtpauthUri(k));
        expect(theirs.secret.base32).toBe(encodeBase32(k.secret));
        expect(theirs.label).toBe(k.account);
        expect(theirs.digits).toBe(k.digits);
        expect(theirs.algorithm).toBe(k.algorithm.toUpperCase());
        const Ctor = k.type === 'totp' ? OTPAuth.TOTP : OTPAuth.HOTP;
        const made = new Ctor({
          secret: new OTPAuth.Secret({ buffer: Uint8Array.from(k.secret).buffer }),
          label: k.account,
          ...(k.issuer ? { issuer: k.issuer } : {}),
          algorithm: k.algorithm.toUpperCase(),
          digits: k.digits,
          period: k.periodSec,
          counter: k.counter,
        } as never);
        const back = parseOtpauthUri(made.toString());
        expect(back.secret).toEqual(k.secret);
        expect(back.account).toBe(k.account);
        expect(back.issuer).toBe(k.issuer);
        expect(back.digits).toBe(k.digits);
      }),
      { numRuns: 200 },
    );
  });

  it("reads otplib's generateURI and Google's documented example", () => {
    const uri = generateURI({
      issuer: 'ACME Co',
      label: 'john@example.com',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'sha256',
      digits: 8,
      period: 60,
    });
    expect(parseOtpauthUri(uri)).toMatchObject({
      type: 'totp',
      account: 'john@example.com',
      issuer: 'ACME Co',
      algorithm: 'sha256',
      digits: 8,
      periodSec: 60,
    });
    const google = parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example');
    expect(google).toMatchObject({
      type: 'totp',
      account: 'alice@google.com',
      issuer: 'Example',
      algorithm: 'sha1',
      digits: 6,
      periodSec: 30,
    });
    expect(encodeBase32(google.secret)).toBe('JBSWY3DPEHPK3PXP');
    // Issuer only in the label, '+' as space in a parameter, unknown parameters ignored.
    expect(
      parseOtpauthUri('otpauth://TOTP/Big%20Bank:bob?secret=jbswy3dpehpk3pxp&image=x&issuer=Big+Bank'),
    ).toMatchObject({ issuer: 'Big Bank', account: 'bob' });
    expect(parseOtpauthUri('otpauth://totp/Big%20Bank:bob?secret=JBSWY3DPEHPK3PXP').issuer).toBe('Big Bank');
  });
});

describe('generateSecret', () => {
  it('gives 20 bytes by default from the injected randomness, copied', () => {
    const source = Uint8Array.from({ length: 20 }, (_, i) => i);
    const asked: number[] = [];
    const s = generateSecret({ random: (n) => (asked.push(n), source) });
    expect(asked).toEqual([20]);
    expect(s).toEqual(source);
    source[0] = 99;
    expect(s[0]).toBe(0);
    expect(generateSecret({ bytes: 32 })).toHaveLength(32);
    expect(generateSecret()).not.toEqual(generateSecret());
  });
});

describe('malformed input never escapes as anything but OtpInputError', () => {
  const expectOnlyInputErrors = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(OtpInputError);
      const err = e as OtpInputError;
      if (err.position !== undefined) expect(err.position).toBeGreaterThanOrEqual(0);
    }
  };

  it('random text as Base32, hex and secrets', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z2-7 =-]{0,40}$/));
    fc.assert(
      fc.property(text, (s) => {
        expectOnlyInputErrors(() => decodeBase32(s));
        expectOnlyInputErrors(() => decodeHex(s));
        expectOnlyInputErrors(() => secretBytes(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('random and mutated otpauth:// URIs', () => {
    const base = `otpauth://totp/ACME:alice?secret=${SECRET_B32}&algorithm=SHA1&digits=6&period=30`;
    const mutated = fc
      .tuple(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 10 }), fc.string({ maxLength: 6 }))
      .map(([at, del, ins]) => base.slice(0, at) + ins + base.slice(at + del));
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutated, fc.webUrl()), (uri) => {
        expectOnlyInputErrors(() => parseOtpauthUri(uri));
      }),
      { numRuns: 2000 },
    );
  });
});
