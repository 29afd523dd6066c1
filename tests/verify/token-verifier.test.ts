import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateSync } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { MemoryTokenStore, type NewToken, SqliteTokenStore, StoreError, type TokenStore } from '../../src/store/index';
import { TokenVerifier, type TokenVerifierOptions, VerifyError } from '../../src/verify/index';

// Expected codes come from otplib 13 (the project's reference engine), never from src/otp.
const SECRET = Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff);
const PERIOD_SEC = 30;
const T0_SEC = 0;
const START_MS = 1_700_000_000_000 + 12_345; // mid-step, so small clock moves stay in the same step
const S = Math.floor((START_MS / 1000 - T0_SEC) / PERIOD_SEC);

const totpAtStep = (step: number, secret = SECRET): string =>
  generateSync({
    secret,
    epoch: T0_SEC + step * PERIOD_SEC,
    period: PERIOD_SEC,
    t0: T0_SEC,
    algorithm: 'sha1',
    digits: 6,
  });
const hotpAt = (counter: number): string =>
  generateSync({ strategy: 'hotp', secret: SECRET, counter, algorithm: 'sha1', digits: 6 });

const TOTP: NewToken = {
  user: 'alice',
  kind: 'totp',
  secret: SECRET,
  algorithm: 'sha1',
  digits: 6,
  periodSec: PERIOD_SEC,
  t0Sec: T0_SEC,
};
const HOTP: NewToken = { ...TOTP, user: 'hank', kind: 'hotp', counter: 0 };

/** A code that is none of the steps in [from, to]: guessing-proof "wrong" input for the tests. */
function wrongCode(from: number, to: number, gen: (n: number) => string = totpAtStep): string {
  const used = new Set<string>();
  for (let s = from; s <= to; s++) used.add(gen(s));
  for (let i = 0; ; i++) {
    const candidate = String(123456 + i * 7919)
      .padStart(6, '0')
      .slice(-6);
    if (!used.has(candidate)) return candidate;
  }
}

function setup(
  options: Partial<TokenVerifierOptions> = {},
  store: TokenStore = new MemoryTokenStore(new ManualClock(START_MS)),
) {
  const clock = new ManualClock(START_MS);
  store.add(TOTP);
  store.add(HOTP);
  const verifier = new TokenVerifier({ store, clock, ...options });
  return { clock, store, verifier };
}

describe('TokenVerifier: TOTP window and replay (RFC 6238 §5.2)', () => {
  it('accepts the current code with delta 0 and records the step', () => {
    const { store, verifier } = setup();
    expect(verifier.verify('alice', totpAtStep(S))).toEqual({ reason: 'accepted', ok: true, step: S, delta: 0 });
    expect(store.get('alice')).toMatchObject({ lastStep: S, driftSteps: 0, failureCount: 0, lastUsedAtMs: START_MS });
  });

  it.each([
    [-1, 'accepted'],
    [1, 'accepted'],
    [-2, 'wrong'],
    [2, 'wrong'],
  ])('a code %i steps off is %s with the default window of one step each way', (offset, reason) => {
    const { verifier } = setup();
    const result = verifier.verify('alice', totpAtStep(S + offset));
    expect(result.reason).toBe(reason);
    if (result.reason === 'accepted') expect(result.delta).toBe(offset);
  });

  it('a wider window accepts further steps', () => {
    const { verifier } = setup({ window: { past: 3, future: 2 } });
    expect(verifier.verify('alice', totpAtStep(S - 3))).toMatchObject({ reason: 'accepted', delta: -3 });
    const { verifier: v2 } = setup({ window: { past: 3, future: 2 } });
    expect(v2.verify('alice', totpAtStep(S + 3)).reason).toBe('wrong');
  });

  it('refuses the same code twice as replayed, without counting a failure or changing state', () => {
    const { store, verifier } = setup();
    verifier.verify('alice', totpAtStep(S));
    const before = store.get('alice');
    expect(verifier.verify('alice', totpAtStep(S))).toEqual({ reason: 'replayed', ok: false, step: S });
    expect(verifier.verify('alice', totpAtStep(S))).toEqual({ reason: 'replayed', ok: false, step: S });
    expect(verifier.verify('alice', totpAtStep(S))).toEqual({ reason: 'replayed', ok: false, step: S });
    expect(store.get('alice')).toEqual(before);
  });

  it('refuses an earlier step still inside the window once a later one was accepted', () => {
    const { verifier } = setup();
    expect(verifier.verify('alice', totpAtStep(S + 1)).reason).toBe('accepted');
    expect(verifier.verify('alice', totpAtStep(S))).toMatchObject({ reason: 'replayed', step: S });
    // The window now centres on the drift (+1): S-1 has left it, so it is simply wrong.
    expect(verifier.verify('alice', totpAtStep(S - 1))).toMatchObject({ reason: 'wrong' });
  });

  it('accepts the next step after the clock moves on', () => {
    const { clock, verifier } = setup();
    verifier.verify('alice', totpAtStep(S));
    clock.advance(PERIOD_SEC * 1000);
    expect(verifier.verify('alice', totpAtStep(S + 1))).toMatchObject({ reason: 'accepted', step: S + 1, delta: 0 });
  });

  it('treats a malformed code as a wrong one', () => {
    const { verifier } = setup();
    expect(verifier.verify('alice', '12a456')).toMatchObject({ reason: 'wrong', failures: 1 });
    expect(verifier.verify('alice', '')).toMatchObject({ reason: 'wrong', failures: 2 });
    expect(verifier.verify('alice', totpAtStep(S) + '0')).toMatchObject({ reason: 'wrong', failures: 3 });
  });

  it('throws StoreError notFound for an unknown user', () => {
    const { verifier } = setup();
    expect(() => verifier.verify('mallory', '123456')).toThrow(StoreError);
  });
});

