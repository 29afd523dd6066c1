import type { OtpAlgorithm } from './algorithm';
import { OtpKey, type StepWindow, type VerifyResult } from './key';
import { checkCount, checkDigits, checkPeriod, checkT0, checkWindowSide, DEFAULTS, MAX_COUNTER } from './params';
import type { SecretInput } from './secret';
import { stepAt, stepEndMs, stepStartMs } from './timing';

/**
 * Stateless one-call helpers. They take the secret each time and reuse a cached OtpKey, so repeated
 * calls with the same secret stay on the fast path. Only these helpers read the system clock, and only
 * when `atMs` is left out.
 */

export interface TotpOptions {
  /** Raw bytes or Base32 (at least 10 bytes after decoding). */
  secret: SecretInput;
  /** Unix ms; default Date.now(). */
  atMs?: number;
  algorithm?: OtpAlgorithm;
  /** 6..10, default 6. */
  digits?: number;
  /** Whole seconds 1..3600, default 30. */
  periodSec?: number;
  /** Unix seconds of step 0, default 0. */
  t0Sec?: number;
}

export interface HotpOptions {
  secret: SecretInput;
  /** 0..2^53-1. */
  counter: number;
  algorithm?: OtpAlgorithm;
  digits?: number;
}

export function generateTotp(options: TotpOptions): string {
  return OtpKey.cached(options.secret, options.algorithm).totp(options.atMs ?? Date.now(), options);
}

export function generateHotp(options: HotpOptions): string {
  return OtpKey.cached(options.secret, options.algorithm).hotp(options.counter, options.digits);
}

export interface VerifyTotpOptions extends TotpOptions {
  /** Steps accepted before and after the current one; default { past: 1, future: 1 }. */
  window?: StepWindow;
}

/**
 * Checks a TOTP code. Returns `{ valid: true, delta }` with the signed step offset of the match
 * (0 = current step, -1 = the previous one), or `{ valid: false, delta: null }`. A code that is not
 * exactly `digits` digits is simply not valid; bad options (secret, digits, period, window) throw
 * OtpInputError. Stateless: no replay protection (see src/verify for that).
 */
export function verifyTotp(code: string, options: VerifyTotpOptions): VerifyResult {
  return OtpKey.cached(options.secret, options.algorithm).verifyTotp(code, options.atMs ?? Date.now(), options);
}

export interface VerifyHotpOptions extends HotpOptions {
  /**
   * Counters after `counter` also accepted (RFC 4226 §7.4 look-ahead; default 0). There is no look-behind:
   * a counter before the expected one was used up, so its code is never valid again.
   */
  lookAhead?: number;
}

/** Checks a HOTP code against `counter` and up to `lookAhead` counters after it; `delta` is the offset (≥ 0). */
export function verifyHotp(code: string, options: VerifyHotpOptions): VerifyResult {
  return OtpKey.cached(options.secret, options.algorithm).matchCounter(
    code,
    options.counter,
    { past: 0, future: options.lookAhead ?? 0 },
    options.digits,
  );
}

/** One step of a timeline or search result; times in unix ms, end exclusive. */
export interface StepInfo {
  step: number;
  /** Signed steps from the step at `atMs`. */
  delta: number;
  startMs: number;
  endMs: number;
}

export interface FindStepsOptions extends TotpOptions {
  /** Steps searched before and after the step at `atMs`. */
  window: StepWindow;
}

/**
 * Every step within the window whose code equals `code`, ascending: answers "how far off is this token's
 * clock?". More than one match is possible (a 6-digit code repeats about once per million steps).
 */
export function findSteps(code: string, options: FindStepsOptions): StepInfo[] {
  const periodSec = checkPeriod(options.periodSec ?? DEFAULTS.periodSec);
  const t0Sec = checkT0(options.t0Sec ?? DEFAULTS.t0Sec);
  const digits = checkDigits(options.digits ?? DEFAULTS.digits);
  const key = OtpKey.cached(options.secret, options.algorithm);
  const center = stepAt(options.atMs ?? Date.now(), periodSec, t0Sec);
  const past = checkWindowSide('past', options.window.past);
  const future = checkWindowSide('future', options.window.future);
  return key.findCounters(code, center - past, Math.min(MAX_COUNTER, center + future), digits).map((step) => ({
    step,
    delta: step - center,
    startMs: stepStartMs(step, periodSec, t0Sec),
    endMs: stepEndMs(step, periodSec, t0Sec),
  }));
}

export interface TimelineOptions extends TotpOptions {
  /** Steps shown before the current one (default 2, at most 1000). */
  before?: number;
  /** Steps shown after the current one (default 2, at most 1000). */
  after?: number;
}

export interface TimelineEntry extends StepInfo {
  code: string;
}

export interface Timeline {
  atMs: number;
  step: number;
  periodSec: number;
  /** Time left of the current step at `atMs`. */
  remainingMs: number;
  /** Ascending by step; the entry with delta 0 is the current code. */
  entries: TimelineEntry[];
}

/** The codes of neighbouring steps around `atMs`, with their validity intervals. */
export function timeline(options: TimelineOptions): Timeline {
  const atMs = options.atMs ?? Date.now();
  const periodSec = checkPeriod(options.periodSec ?? DEFAULTS.periodSec);
  const t0Sec = checkT0(options.t0Sec ?? DEFAULTS.t0Sec);
  const digits = checkDigits(options.digits ?? DEFAULTS.digits);
  const before = checkCount('before', options.before ?? 2, 1000);
  const after = checkCount('after', options.after ?? 2, 1000);
  const key = OtpKey.cached(options.secret, options.algorithm);
  const step = stepAt(atMs, periodSec, t0Sec);
  const entries: TimelineEntry[] = [];
  for (let s = Math.max(0, step - before); s <= Math.min(MAX_COUNTER, step + after); s++) {
    entries.push({
      step: s,
      delta: s - step,
      startMs: stepStartMs(s, periodSec, t0Sec),
      endMs: stepEndMs(s, periodSec, t0Sec),
      code: key.hotp(s, digits),
    });
  }
  return { atMs, step, periodSec, remainingMs: stepEndMs(step, periodSec, t0Sec) - atMs, entries };
}
