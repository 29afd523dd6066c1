import { OtpInputError } from './errors';

export const MIN_DIGITS = 6;
export const MAX_DIGITS = 10;
export const MAX_PERIOD_SEC = 3600;
export const MAX_COUNTER = Number.MAX_SAFE_INTEGER;
/** Largest window side (steps) accepted by the stateless helpers: a week of 1-second steps. */
export const MAX_WINDOW_STEPS = 604_800;

/**
 * Counters past the expected one a HOTP check accepts (RFC 4226 §7.4 look-ahead: the token was pressed
 * without logging in). Never behind: a counter before the expected one was used up.
 */
export const DEFAULT_HOTP_LOOK_AHEAD = 10;

export const DEFAULTS = { algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 } as const;

const show = (value: unknown) => String(value).slice(0, 24);

export function checkDigits(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_DIGITS || value > MAX_DIGITS) {
    throw new OtpInputError('digits', 'otp.error.digits', { value: show(value) });
  }
  return value;
}

export function checkPeriod(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PERIOD_SEC) {
    throw new OtpInputError('periodSec', 'otp.error.period', { value: show(value) });
  }
  return value;
}

export function checkT0(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new OtpInputError('t0Sec', 'otp.error.t0', { value: show(value) });
  }
  return value;
}

export function checkCounter(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_COUNTER) {
    throw new OtpInputError('counter', 'otp.error.counter', { value: show(value) });
  }
  return value;
}

export function checkAtMs(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new OtpInputError('atMs', 'otp.error.time', { value: show(value) });
  }
  return value;
}

export function checkWindowSide(side: 'past' | 'future', value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_WINDOW_STEPS) {
    throw new OtpInputError('window', 'otp.error.window', { side, value: show(value), max: MAX_WINDOW_STEPS });
  }
  return value;
}

export function checkCount(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new OtpInputError('count', 'otp.error.count', { name, value: show(value), max });
  }
  return value;
}