describe('TokenVerifier: drift tracking', () => {
  it('centres the window on the offset of the last success', () => {
    const { store, clock, verifier } = setup();
    // The token runs one step ahead: accepted at +1, stored as the drift.
    expect(verifier.verify('alice', totpAtStep(S + 1))).toMatchObject({ reason: 'accepted', delta: 1 });
    expect(store.get('alice')!.driftSteps).toBe(1);
    clock.advance(PERIOD_SEC * 1000);
    // It gains another step: +2 from the clock is inside the window centred on +1.
    expect(verifier.verify('alice', totpAtStep(S + 1 + 2))).toMatchObject({ reason: 'accepted', delta: 2 });
    expect(store.get('alice')!.driftSteps).toBe(2);
    clock.advance(PERIOD_SEC * 1000);
    // Centred on +2 now: the clock's own step (delta 0) is two steps from the centre and refused.
    expect(verifier.verify('alice', totpAtStep(S + 2))).toMatchObject({ reason: 'wrong' });
    expect(verifier.verify('alice', totpAtStep(S + 2 + 3))).toMatchObject({ reason: 'accepted', delta: 3 });
  });

  it('without tracking (a fresh token) the same +2 code is refused', () => {
    const { verifier } = setup();
    expect(verifier.verify('alice', totpAtStep(S + 2)).reason).toBe('wrong');
  });
});

