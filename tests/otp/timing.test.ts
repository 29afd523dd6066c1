import { getRemainingTime, getTimeStepUsed } from '@otplib/totp';
import fc from 'fast-check';
import { createGuardrails, generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  findSteps,
  generateTotp,
  OtpInputError,
  OtpKey,
  remainingMs,
  stepAt,
  stepEndMs,
  stepStartMs,
  timeline,
  timingSafeEqualCode,
  verifyHotp,
  verifyTotp,
} from '../../src/otp/index';

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const SECRET = Uint8Array.from({ length: 20 }, (_, i) => i * 13 + 1);
const periodSec = fc.integer({ min: 1, max: 3600 });
const t0Sec = fc.integer({ min: 0, max: 1_000_000_000 });

describe('steps and remaining time', () => {
  it('stepAt and remainingMs agree with otplib getTimeStepUsed/getRemainingTime on whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000_000_000 }), periodSec, t0Sec, (sinceT0Sec, p, t0) => {
        const epoch = t0 + sinceT0Sec;
        expect(stepAt(epoch * 1000, p, t0)).toBe(getTimeStepUsed(epoch, p, t0));
        expect(remainingMs(epoch * 1000, p, t0)).toBe(getRemainingTime(epoch, p, t0) * 1000);
      }),
    );
  });

  it('a step is [start, end): start maps to the step, end - 1 ms too, end to the next', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        periodSec,
        t0Sec,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (where, p, t0, frac) => {
          // Any step whose times stay exact (below 2^53 ms, i.e. until year ~285000).
          const step = Math.floor(where * Math.floor((Number.MAX_SAFE_INTEGER - t0 * 1000) / (p * 1000) - 1));
          const start = stepStartMs(step, p, t0);
          const end = stepEndMs(step, p, t0);
          expect(end - start).toBe(p * 1000);
          expect(stepAt(start, p, t0)).toBe(step);
          expect(stepAt(end - 1, p, t0)).toBe(step);
          expect(stepAt(end, p, t0)).toBe(step + 1);
          const at = start + Math.floor(frac * p * 1000);
          expect(remainingMs(at, p, t0)).toBe(end - at);
          expect(remainingMs(at, p, t0)).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('times before T0, bad periods and non-finite times are input errors with a field', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof OtpInputError ? e.field : 'other';
      }
      return 'none';
    };
    expect(fieldOf(() => stepAt(999, 30, 1))).toBe('atMs');
    expect(fieldOf(() => stepAt(Number.NaN))).toBe('atMs');
    expect(fieldOf(() => stepAt(0, 0))).toBe('periodSec');
    expect(fieldOf(() => stepAt(0, 30.5))).toBe('periodSec');
    expect(fieldOf(() => stepAt(0, 3601))).toBe('periodSec');
    expect(fieldOf(() => stepAt(0, 30, 0.5))).toBe('t0Sec');
    expect(fieldOf(() => generateTotp({ secret: SECRET, atMs: 0, digits: 5 }))).toBe('digits');
    expect(fieldOf(() => generateTotp({ secret: SECRET, atMs: 0, algorithm: 'md5' as never }))).toBe('algorithm');
    expect(fieldOf(() => verifyTotp('123456', { secret: SECRET, atMs: 0, window: { past: -1, future: 0 } }))).toBe(
      'window',
    );
    expect(fieldOf(() => OtpKey.from(SECRET).hotp(-1))).toBe('counter');
    expect(fieldOf(() => OtpKey.from(SECRET).hotp(2 ** 53))).toBe('counter');
    expect(fieldOf(() => OtpKey.from(SECRET).hotp(1.5))).toBe('counter');
  });
});

