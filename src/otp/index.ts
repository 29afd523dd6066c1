/**
 * The OTP engine: HOTP (RFC 4226) and TOTP (RFC 6238) with HMAC-SHA1/256/512, secrets (Base32, hex,
 * otpauth:// URIs), timing helpers. Pure: no I/O, and no clock reads except the `atMs` default of the
 * one-call helpers (generateTotp, verifyTotp, findSteps, timeline).
 */
export { OtpInputError, type OtpField } from './errors';
export { OTP_ALGORITHMS, parseAlgorithm, type OtpAlgorithm } from './algorithm';
export { decodeBase32, encodeBase32, decodeHex, encodeHex } from './encoding';
export {
  checkSecretLength,
  DEFAULT_SECRET_BYTES,
  generateSecret,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  secretBytes,
  secretFromHex,
  type GenerateSecretOptions,
  type SecretInput,
} from './secret';
export {
  checkAtMs,
  checkCounter,
  checkDigits,
  checkPeriod,
  checkT0,
  checkWindowSide,
  DEFAULTS as OTP_DEFAULTS,
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_PERIOD_SEC,
  MAX_WINDOW_STEPS,
  MIN_DIGITS,
} from './params';
export { remainingMs, stepAt, stepEndMs, stepStartMs } from './timing';
export { groupCode } from './format';
export { DEFAULT_WINDOW, OtpKey, timingSafeEqualCode, type StepWindow, type TotpParams, type VerifyResult } from './key';
export {
  findSteps,
  generateHotp,
  generateTotp,
  timeline,
  verifyHotp,
  verifyTotp,
  type FindStepsOptions,
  type HotpOptions,
  type StepInfo,
  type Timeline,
  type TimelineEntry,
  type TimelineOptions,
  type TotpOptions,
  type VerifyHotpOptions,
  type VerifyTotpOptions,
} from './totp';
export { buildOtpauthUri, parseOtpauthUri, type BuildOtpauthUriOptions, type OtpauthKey } from './uri';
export { RFC4226_SECRET, RFC4226_VECTORS, RFC6238_SECRETS, RFC6238_VECTORS, runRfcVectors, type VectorResult } from './rfc-vectors';
