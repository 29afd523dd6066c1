import { decodeBase32, decodeHex } from './encoding';
import { OtpInputError } from './errors';
import { nodeCrypto } from './node-crypto';

/** A secret as the API takes it: raw bytes, or a Base32 string (the form in otpauth:// URIs). */
export type SecretInput = Uint8Array | string;

/** RFC 4226 section 4 asks for at least 128 bits and recommends 160; 80 bits is the floor authenticators use. */
export const MIN_SECRET_BYTES = 10;
export const DEFAULT_SECRET_BYTES = 20;
export const MAX_SECRET_BYTES = 1024;

/** Throws OtpInputError{field:'secret'} when the decoded secret is empty or shorter than MIN_SECRET_BYTES. */
export function checkSecretLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) throw new OtpInputError('secret', 'otp.error.secretEmpty');
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new OtpInputError('secret', 'otp.error.secretTooShort', { length: bytes.length, min: MIN_SECRET_BYTES });
  }
  return bytes;
}

/** A Uint8Array is used as is; a string is decoded as Base32. Both must hold at least 10 bytes. */
export function secretBytes(secret: SecretInput): Uint8Array {
  if (typeof secret === 'string') return checkSecretLength(decodeBase32(secret));
  if (secret instanceof Uint8Array) return checkSecretLength(secret);
  throw new OtpInputError('secret', 'otp.error.secretType');
}

/** Hex text to a secret, with the same length rule. */
export function secretFromHex(hex: string): Uint8Array {
  return checkSecretLength(decodeHex(hex));
}

export interface GenerateSecretOptions {
  /** Number of bytes (default 20 = 160 bits, RFC 4226's recommendation; 10..1024). */
  bytes?: number;
  /** Randomness source (default node:crypto randomBytes); must return exactly `n` bytes. */
  random?: (n: number) => Uint8Array;
}

/** A fresh random secret as raw bytes. Use encodeBase32 or buildOtpauthUri to show it. */
export function generateSecret(options: GenerateSecretOptions = {}): Uint8Array {
  const n = options.bytes ?? DEFAULT_SECRET_BYTES;
  if (!Number.isInteger(n) || n < MIN_SECRET_BYTES || n > MAX_SECRET_BYTES) {
    throw new OtpInputError('secret', 'otp.error.secretBytes', {
      value: String(n),
      min: MIN_SECRET_BYTES,
      max: MAX_SECRET_BYTES,
    });
  }
  const bytes = (options.random ?? ((k: number) => new Uint8Array(nodeCrypto().randomBytes(k))))(n);
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) {
    throw new OtpInputError('random', 'otp.error.random', {
      got: bytes instanceof Uint8Array ? bytes.length : 0,
      want: n,
    });
  }
  return Uint8Array.from(bytes);
}