describe('timeline and findSteps', () => {
  it('timeline lists neighbouring steps with their otplib codes and intervals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10_000_000, max: 4_000_000_000_000 }),
        periodSec,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (atMs, p, before, after) => {
          const tl = timeline({ secret: SECRET, atMs, periodSec: p, before, after });
          expect(tl.step).toBe(stepAt(atMs, p));
          expect(tl.remainingMs).toBe(remainingMs(atMs, p));
          // Steps before counter 0 don't exist, so the list starts at step 0 at the earliest.
          const first = Math.max(-before, -tl.step);
          expect(tl.entries.map((e) => e.delta)).toEqual(
            Array.from({ length: after - first + 1 }, (_, i) => i + first),
          );
          for (const e of tl.entries) {
            expect(e.code).toBe(generateSync({ secret: SECRET, epoch: e.startMs / 1000, period: p, guardrails }));
            expect(e.endMs - e.startMs).toBe(p * 1000);
            expect(e.startMs <= atMs && atMs < e.endMs).toBe(e.delta === 0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('findSteps finds the step a code came from, and every hit really gives the code', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000_000, max: 3_000_000_000 }),
        fc.integer({ min: -2880, max: 2880 }),
        (atSec, shift) => {
          const atMs = atSec * 1000;
          const step = stepAt(atMs) + shift;
          const code = generateTotp({ secret: SECRET, atMs: stepStartMs(step) });
          const hits = findSteps(code, { secret: SECRET, atMs, window: { past: 2880, future: 2880 } });
          expect(hits.map((h) => h.delta)).toContain(shift);
          for (const h of hits) {
            expect(generateTotp({ secret: SECRET, atMs: h.startMs })).toBe(code);
            expect(h.step - h.delta).toBe(stepAt(atMs));
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('findSteps on a code that is not digits finds nothing', () => {
    expect(findSteps('12a456', { secret: SECRET, atMs: 1e12, window: { past: 100, future: 100 } })).toEqual([]);
  });
});

describe('verification details', () => {
  it('picks the nearest step when a code repeats in the window, past on a tie', () => {
    // Search a brute-force collision: two steps near each other with the same 6-digit code.
    const key = OtpKey.from(SECRET);
    const seen = new Map<string, number>();
    let pair: [number, number] | undefined;
    for (let c = 0; !pair; c++) {
      const code = key.hotp(c);
      const prev = seen.get(code);
      if (prev !== undefined && c - prev <= 4000) pair = [prev, c];
      seen.set(code, c);
    }
    const [a, b] = pair;
    const code = key.hotp(a);
    const mid = (a + b) / 2;
    const span = b - a;
    expect(key.matchCounter(code, a, { past: 0, future: span }, 6)).toEqual({ valid: true, delta: 0 });
    expect(key.matchCounter(code, b, { past: span, future: 0 }, 6)).toEqual({ valid: true, delta: 0 });
    if (Number.isInteger(mid)) expect(key.matchCounter(code, mid, { past: span, future: span }, 6).delta).toBe(a - mid);
    expect(key.matchCounter(code, a + 1, { past: span, future: span }, 6).delta).toBe(-1);
  });

  it('malformed codes are simply not valid', () => {
    const atMs = 1_700_000_000_000;
    const good = generateTotp({ secret: SECRET, atMs });
    for (const code of [
      '',
      good.slice(1),
      `${good}0`,
      ` ${good.slice(1)}`,
      good.replace(/./, 'x'),
      '-12345',
      '１２３４５６',
    ]) {
      expect(verifyTotp(code, { secret: SECRET, atMs, window: { past: 3, future: 3 } })).toEqual({
        valid: false,
        delta: null,
      });
    }
    expect(verifyTotp(good, { secret: SECRET, atMs })).toEqual({ valid: true, delta: 0 });
  });

  it('window steps below counter 0 are skipped', () => {
    const code = generateTotp({ secret: SECRET, atMs: 0 });
    expect(verifyTotp(code, { secret: SECRET, atMs: 60_000, window: { past: 10, future: 0 } })).toEqual({
      valid: true,
      delta: -2,
    });
    expect(verifyHotp(OtpKey.from(SECRET).hotp(3), { secret: SECRET, counter: 0, lookAhead: 5 })).toEqual({
      valid: true,
      delta: 3,
    });
  });

  it('verifyHotp never looks behind its counter: the code of counter N-1 is used up', () => {
    const key = OtpKey.from(SECRET);
    expect(verifyHotp(key.hotp(4), { secret: SECRET, counter: 5, lookAhead: 10 })).toEqual({
      valid: false,
      delta: null,
    });
    expect(verifyHotp(key.hotp(15), { secret: SECRET, counter: 5, lookAhead: 10 })).toEqual({ valid: true, delta: 10 });
    expect(verifyHotp(key.hotp(16), { secret: SECRET, counter: 5, lookAhead: 10 })).toEqual({
      valid: false,
      delta: null,
    });
    expect(verifyHotp(key.hotp(6), { secret: SECRET, counter: 5 })).toEqual({ valid: false, delta: null });
  });

  it('timingSafeEqualCode', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6,10}$/), fc.stringMatching(/^\d{6,10}$/), (a, b) => {
        expect(timingSafeEqualCode(a, b)).toBe(a === b);
        expect(timingSafeEqualCode(a, a)).toBe(true);
      }),
    );
  });
});

describe('OtpKey', () => {
  it('the cache never serves a stale key after the array is mutated', () => {
    const bytes = Uint8Array.from(SECRET);
    const before = generateTotp({ secret: bytes, atMs: 1e12 });
    bytes[0] = bytes[0]! ^ 0xff;
    const after = generateTotp({ secret: bytes, atMs: 1e12 });
    expect(after).toBe(generateSync({ secret: Uint8Array.from(bytes), epoch: 1e9, guardrails }));
    bytes[0] = bytes[0]! ^ 0xff;
    expect(generateTotp({ secret: bytes, atMs: 1e12 })).toBe(before);
    expect(OtpKey.cached(bytes, 'sha1')).toBe(OtpKey.cached(bytes, 'sha1'));
    expect(OtpKey.cached(bytes, 'sha1')).not.toBe(OtpKey.cached(bytes, 'sha256'));
  });

  it('never shows the secret when logged or serialised', async () => {
    const { inspect } = await import('node:util');
    const key = OtpKey.from('JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(inspect(key)).toBe("OtpKey { algorithm: 'sha1', bytes: 15 }");
    expect(JSON.stringify(key)).toBe('{"algorithm":"sha1","bytes":15}');
    expect(Object.keys(key).sort()).toEqual(['algorithm', 'byteLength']);
  });
});
