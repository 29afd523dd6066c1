import { generateTotp, stepAt, stepEndMs } from '../src/otp/index';
import type { StoredSecret } from './hal';

/** Shortest secret the board accepts (RFC 4226 asks for 128 bits; the OTP engine's floor is 10 bytes). */
export const MIN_BOARD_SECRET_BYTES = 10;

/** The code a smart token shows at board time `atMs`, its step and the board time the step ends. */
export function codeAt(stored: StoredSecret, atMs: number): { code: string; step: number; validUntilMs: number } {
  const step = stepAt(atMs, stored.periodSec, stored.t0Sec);
  const code = generateTotp({
    secret: stored.secret,
    atMs,
    algorithm: stored.algorithm,
    digits: stored.digits,
    periodSec: stored.periodSec,
    t0Sec: stored.t0Sec,
  });
  return { code, step, validUntilMs: stepEndMs(step, stored.periodSec, stored.t0Sec) };
}
