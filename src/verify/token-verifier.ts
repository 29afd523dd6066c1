import { type Clock, SystemClock } from '../clock';
import { checkWindowSide, MAX_COUNTER, OtpKey, type StepWindow, stepAt, timingSafeEqualCode } from '../otp/index';
import type { TokenRecord, TokenState, TokenStore } from '../store/index';
import { VerifyError } from './errors';

/** Defaults: RFC 6238 §5.2's one step of delay each way; MitID's three wrong codes; a 5-minute lock. */
export const VERIFIER_DEFAULTS = Object.freeze({
  window: Object.freeze({ past: 1, future: 1 }) as Readonly<StepWindow>,
  resyncWindowSec: 24 * 3600,
  hotpLookAhead: 10,
  hotpResyncLookAhead: 1000,
  maxFailures: 3,
  lockoutMs: 5 * 60_000,
});

const MIN_MAX = {
  resyncWindowSec: [0, 7 * 86_400],
  hotpLookAhead: [0, 1000],
  hotpResyncLookAhead: [1, 100_000],
  maxFailures: [1, 1000],
  lockoutMs: [0, 31 * 86_400_000],
} as const;

export interface TokenVerifierOptions {
  store: TokenStore;
  /** Read once per attempt, after the store's write lock is taken. */
  clock?: Clock;
  /** TOTP steps accepted around the drift-corrected centre. */
  window?: StepWindow;
  /** How far either way a TOTP resync searches, in seconds (default ±24 h). */
  resyncWindowSec?: number;
  /** HOTP counters accepted ahead of the expected one (RFC 4226 §7.4 look-ahead); also how far back a replay is recognised. */
  hotpLookAhead?: number;
  /** How far ahead a HOTP resync searches. */
  hotpResyncLookAhead?: number;
  /** Consecutive wrong codes (or failed resyncs) that lock the token. */
  maxFailures?: number;
  /** How long a lock lasts. */
  lockoutMs?: number;
}

/**
 * The outcome of one attempt. `reason` says what happened:
 * - accepted: `step` is the TOTP step (or HOTP counter) that matched; `delta` its signed offset from the
 *   verifier's clock (TOTP) or from the expected counter (HOTP); the drift is now `delta`.
 * - wrong: no step in the window matched; `failures` counts consecutive ones; `lockedUntilMs` is set when
 *   this attempt locked the token.
 * - replayed: the code is of a step at or before the last accepted one (RFC 6238 §5.2). No state change:
 *   a double submit is not counted as a guess.
 * - locked: refused without looking at the code until `untilMs`.
 */
export type TokenVerifyResult =
  | { reason: 'accepted'; ok: true; step: number; delta: number }
  | { reason: 'wrong'; ok: false; failures: number; lockedUntilMs: number | null }
  | { reason: 'replayed'; ok: false; step: number }
  | { reason: 'locked'; ok: false; untilMs: number };

/** Checks a whole-number option against [min, max]; the range in the message is language-neutral. */
function option(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new VerifyError(name, 'verify.error.option', { value: String(value).slice(0, 24), range: `${min}..${max}` });
  }
  return value;
}

/**
 * Stateful verification of stored tokens, as privacyIDEA and OneSpan do it: replay protection, drift
 * tracking, resync from two consecutive codes, and lockout after consecutive wrong codes.
 *
 * Contract: each `verify`/`resync`/`unlock` is one `TokenStore.update`, so the read of the token's state,
 * the decision and the write of the new state happen in ONE transaction under the store's write lock.
 * When a call returns `accepted`, the step is committed: a crash afterwards cannot make the same code
 * acceptable again, and two processes verifying the same code at once accept it at most once.
 * Codes are compared in constant time, over the whole window. Unknown users throw StoreError{kind:'notFound'}.
 */
export class TokenVerifier {
  private readonly store: TokenStore;
  private readonly clock: Clock;
  private readonly window: StepWindow;
  private readonly resyncWindowSec: number;
  private readonly hotpLookAhead: number;
  private readonly hotpResyncLookAhead: number;
  private readonly maxFailures: number;
  private readonly lockoutMs: number;