describe('TokenVerifier: resync from two consecutive codes', () => {
  const RADIUS = (24 * 3600) / PERIOD_SEC; // the default ±24 h in steps

  it('finds a token 16 hours ahead, then accepts its next code through the stored drift', () => {
    const { store, clock, verifier } = setup();
    const off = 2000;
    expect(verifier.verify('alice', totpAtStep(S + off)).reason).toBe('wrong');
    expect(verifier.resync('alice', totpAtStep(S + off), totpAtStep(S + off + 1))).toEqual({
      reason: 'resynced',
      ok: true,
      step: S + off + 1,
      delta: off + 1,
    });
    // A resync is not a login: the wrong code before it still counts, and lastUsedAtMs stays unset.
    expect(store.get('alice')).toMatchObject({
      driftSteps: off + 1,
      lastStep: S + off + 1,
      failureCount: 1,
      lastUsedAtMs: null,
    });
    clock.advance(PERIOD_SEC * 1000);
    expect(verifier.verify('alice', totpAtStep(S + 1 + off + 1))).toMatchObject({ reason: 'accepted', delta: off + 1 });
  });

  it('finds a token far behind, when it had time to fall that far behind since it was last used', () => {
    const { clock, verifier } = setup();
    clock.advance(600 * 86_400_000); // 600 days at 1000 ppm: up to 1728 steps slow
    const now = Math.floor(clock.nowMs() / 1000 / PERIOD_SEC);
    expect(verifier.resync('alice', totpAtStep(now - 1500), totpAtStep(now - 1499))).toMatchObject({
      reason: 'resynced',
      delta: -1499,
    });
  });

  it('searches exactly ±24 h for the first code', () => {
    const { verifier } = setup();
    expect(verifier.resync('alice', totpAtStep(S + RADIUS + 1), totpAtStep(S + RADIUS + 2)).reason).toBe('wrong');
    expect(verifier.resync('alice', totpAtStep(S + RADIUS), totpAtStep(S + RADIUS + 1))).toMatchObject({
      reason: 'resynced',
      delta: RADIUS + 1,
    });
    // Behind the clock only a token unused long enough can be that slow: 3 years at 1000 ppm.
    const { clock: c2, verifier: v2 } = setup();
    c2.advance(3 * 365 * 86_400_000);
    const now = Math.floor(c2.nowMs() / 1000 / PERIOD_SEC);
    expect(v2.resync('alice', totpAtStep(now - RADIUS - 1), totpAtStep(now - RADIUS)).reason).toBe('wrong');
    expect(v2.resync('alice', totpAtStep(now - RADIUS), totpAtStep(now - RADIUS + 1))).toMatchObject({
      reason: 'resynced',
    });
  });

  it('refuses codes that are not consecutive, and counts it as a failure', () => {
    const { store, verifier } = setup();
    expect(verifier.resync('alice', totpAtStep(S + 100), totpAtStep(S + 102))).toMatchObject({
      reason: 'wrong',
      failures: 1,
    });
    expect(verifier.resync('alice', totpAtStep(S + 101), totpAtStep(S + 100))).toMatchObject({
      reason: 'wrong',
      failures: 2,
    });
    expect(store.get('alice')).toMatchObject({ failureCount: 2, driftSteps: 0, lastStep: null });
  });

  it('refuses a pair ending at or before the last accepted step as replayed', () => {
    const { verifier } = setup();
    verifier.verify('alice', totpAtStep(S));
    expect(verifier.resync('alice', totpAtStep(S - 1), totpAtStep(S))).toMatchObject({ reason: 'replayed', step: S });
  });

  it('uses a configurable radius', () => {
    const { verifier } = setup({ resyncWindowSec: 3600 });
    expect(verifier.resync('alice', totpAtStep(S + 200), totpAtStep(S + 201)).reason).toBe('wrong');
    expect(verifier.resync('alice', totpAtStep(S + 100), totpAtStep(S + 101)).reason).toBe('resynced');
  });
});

