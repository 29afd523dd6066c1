import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { createGuardrails, generateSync, verifySync } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  encodeBase32,
  generateHotp,
  generateTotp,
  type OtpAlgorithm,
  OtpKey,
  stepAt,
  verifyTotp,
} from '../../src/otp/index';

// otplib 13 is the reference engine (issue 2): its guardrails are widened to our accepted range
// (secrets from 10 bytes; otplib's default floor is 16), everything else is its default behaviour.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10, MAX_SECRET_BYTES: 256, MAX_WINDOW: 1000 });

const algorithm = fc.constantFrom<OtpAlgorithm>('sha1', 'sha256', 'sha512');
const secret = fc.uint8Array({ minLength: 10, maxLength: 200 });
const digits = fc.integer({ min: 6, max: 10 });
const periodSec = fc.oneof(fc.constantFrom(30, 60, 1, 3600), fc.integer({ min: 1, max: 3600 }));
const t0Sec = fc.integer({ min: 0, max: 2_000_000_000 });
// Unix ms up to year ~5138 (so 1-second steps pass 2^32), with quarter-ms fractions: exact in binary, so
// the reference's seconds-based arithmetic can't round across a step boundary differently from ours.
const offsetMs = fc
  .tuple(fc.integer({ min: 0, max: 100_000_000_000_000 }), fc.constantFrom(0, 0.25, 0.5, 0.75))
  .map(([ms, frac]) => ms + frac);

describe('same codes as otplib 13', () => {
  it('TOTP on random secrets, times, algorithms, digits, periods and T0', () => {
    fc.assert(
      fc.property(secret, algorithm, digits, periodSec, t0Sec, offsetMs, (s, alg, d, p, t0, off) => {
        const atMs = t0 * 1000 + off;
        const ours = generateTotp({ secret: s, atMs, algorithm: alg, digits: d, periodSec: p, t0Sec: t0 });
        const theirs = generateSync({
          secret: s,
          epoch: atMs / 1000,
          t0,
          period: p,
          algorithm: alg,
          digits: d as 6,
          guardrails,
        });
        expect(ours).toBe(theirs);
      }),
      { numRuns: 1500 },
    );
  });

  it('TOTP with Base32 secrets (the string form both libraries accept)', () => {
    fc.assert(
      fc.property(secret, algorithm, fc.integer({ min: 0, max: 4_000_000_000_000 }), (s, alg, atMs) => {
        const b32 = encodeBase32(s);
        expect(generateTotp({ secret: b32, atMs, algorithm: alg })).toBe(
          generateSync({ secret: b32, epoch: atMs / 1000, algorithm: alg, guardrails }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('HOTP on random counters up to 2^53-1', () => {
    fc.assert(
      fc.property(
        secret,
        algorithm,
        digits,
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.maxSafeNat()),
        (s, alg, d, counter) => {
          expect(generateHotp({ secret: s, counter, algorithm: alg, digits: d })).toBe(
            generateSync({ strategy: 'hotp', secret: s, counter, algorithm: alg, digits: d as 6, guardrails }),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('verification agrees on validity, and on delta whenever only one step in the window matches', () => {
    const window = fc.record({ past: fc.integer({ min: 0, max: 12 }), future: fc.integer({ min: 0, max: 12 }) });
    fc.assert(
      fc.property(
        secret,
        algorithm,
        fc.integer({ min: 6, max: 8 }),
        periodSec,
        fc.integer({ min: 100_000, max: 4_000_000_000 }),
        window,
        fc.integer({ min: -15, max: 15 }),
        fc.boolean(),
        (s, alg, d, p, atSec, win, shift, garble) => {
          const atMs = atSec * 1000;
          const key = OtpKey.from(s, alg);
          const step = stepAt(atMs, p, 0);
          // A code from a nearby step (inside or outside the window), or a random one.
          const code = garble ? String((step * 7919 + shift) % 10 ** d).padStart(d, '0') : key.hotp(step + shift, d);
          const ours = verifyTotp(code, { secret: s, atMs, algorithm: alg, digits: d, periodSec: p, window: win });
          const theirs = verifySync({
            secret: s,
            token: code,
            epoch: atSec,
            period: p,
            algorithm: alg,
            digits: d as 6,
            epochTolerance: [win.past * p, win.future * p],
            guardrails,
          });
          expect(ours.valid).toBe(theirs.valid);
          if (ours.valid) {
            // Our delta must really produce the code; collisions can make the two libraries pick different steps.
            expect(key.hotp(step + ours.delta!, d)).toBe(code);
            const matches = [];
            for (let k = -win.past; k <= win.future; k++)
              if (step + k >= 0 && key.hotp(step + k, d) === code) matches.push(k);
            if (matches.length === 1) expect(ours.delta).toBe((theirs as { delta: number }).delta);
          } else {
            expect(ours.delta).toBeNull();
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('same codes as otpauth 9', () => {
  const OTPAUTH_ALG = { sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' } as const;
  it('TOTP and HOTP', () => {
    fc.assert(
      fc.property(
        secret,
        algorithm,
        digits,
        periodSec,
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (s, alg, d, p, atMs, counter) => {
          const otpSecret = new OTPAuth.Secret({ buffer: Uint8Array.from(s).buffer });
          const totp = new OTPAuth.TOTP({ secret: otpSecret, algorithm: OTPAUTH_ALG[alg], digits: d, period: p });
          expect(generateTotp({ secret: s, atMs, algorithm: alg, digits: d, periodSec: p })).toBe(
            totp.generate({ timestamp: atMs }),
          );
          const hotp = new OTPAuth.HOTP({ secret: otpSecret, algorithm: OTPAUTH_ALG[alg], digits: d });
          expect(generateHotp({ secret: s, counter, algorithm: alg, digits: d })).toBe(hotp.generate({ counter }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('verification delta equals otpauth validate() (which also prefers the nearest step)', () => {
    fc.assert(
      fc.property(
        secret,
        fc.integer({ min: 1_000_000, max: 3_000_000_000 }),
        fc.integer({ min: -6, max: 6 }),
        fc.integer({ min: 0, max: 5 }),
        (s, atSec, shift, w) => {
          const key = OtpKey.from(s);
          const atMs = atSec * 1000;
          const code = key.hotp(stepAt(atMs) + shift);
          const theirs = new OTPAuth.TOTP({
            secret: new OTPAuth.Secret({ buffer: Uint8Array.from(s).buffer }),
          }).validate({ token: code, timestamp: atMs, window: w });
          const ours = verifyTotp(code, { secret: s, atMs, window: { past: w, future: w } });
          expect(ours.valid).toBe(theirs !== null);
          if (theirs !== null && Math.abs(theirs) === Math.abs(ours.delta!) && theirs !== ours.delta) {
            // Equal distance both ways: otpauth checks the future side first, we prefer the past; both must match.
            expect(key.hotp(stepAt(atMs) + theirs)).toBe(code);
          } else {
            expect(ours.delta).toBe(theirs);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
