import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateHotp,
  generateTotp,
  OtpKey,
  RFC4226_SECRET,
  RFC4226_VECTORS,
  RFC6238_SECRETS,
  RFC6238_VECTORS,
  runRfcVectors,
  stepAt,
  verifyTotp,
} from '../../src/otp/index';

// The expected values below are the RFCs' own tables (src/otp/rfc-vectors.ts copies them verbatim); the
// seeds are checked here against the RFC text so a typo in the seed can't make a vector pass by accident.
describe('RFC 4226 Appendix D', () => {
  it('uses the RFC seed', () => {
    expect(new TextDecoder().decode(RFC4226_SECRET)).toBe('12345678901234567890');
    expect(RFC4226_VECTORS).toHaveLength(10);
  });

  it.each(RFC4226_VECTORS)('counter $counter gives $hotp (truncated $truncated)', ({ counter, truncated, hotp }) => {
    expect(generateHotp({ secret: RFC4226_SECRET, counter })).toBe(hotp);
    const key = OtpKey.from(RFC4226_SECRET, 'sha1');
    expect(key.truncated(counter)).toBe(truncated);
    expect(key.hotp(counter, 6)).toBe(hotp);
    // The truncated value's low digits are the HOTP value at any length (RFC 4226 section 5.3).
    for (let digits = 6; digits <= 10; digits++) {
      expect(key.hotp(counter, digits)).toBe(String(truncated % 10 ** digits).padStart(digits, '0'));
    }
  });

  it('the Base32 form of the seed gives the same codes', () => {
    // "12345678901234567890" in Base32 (RFC 4648), as authenticator apps would receive it.
    const b32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    for (const v of RFC4226_VECTORS) expect(generateHotp({ secret: b32, counter: v.counter })).toBe(v.hotp);
  });
});

describe('RFC 6238 Appendix B', () => {
  it('uses the RFC seeds (20, 32, 64 bytes)', () => {
    const text = (a: Uint8Array) => new TextDecoder().decode(a);
    expect(text(RFC6238_SECRETS.sha1)).toBe('12345678901234567890');
    expect(text(RFC6238_SECRETS.sha256)).toBe('12345678901234567890123456789012');
    expect(text(RFC6238_SECRETS.sha512)).toBe('1234567890'.repeat(6) + '1234');
    expect(RFC6238_VECTORS).toHaveLength(18);
  });

  it.each(RFC6238_VECTORS)('T=$timeSec $algorithm gives $totp', ({ timeSec, stepHex, algorithm, totp }) => {
    const secret = RFC6238_SECRETS[algorithm];
    const atMs = timeSec * 1000;
    expect(stepAt(atMs, 30, 0)).toBe(parseInt(stepHex, 16));
    expect(generateTotp({ secret, atMs, algorithm, digits: 8, periodSec: 30, t0Sec: 0 })).toBe(totp);
    expect(OtpKey.from(secret, algorithm).totp(atMs, { digits: 8 })).toBe(totp);
    expect(verifyTotp(totp, { secret, atMs, algorithm, digits: 8, window: { past: 0, future: 0 } })).toEqual({
      valid: true,
      delta: 0,
    });
    // One period later it is the previous step's code: valid at delta -1 only with a past window.
    expect(
      verifyTotp(totp, { secret, atMs: atMs + 30_000, algorithm, digits: 8, window: { past: 1, future: 0 } }),
    ).toEqual({ valid: true, delta: -1 });
    expect(
      verifyTotp(totp, { secret, atMs: atMs + 30_000, algorithm, digits: 8, window: { past: 0, future: 0 } }).valid,
    ).toBe(false);
  });

  it('runRfcVectors (used by `tokenkit vectors`) reports all 28 as passing', () => {
    const results = runRfcVectors();
    expect(results).toHaveLength(28);
    expect(results.filter((r) => !r.pass)).toEqual([]);
    expect(results.every((r) => r.actual === r.expected)).toBe(true);
  });
});

describe('keys longer than the hash block', () => {
  // RFC 2104: a key longer than the block is hashed first. Independent computation with createHmac.
  it.each(['sha1', 'sha256', 'sha512'] as const)('%s with 64..300-byte keys matches createHmac', (algorithm) => {
    for (const len of [63, 64, 65, 127, 128, 129, 300]) {
      const key = Uint8Array.from({ length: len }, (_, i) => (i * 7 + len) & 0xff);
      for (const counter of [0, 1, 2 ** 32, 2 ** 53 - 1]) {
        const msg = Buffer.alloc(8);
        msg.writeBigUInt64BE(BigInt(counter));
        const d = createHmac(algorithm, key).update(msg).digest();
        const o = d[d.length - 1]! & 0xf;
        const expected = String((d.readUInt32BE(o) & 0x7fffffff) % 1e8).padStart(8, '0');
        expect(OtpKey.from(key, algorithm).hotp(counter, 8)).toBe(expected);
      }
    }
  });
});