describe('TokenVerifier: lockout after 3 consecutive wrong codes (MitID rule)', () => {
  const wrong = wrongCode(S - 2, S + 12);

  it('locks on the third wrong code for 5 minutes, refusing even the right code, then lets it through', () => {
    const { store, clock, verifier } = setup();
    expect(verifier.verify('alice', wrong)).toEqual({ reason: 'wrong', ok: false, failures: 1, lockedUntilMs: null });
    expect(verifier.verify('alice', wrong)).toEqual({ reason: 'wrong', ok: false, failures: 2, lockedUntilMs: null });
    const untilMs = START_MS + 5 * 60_000;
    expect(verifier.verify('alice', wrong)).toEqual({
      reason: 'wrong',
      ok: false,
      failures: 3,
      lockedUntilMs: untilMs,
    });
    const locked = store.get('alice');
    expect(verifier.verify('alice', totpAtStep(S))).toEqual({ reason: 'locked', ok: false, untilMs });
    expect(verifier.resync('alice', totpAtStep(S), totpAtStep(S + 1))).toEqual({
      reason: 'locked',
      ok: false,
      untilMs,
    });
    expect(store.get('alice')).toEqual(locked);
    clock.set(untilMs - 1);
    const stepBefore = Math.floor((untilMs - 1) / 1000 / PERIOD_SEC);
    expect(verifier.verify('alice', totpAtStep(stepBefore)).reason).toBe('locked');
    clock.set(untilMs);
    const stepAtExpiry = Math.floor(untilMs / 1000 / PERIOD_SEC);
    expect(verifier.verify('alice', totpAtStep(stepAtExpiry))).toMatchObject({ reason: 'accepted', delta: 0 });
    expect(store.get('alice')).toMatchObject({ failureCount: 0, lockedUntilMs: null });
  });

  it('after a lock runs out, the count starts again from zero', () => {
    const { clock, verifier } = setup();
    for (let i = 0; i < 3; i++) verifier.verify('alice', wrong);
    clock.advance(5 * 60_000);
    const next = wrongCode(S + 8, S + 12);
    expect(verifier.verify('alice', next)).toMatchObject({ reason: 'wrong', failures: 1, lockedUntilMs: null });
  });

  it('a success in between resets the count', () => {
    const { verifier } = setup();
    verifier.verify('alice', wrong);
    verifier.verify('alice', wrong);
    expect(verifier.verify('alice', totpAtStep(S)).reason).toBe('accepted');
    expect(verifier.verify('alice', wrong)).toMatchObject({ failures: 1 });
    expect(verifier.verify('alice', wrong)).toMatchObject({ failures: 2, lockedUntilMs: null });
  });

  it('replays do not count towards the lock', () => {
    const { verifier } = setup();
    verifier.verify('alice', totpAtStep(S));
    for (let i = 0; i < 5; i++) expect(verifier.verify('alice', totpAtStep(S)).reason).toBe('replayed');
    expect(verifier.verify('alice', wrong)).toMatchObject({ failures: 1 });
  });

  it('unlock clears the lock and the count at once', () => {
    const { store, verifier } = setup();
    for (let i = 0; i < 3; i++) verifier.verify('alice', wrong);
    expect(verifier.unlock('alice')).toEqual({ wasLocked: true, repaired: [] });
    expect(store.get('alice')).toMatchObject({ failureCount: 0, lockedUntilMs: null });
    expect(verifier.verify('alice', totpAtStep(S)).reason).toBe('accepted');
    expect(verifier.unlock('alice')).toEqual({ wasLocked: false, repaired: [] });
  });

  it('takes the number of failures and the lock length from its options', () => {
    const { verifier } = setup({ maxFailures: 5, lockoutMs: 60_000 });
    for (let i = 1; i <= 4; i++)
      expect(verifier.verify('alice', wrong)).toMatchObject({ failures: i, lockedUntilMs: null });
    expect(verifier.verify('alice', wrong)).toMatchObject({ failures: 5, lockedUntilMs: START_MS + 60_000 });
  });

  it('a lock of 0 ms locks nothing and says so: no lockedUntilMs, the count starts again', () => {
    const { store, verifier } = setup({ lockoutMs: 0 });
    verifier.verify('alice', wrong);
    verifier.verify('alice', wrong);
    expect(verifier.verify('alice', wrong)).toMatchObject({ reason: 'wrong', failures: 3, lockedUntilMs: null });
    expect(store.get('alice')).toMatchObject({ failureCount: 0, lockedUntilMs: null });
    expect(verifier.verify('alice', wrong)).toMatchObject({ failures: 1, lockedUntilMs: null });
    expect(verifier.verify('alice', totpAtStep(S)).reason).toBe('accepted');
  });

  it('locks one token without touching another', () => {
    const { verifier } = setup();
    for (let i = 0; i < 3; i++) verifier.verify('alice', wrong);
    expect(verifier.verify('hank', hotpAt(0)).reason).toBe('accepted');
  });
});

