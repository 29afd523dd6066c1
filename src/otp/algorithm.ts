import { OtpInputError } from './errors';

/** HMAC hash functions RFC 6238 allows. Lower case in the API; URIs use SHA1/SHA256/SHA512. */
export type OtpAlgorithm = 'sha1' | 'sha256' | 'sha512';
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['sha1', 'sha256', 'sha512'];

/**
 * A TOTP/HOTP key and its parameters: what a token is provisioned with, stored with, and computes codes
 * from. The one shape the otp, protocol (PROVISION), store, device, profiles and firmware-sim layers share.
 */
export interface OtpKeySpec {
  /** Raw key bytes (never Base32 here). */
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  /** 6..10. */
  digits: number;
  /** TOTP step length in seconds (kept, and ignored, by HOTP). */
  periodSec: number;
  /** Unix seconds of step 0. */
  t0Sec: number;
}

/** Just the key spec of something that has one (a parsed URI, a store record): no label, counter or state. */
export function keySpec({ secret, algorithm, digits, periodSec, t0Sec }: OtpKeySpec): OtpKeySpec {
  return { secret, algorithm, digits, periodSec, t0Sec };
}

/** Accepts sha1, SHA1, SHA-1 (and the same for 256/512); anything else is an OtpInputError{field:'algorithm'}. */
export function parseAlgorithm(value: unknown): OtpAlgorithm {
  if (typeof value === 'string') {
    const norm = value.trim().toLowerCase().replace('-', '');
    if (norm === 'sha1' || norm === 'sha256' || norm === 'sha512') return norm;
  }
  throw new OtpInputError('algorithm', 'otp.error.algorithm', { value: String(value).slice(0, 20) });
}