  constructor(options: TokenVerifierOptions) {
    this.store = options.store;
    this.clock = options.clock ?? new SystemClock();
    const window = options.window ?? VERIFIER_DEFAULTS.window;
    this.window = { past: checkWindowSide('past', window.past), future: checkWindowSide('future', window.future) };
    this.resyncWindowSec = option(
      'resyncWindowSec',
      options.resyncWindowSec ?? VERIFIER_DEFAULTS.resyncWindowSec,
      MIN_MAX.resyncWindowSec[0],
      MIN_MAX.resyncWindowSec[1],
    );
    this.hotpLookAhead = option(
      'hotpLookAhead',
      options.hotpLookAhead ?? VERIFIER_DEFAULTS.hotpLookAhead,
      MIN_MAX.hotpLookAhead[0],
      MIN_MAX.hotpLookAhead[1],
    );
    this.hotpResyncLookAhead = option(
      'hotpResyncLookAhead',
      options.hotpResyncLookAhead ?? VERIFIER_DEFAULTS.hotpResyncLookAhead,
      MIN_MAX.hotpResyncLookAhead[0],
      MIN_MAX.hotpResyncLookAhead[1],
    );
    this.maxFailures = option(
      'maxFailures',
      options.maxFailures ?? VERIFIER_DEFAULTS.maxFailures,
      MIN_MAX.maxFailures[0],
      MIN_MAX.maxFailures[1],
    );
    this.lockoutMs = option(
      'lockoutMs',
      options.lockoutMs ?? VERIFIER_DEFAULTS.lockoutMs,
      MIN_MAX.lockoutMs[0],
      MIN_MAX.lockoutMs[1],
    );
  }

  /** Checks one code for `user` and records the outcome (see TokenVerifyResult). */
  verify(user: string, code: string): TokenVerifyResult {
    return this.store.update(user, (token) => {
      const nowMs = this.clock.nowMs();
      const lock = this.lockState(token, nowMs);
      if (lock.locked) return { state: null, result: { reason: 'locked', ok: false, untilMs: lock.untilMs } };
      const key = OtpKey.from(token.secret, token.algorithm);
      const match = token.kind === 'hotp' ? this.matchHotp(key, token, code) : this.matchTotp(key, token, code, nowMs);
      return this.settle(token, nowMs, lock.failures, match);
    });
  }

  /**
   * Re-finds a token whose clock (or counter) ran far off: `code1` and `code2` must be two consecutive
   * codes, searched over ±resyncWindowSec (TOTP) or hotpResyncLookAhead counters (HOTP). On success the
   * drift is set to the second code's offset and that step becomes the last accepted one. A failed resync
   * counts as a wrong code (it is a guess over a wide window); a locked token stays locked.
   */
  resync(user: string, code1: string, code2: string): TokenVerifyResult {
    return this.store.update(user, (token) => {
      const nowMs = this.clock.nowMs();
      const lock = this.lockState(token, nowMs);
      if (lock.locked) return { state: null, result: { reason: 'locked', ok: false, untilMs: lock.untilMs } };
      const key = OtpKey.from(token.secret, token.algorithm);
      let center: number;
      let from: number;
      let to: number;
      if (token.kind === 'hotp') {
        center = token.counter;
        from = token.counter;
        to = token.counter + this.hotpResyncLookAhead;
      } else {
        center = stepAt(nowMs, token.periodSec, token.t0Sec);
        const radius = Math.ceil(this.resyncWindowSec / token.periodSec);
        from = center - radius;
        to = center + radius;
      }
      let fresh: number | null = null;
      let replayed: number | null = null;
      // Candidates for the first code (the last counter has no next one), then the second code checked
      // in constant time at the next step.
      for (const step of key.findCounters(code1, from, Math.min(to, MAX_COUNTER - 1), token.digits)) {
        if (!timingSafeEqualCode(key.hotp(step + 1, token.digits), code2)) continue;
        const second = step + 1;
        const isReplay = token.lastStep !== null && second <= token.lastStep;
        if (isReplay) replayed = second;
        else if (fresh === null || Math.abs(second - center) < Math.abs(fresh - center)) fresh = second;
      }
      const match: Match =
        fresh !== null
          ? { kind: 'fresh', step: fresh, delta: fresh - center }
          : replayed !== null
            ? { kind: 'replayed', step: replayed }
            : { kind: 'none' };
      return this.settle(token, nowMs, lock.failures, match);
    });
  }

  /** Clears a lock and the failure count. Returns whether the token was locked at the clock's time. */
  unlock(user: string): { wasLocked: boolean } {
    return this.store.update(user, (token) => {
      const wasLocked = token.lockedUntilMs !== null && this.clock.nowMs() < token.lockedUntilMs;
      return { state: { failureCount: 0, lockedUntilMs: null }, result: { wasLocked } };
    });
  }