describe('TokenVerifier: HOTP with counter look-ahead', () => {
  it('accepts the expected counter, looks ahead, and refuses consumed counters as replayed', () => {
    const { store, verifier } = setup();
    expect(verifier.verify('hank', hotpAt(0))).toEqual({ reason: 'accepted', ok: true, step: 0, delta: 0 });
    expect(store.get('hank')).toMatchObject({ counter: 1, lastStep: 0 });
    expect(verifier.verify('hank', hotpAt(0))).toMatchObject({ reason: 'replayed', step: 0 });
    // Button pressed 4 more times without logging in: counter 5 is within the look-ahead of 10.
    expect(verifier.verify('hank', hotpAt(5))).toMatchObject({ reason: 'accepted', step: 5, delta: 4 });
    expect(verifier.verify('hank', hotpAt(3))).toMatchObject({ reason: 'replayed', step: 3 });
    expect(verifier.verify('hank', hotpAt(6 + 11)).reason).toBe('wrong');
    expect(verifier.verify('hank', hotpAt(6 + 10))).toMatchObject({ reason: 'accepted', delta: 10 });
    expect(store.get('hank')).toMatchObject({ counter: 17 });
  });

  it('resyncs from two consecutive codes far ahead', () => {
    const { store, verifier } = setup();
    expect(verifier.verify('hank', hotpAt(500)).reason).toBe('wrong');
    expect(verifier.resync('hank', hotpAt(500), hotpAt(501))).toMatchObject({
      reason: 'resynced',
      step: 501,
      delta: 501,
    });
    expect(store.get('hank')).toMatchObject({ counter: 502, failureCount: 1 }); // not a login
    expect(verifier.verify('hank', hotpAt(501)).reason).toBe('replayed');
    expect(verifier.verify('hank', hotpAt(502)).reason).toBe('accepted');
  });
});

describe('TokenVerifier: HOTP counters at the end of the range (2^53-1)', () => {
  it('verifies, resyncs and refuses near the last counter instead of throwing on counter 2^53', () => {
    const MAX = Number.MAX_SAFE_INTEGER;
    for (const store of [
      new MemoryTokenStore(new ManualClock(START_MS)),
      new SqliteTokenStore({ path: ':memory:', clock: new ManualClock(START_MS) }),
    ]) {
      store.add({ ...HOTP, counter: MAX - 3 });
      const verifier = new TokenVerifier({ store, clock: new ManualClock(START_MS) });
      const wrong = wrongCode(MAX - 13, MAX, hotpAt);
      expect(verifier.verify('hank', wrong)).toMatchObject({ reason: 'wrong', failures: 1 });
      expect(verifier.verify('hank', hotpAt(MAX - 1))).toEqual({
        reason: 'accepted',
        ok: true,
        step: MAX - 1,
        delta: 2,
      });
      // The only candidate for the first code is the last counter, which has no next one.
      expect(verifier.resync('hank', hotpAt(MAX), wrong)).toMatchObject({ reason: 'wrong', failures: 1 });
      expect(verifier.verify('hank', hotpAt(MAX))).toEqual({ reason: 'accepted', ok: true, step: MAX, delta: 0 });
      // Used up: the last code is a replay, anything else is wrong.
      expect(verifier.verify('hank', hotpAt(MAX))).toMatchObject({ reason: 'replayed', step: MAX });
      expect(verifier.verify('hank', wrong)).toMatchObject({ reason: 'wrong' });
      expect(verifier.resync('hank', hotpAt(MAX - 1), hotpAt(MAX))).toMatchObject({ reason: 'wrong' }); // HOTP resync looks ahead only
      store.close();
    }
  });
});

