import { decodeBase32, OTP_DEFAULTS, OtpKey, secretBytes, stepAt } from '../otp/index';

/**
 * `tokenkit code --secret BASE32` without commander: the same steps as the `code` action
 * (src/cli/commands/otp/code.ts) with the default algorithm, digits and period. Returns the line to
 * print, or undefined when anything is wrong with the secret: then the full program runs and reports it
 * in its own words.
 */
export function fastCode(base32: string, nowMs: number): string | undefined {
  let secret: Uint8Array;
  try {
    secret = secretBytes(decodeBase32(base32));
  } catch {
    return undefined;
  }
  const { algorithm, digits, periodSec, t0Sec } = OTP_DEFAULTS;
  const key = OtpKey.from(secret, algorithm);
  return `${key.hotp(stepAt(nowMs, periodSec, t0Sec), digits)}\n`;
}
