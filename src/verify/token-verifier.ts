import { type Clock, SystemClock } from '../clock';
import {
  checkWindowSide,
  DEFAULT_HOTP_LOOK_AHEAD,
  DEFAULT_WINDOW,
  MAX_COUNTER,
  OtpKey,
  type StepWindow,
  stepAt,
  timingSafeEqualCode,
} from '../otp/index';
import type { TokenRecord, TokenState, TokenStore, TokenUpdate } from '../store/index';
import { VerifyError } from './errors';

/** Defaults: RFC 6238 §5.2's one step of delay each way; MitID's three wrong codes; a 5-minute lock. */
export const VERIFIER_DEFAULTS = Object.freeze({
  window: DEFAULT_WINDOW,
  resyncWindowSec: 24 * 3600,
  hotpLookAhead: DEFAULT_HOTP_LOOK_AHEAD,
  hotpResyncLookAhead: 1000,
  maxFailures: 3,
  lockoutMs: 5 * 60_000,
  maxSlowPpm: 1000,
});

const MIN_MAX = {
  resyncWindowSec: [0, 7 * 86_400],
  hotpLookAhead: [0, 1000],
  hotpResyncLookAhead: [1, 100_000],
  maxFailures: [1, 1000],
  lockoutMs: [0, 31 * 86_400_000],
  maxSlowPpm: [0, 1_000_000],
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
  /**
   * How fast a token's clock may fall behind, in parts per million (default 1000: 86 s a day; real
   * crystals stay within ±100). A TOTP resync may move the drift back by no more than this allows since
   * the token was last used (or added): codes further behind could be old codes someone saw, not a slow
   * token, and are refused as `stale`. Codes ahead of the clock cannot have been seen before.
   */
  maxSlowPpm?: number;
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

/**
 * The outcome of a resync. It is not a login: `resynced` stores the new drift (or HOTP counter) and
 * marks the two codes used, but leaves the failure count and the last-used time alone. `stale`: the pair
 * is further behind the clock than a slow token could be since it was last used (old codes someone may
 * have seen); nothing changes. `wrong`, `replayed` and `locked` are as for verify.
 */
export type TokenResyncResult =
  | { reason: 'resynced'; ok: true; step: number; delta: number }
  | { reason: 'stale'; ok: false; step: number }
  | Exclude<TokenVerifyResult, { reason: 'accepted' }>;

/** What `unlock` did: whether a lock was in force, and which state it repaired (see `unlock`). */
export interface TokenUnlockResult {
  wasLocked: boolean;
  repaired: ('lastStep' | 'driftSteps' | 'lastUsedAtMs')[];
}

/** The whole-number options, each with its default in VERIFIER_DEFAULTS and its range in MIN_MAX. */
type NumericOption = keyof typeof MIN_MAX;

/** `options[name]` or its default, checked against its range; the range in the message is language-neutral. */
function option(options: TokenVerifierOptions, name: NumericOption): number {
  const value = options[name] ?? VERIFIER_DEFAULTS[name];
  const [min, max] = MIN_MAX[name];
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
  private readonly maxSlowPpm: number;

  constructor(options: TokenVerifierOptions) {
    this.store = options.store;
    this.clock = options.clock ?? new SystemClock();
    const window = options.window ?? VERIFIER_DEFAULTS.window;
    this.window = { past: checkWindowSide('past', window.past), future: checkWindowSide('future', window.future) };
    this.resyncWindowSec = option(options, 'resyncWindowSec');
    this.hotpLookAhead = option(options, 'hotpLookAhead');
    this.hotpResyncLookAhead = option(options, 'hotpResyncLookAhead');
    this.maxFailures = option(options, 'maxFailures');
    this.lockoutMs = option(options, 'lockoutMs');
    this.maxSlowPpm = option(options, 'maxSlowPpm');
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
   * drift is set to the second code's offset and that step becomes the last used one, so neither code can
   * log in later. A resync is not a login (TokenResyncResult): it does not clear failures. A TOTP pair
   * further behind the clock than `maxSlowPpm` allows since the token was last used is `stale`. A failed
   * resync counts as a wrong code (it is a guess over a wide window); a locked token stays locked.
   */
  resync(user: string, code1: string, code2: string): TokenResyncResult {
    return this.store.update<TokenResyncResult>(user, (token) => {
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
        const radius = this.resyncRadiusSteps(token.periodSec);
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
      if (fresh !== null) {
        if (token.kind === 'totp' && fresh < this.oldestPlausibleStep(token, nowMs, center)) {
          return { state: null, result: { reason: 'stale', ok: false, step: fresh } };
        }
        const state: Partial<TokenState> = { lastStep: fresh };
        if (token.kind === 'hotp') state.counter = fresh + 1;
        else state.driftSteps = fresh - center;
        return { state, result: { reason: 'resynced', ok: true, step: fresh, delta: fresh - center } };
      }
      const match: Match = replayed !== null ? { kind: 'replayed', step: replayed } : { kind: 'none' };
      return this.settle(token, nowMs, lock.failures, match) as TokenUpdate<TokenResyncResult>;
    });
  }

  /**
   * The earliest step a slow token can show now: its last known drift, less what `maxSlowPpm` lets its
   * clock lose since it was last used (or added), less the verify window.
   */
  /** How many steps of `periodSec` resync searches each way, and unlock lets a kept drift reach. */
  private resyncRadiusSteps(periodSec: number): number {
    return Math.ceil(this.resyncWindowSec / periodSec);
  }

  private oldestPlausibleStep(token: TokenRecord, nowMs: number, currentStep: number): number {
    const sinceMs = Math.max(0, nowMs - (token.lastUsedAtMs ?? token.createdAtMs));
    const slowSteps = Math.ceil((sinceMs * this.maxSlowPpm) / 1e6 / (token.periodSec * 1000));
    return currentStep + token.driftSteps - this.window.past - slowSteps;
  }

  /**
   * Clears a lock and the failure count, and repairs TOTP state that no real code at the clock's time can
   * have written (left by a verify or resync run with a made-up future time before tokenkit refused that):
   * a last used step beyond the window ahead of the clock is pulled back to the current step (codes up to
   * now count as used, the next one works), a drift beyond the resync window is cleared, and a last-used
   * time in the future becomes now. Returns whether the token was locked at the clock's time and what it
   * repaired.
   */
  unlock(user: string): TokenUnlockResult {
    return this.store.update(user, (token) => {
      const nowMs = this.clock.nowMs();
      const wasLocked = token.lockedUntilMs !== null && nowMs < token.lockedUntilMs;
      const state: Partial<TokenState> = { failureCount: 0, lockedUntilMs: null };
      const repaired: TokenUnlockResult['repaired'] = [];
      if (token.kind === 'totp') {
        const current = stepAt(nowMs, token.periodSec, token.t0Sec);
        let drift = token.driftSteps;
        if (Math.abs(drift) > this.resyncRadiusSteps(token.periodSec)) {
          drift = 0;
          state.driftSteps = 0;
          repaired.push('driftSteps');
        }
        if (token.lastStep !== null && token.lastStep > current + drift + this.window.future) {
          state.lastStep = current + drift;
          repaired.push('lastStep');
        }
      }
      if (token.lastUsedAtMs !== null && token.lastUsedAtMs > nowMs) {
        state.lastUsedAtMs = Math.floor(nowMs);
        repaired.push('lastUsedAtMs');
      }
      return { state, result: { wasLocked, repaired } };
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