  /** A lock in force, or the failure count to build on (a lock that has run out starts a fresh count). */
  private lockState(
    token: TokenRecord,
    nowMs: number,
  ): { locked: true; untilMs: number } | { locked: false; failures: number } {
    if (token.lockedUntilMs === null) return { locked: false, failures: token.failureCount };
    if (nowMs < token.lockedUntilMs) return { locked: true, untilMs: token.lockedUntilMs };
    return { locked: false, failures: 0 };
  }

  private matchTotp(key: OtpKey, token: TokenRecord, code: string, nowMs: number): Match {
    const current = stepAt(nowMs, token.periodSec, token.t0Sec);
    const center = current + token.driftSteps;
    let fresh: number | null = null;
    let replayed: number | null = null;
    // The whole window is computed and compared in constant time whatever matches, so timing says nothing.
    const last = Math.min(MAX_COUNTER, center + this.window.future);
    for (let step = Math.max(0, center - this.window.past); step <= last; step++) {
      if (!timingSafeEqualCode(key.hotp(step, token.digits), code)) continue;
      if (token.lastStep !== null && step <= token.lastStep) replayed = step;
      else if (fresh === null || Math.abs(step - center) < Math.abs(fresh - center)) fresh = step;
    }
    if (fresh !== null) return { kind: 'fresh', step: fresh, delta: fresh - current };
    return replayed !== null ? { kind: 'replayed', step: replayed } : { kind: 'none' };
  }

  private matchHotp(key: OtpKey, token: TokenRecord, code: string): Match {
    let fresh: number | null = null;
    let replayed: number | null = null;
    const from = Math.max(0, token.counter - this.hotpLookAhead);
    // After the last counter (2^53-1) is accepted, `counter` is 2^53: the token is used up.
    const last = Math.min(MAX_COUNTER, token.counter + this.hotpLookAhead);
    for (let counter = from; counter <= last; counter++) {
      if (!timingSafeEqualCode(key.hotp(counter, token.digits), code)) continue;
      if (counter < token.counter) replayed = counter;
      else if (fresh === null) fresh = counter; // the lowest ahead: the token moves only forward
    }
    if (fresh !== null) return { kind: 'fresh', step: fresh, delta: fresh - token.counter };
    return replayed !== null ? { kind: 'replayed', step: replayed } : { kind: 'none' };
  }

  /** Turns a match into the result and the state to commit with it. */
  private settle(
    token: TokenRecord,
    nowMs: number,
    failures: number,
    match: Match,
  ): { state: Partial<TokenState> | null; result: TokenVerifyResult } {
    if (match.kind === 'fresh') {
      const state: Partial<TokenState> = {
        lastStep: match.step,
        failureCount: 0,
        lockedUntilMs: null,
        lastUsedAtMs: Math.floor(nowMs),
      };
      if (token.kind === 'hotp') state.counter = match.step + 1;
      else state.driftSteps = match.delta;
      return { state, result: { reason: 'accepted', ok: true, step: match.step, delta: match.delta } };
    }
    if (match.kind === 'replayed') {
      // An expired lock is cleared even here, so the stored state does not claim a lock that ended.
      const state = token.lockedUntilMs !== null ? { failureCount: 0, lockedUntilMs: null } : null;
      return { state, result: { reason: 'replayed', ok: false, step: match.step } };
    }
    const count = failures + 1;
    // A lock of 0 ms ends as it starts: report no lock, and the next attempt starts a fresh count.
    if (count >= this.maxFailures && this.lockoutMs === 0) {
      return {
        state: { failureCount: 0, lockedUntilMs: null },
        result: { reason: 'wrong', ok: false, failures: count, lockedUntilMs: null },
      };
    }
    if (count >= this.maxFailures) {
      const lockedUntilMs = Math.floor(nowMs) + this.lockoutMs;
      return {
        state: { failureCount: count, lockedUntilMs },
        result: { reason: 'wrong', ok: false, failures: count, lockedUntilMs },
      };
    }
    return {
      state: { failureCount: count, lockedUntilMs: null },
      result: { reason: 'wrong', ok: false, failures: count, lockedUntilMs: null },
    };
  }
}

type Match = { kind: 'fresh'; step: number; delta: number } | { kind: 'replayed'; step: number } | { kind: 'none' };