describe('TokenVerifier options', () => {
  it.each<[string, Partial<TokenVerifierOptions>]>([
    ['maxFailures 0', { maxFailures: 0 }],
    ['lockoutMs negative', { lockoutMs: -1 }],
    ['lockoutMs fractional', { lockoutMs: 1.5 }],
    ['resyncWindowSec too large', { resyncWindowSec: 10_000_000 }],
    ['hotpLookAhead negative', { hotpLookAhead: -1 }],
  ])('rejects %s with a VerifyError naming the option', (_label, options) => {
    const store = new MemoryTokenStore();
    const error = (() => {
      try {
        new TokenVerifier({ store, ...options });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(VerifyError);
    expect((error as VerifyError).option).toBe(Object.keys(options)[0]);
  });
});

describe('TokenVerifier over SQLite files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a second connection (another process would be the same) sees the accepted step and the lock', () => {
    const path = join(dir, 'two-connections.db');
    const a = setup({}, new SqliteTokenStore({ path }));
    const b = new TokenVerifier({ store: new SqliteTokenStore({ path }), clock: a.clock });
    expect(a.verifier.verify('alice', totpAtStep(S)).reason).toBe('accepted');
    expect(b.verify('alice', totpAtStep(S)).reason).toBe('replayed');
    const wrong = wrongCode(S - 2, S + 2);
    b.verify('alice', wrong);
    a.verifier.verify('alice', wrong);
    expect(b.verify('alice', wrong)).toMatchObject({ reason: 'wrong', failures: 3 });
    expect(a.verifier.verify('alice', totpAtStep(S + 1)).reason).toBe('locked');
  });

  it('state survives closing and reopening the file', () => {
    const path = join(dir, 'reopen.db');
    const first = setup({}, new SqliteTokenStore({ path }));
    first.verifier.verify('alice', totpAtStep(S + 1));
    first.store.close();
    const again = new TokenVerifier({ store: new SqliteTokenStore({ path }), clock: first.clock });
    expect(again.verify('alice', totpAtStep(S + 1)).reason).toBe('replayed');
  });
});

describe('TokenVerifier properties', () => {
  it('never accepts a step twice, accepts only the code of the step it reports, and honours every lock', () => {
    const action = fc.record({
      advanceSec: fc.integer({ min: 0, max: 100 }),
      pick: fc.constantFrom('current', 'previous', 'next', 'twoAhead', 'random', 'again'),
      random: fc.integer({ min: 0, max: 999_999 }),
      unlock: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    });
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), (actions) => {
        const { clock, verifier } = setup();
        const accepted: number[] = [];
        let lastCode = totpAtStep(S);
        let lockedUntilMs: number | null = null;
        for (const a of actions) {
          clock.advance(a.advanceSec * 1000);
          if (a.unlock) {
            verifier.unlock('alice');
            lockedUntilMs = null;
          }
          const step = Math.floor(clock.nowMs() / 1000 / PERIOD_SEC);
          const code =
            a.pick === 'current'
              ? totpAtStep(step)
              : a.pick === 'previous'
                ? totpAtStep(step - 1)
                : a.pick === 'next'
                  ? totpAtStep(step + 1)
                  : a.pick === 'twoAhead'
                    ? totpAtStep(step + 2)
                    : a.pick === 'again'
                      ? lastCode
                      : String(a.random).padStart(6, '0');
          lastCode = code;
          const result = verifier.verify('alice', code);
          if (lockedUntilMs !== null && clock.nowMs() < lockedUntilMs) {
            expect(result).toEqual({ reason: 'locked', ok: false, untilMs: lockedUntilMs });
            continue;
          }
          if (result.reason === 'accepted') {
            expect(totpAtStep(result.step)).toBe(code);
            expect(accepted.every((s) => s < result.step)).toBe(true);
            accepted.push(result.step);
          }
          if (result.reason === 'wrong' && result.lockedUntilMs !== null) lockedUntilMs = result.lockedUntilMs;
          expect(result.reason).not.toBe('locked');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('resync finds any offset within ±24 h and the next code is then accepted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2879, max: 2879 }),
        fc.uint8Array({ minLength: 16, maxLength: 40 }),
        (offset, secret) => {
          // Added 3 years ago: time enough at 1000 ppm to fall a whole day behind.
          const store = new MemoryTokenStore(new ManualClock(START_MS - 3 * 365 * 86_400_000));
          store.add({ ...TOTP, secret });
          const clock = new ManualClock(START_MS);
          const verifier = new TokenVerifier({ store, clock });
          const result = verifier.resync('alice', totpAtStep(S + offset, secret), totpAtStep(S + offset + 1, secret));
          expect(result).toMatchObject({ reason: 'resynced', step: S + offset + 1, delta: offset + 1 });
          clock.advance(PERIOD_SEC * 1000);
          expect(verifier.verify('alice', totpAtStep(S + 1 + offset + 1, secret))).toMatchObject({
            reason: 'accepted',
            delta: offset + 1,
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('TokenVerifier: resync is not a login, and stale codes do not move the drift (issue 10 item 4)', () => {
  it('two codes someone saw hours ago are refused as stale: no drift, no used step, the owner logs in as before', () => {
    const { store, clock, verifier } = setup();
    clock.advance(10 * 86_400_000); // the token was added 10 days ago: it may be 29 steps slow by now
    const now = Math.floor(clock.nowMs() / 1000 / PERIOD_SEC);
    expect(verifier.verify('alice', totpAtStep(now)).reason).toBe('accepted'); // the owner logs in
    clock.advance(3 * 3600_000);
    const later = now + 360;
    // Codes of two hours ago (seen over the owner's shoulder): far more than 3 h at 1000 ppm allow.
    const stale = verifier.resync('alice', totpAtStep(later - 240), totpAtStep(later - 239));
    expect(stale).toEqual({ reason: 'stale', ok: false, step: later - 239 });
    expect(store.get('alice')).toMatchObject({ driftSteps: 0, lastStep: now, failureCount: 0 });
    expect(verifier.verify('alice', totpAtStep(later))).toMatchObject({ reason: 'accepted', delta: 0 });
  });

  it('a resync leaves failures and the last login alone, and its two codes cannot log in afterwards', () => {
    const { store, verifier } = setup();
    expect(verifier.verify('alice', totpAtStep(S + 500)).reason).toBe('wrong');
    expect(verifier.verify('alice', totpAtStep(S + 501)).reason).toBe('wrong');
    expect(verifier.resync('alice', totpAtStep(S + 500), totpAtStep(S + 501)).reason).toBe('resynced');
    expect(store.get('alice')).toMatchObject({ failureCount: 2, lastUsedAtMs: null, lockedUntilMs: null });
    expect(verifier.verify('alice', totpAtStep(S + 501)).reason).toBe('replayed');
    expect(verifier.verify('alice', totpAtStep(S + 502))).toMatchObject({ reason: 'accepted', delta: 502 });
  });

  it('maxSlowPpm sets how far behind a resync may find a token', () => {
    const { clock, verifier } = setup({ maxSlowPpm: 0 });
    clock.advance(365 * 86_400_000);
    const now = Math.floor(clock.nowMs() / 1000 / PERIOD_SEC);
    expect(verifier.resync('alice', totpAtStep(now - 3), totpAtStep(now - 2)).reason).toBe('stale');
    expect(verifier.resync('alice', totpAtStep(now - 2), totpAtStep(now - 1)).reason).toBe('resynced');
  });
});

describe('TokenVerifier: unlock repairs state written from a future time (issue 10 item 3)', () => {
  it('a last step and last use in the future are pulled back to now; the next real code works', () => {
    const { store, verifier } = setup();
    // What `token verify --time <next year>` used to leave behind, plus a lock from then.
    const future = S + 365 * 2880;
    store.update('alice', () => ({
      state: { lastStep: future, lastUsedAtMs: START_MS + 365 * 86_400_000, failureCount: 3, lockedUntilMs: null },
      result: null,
    }));
    expect(verifier.verify('alice', totpAtStep(S)).reason).toBe('replayed'); // every real code, until next year
    expect(verifier.unlock('alice')).toEqual({ wasLocked: false, repaired: ['lastStep', 'lastUsedAtMs'] });
    expect(store.get('alice')).toMatchObject({ lastStep: S, lastUsedAtMs: START_MS, failureCount: 0 });
    expect(verifier.verify('alice', totpAtStep(S)).reason).toBe('replayed'); // a code that may have been used
    expect(verifier.verify('alice', totpAtStep(S + 1))).toMatchObject({ reason: 'accepted', delta: 1 });
    expect(verifier.unlock('alice').repaired).toEqual([]);
  });

  it('a drift beyond the resync window is cleared', () => {
    const { store, verifier } = setup();
    store.update('alice', () => ({ state: { driftSteps: 100_000 }, result: null }));
    expect(verifier.unlock('alice').repaired).toEqual(['driftSteps']);
    expect(verifier.verify('alice', totpAtStep(S))).toMatchObject({ reason: 'accepted', delta: 0 });
  });
});
