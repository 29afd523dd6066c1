import { OtpInputError } from './errors';
import { checkAtMs, checkPeriod, checkT0, DEFAULTS } from './params';

/**
 * RFC 6238 time steps in integer milliseconds, so step boundaries are exact for any whole-second
 * period and T0 (no floating-point seconds). Each function validates its inputs and throws
 * OtpInputError for a bad period, T0 or time, and for a time before T0.
 */

/** The TOTP counter T = floor((atMs/1000 - T0) / period). */
export function stepAt(atMs: number, periodSec: number = DEFAULTS.periodSec, t0Sec: number = DEFAULTS.t0Sec): number {
  checkAtMs(atMs);
  checkPeriod(periodSec);
  checkT0(t0Sec);
  const sinceT0Ms = atMs - t0Sec * 1000;
  if (sinceT0Ms < 0) throw new OtpInputError('atMs', 'otp.error.timeBeforeT0', { atMs, t0Sec });
  return Math.floor(sinceT0Ms / (periodSec * 1000));
}

/** When a step begins (inclusive), in unix ms. */
export function stepStartMs(
  step: number,
  periodSec: number = DEFAULTS.periodSec,
  t0Sec: number = DEFAULTS.t0Sec,
): number {
  return t0Sec * 1000 + step * periodSec * 1000;
}

/** When a step ends (exclusive: the next step's start), in unix ms. */
export function stepEndMs(
  step: number,
  periodSec: number = DEFAULTS.periodSec,
  t0Sec: number = DEFAULTS.t0Sec,
): number {
  return stepStartMs(step + 1, periodSec, t0Sec);
}

/** How long the code shown at `atMs` stays valid, in ms (1..period*1000). */
export function remainingMs(
  atMs: number,
  periodSec: number = DEFAULTS.periodSec,
  t0Sec: number = DEFAULTS.t0Sec,
): number {
  return stepEndMs(stepAt(atMs, periodSec, t0Sec), periodSec, t0Sec) - atMs;
}
