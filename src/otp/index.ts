/**
 * The OTP engine: HOTP (RFC 4226) and TOTP (RFC 6238) with HMAC-SHA1/256/512, secrets (Base32, hex,
 * otpauth:// URIs), timing helpers. Pure: no I/O, and no clock reads except the `atMs` default of the
 * one-call helpers (generateTotp, verifyTotp, findSteps, timeline).
 */

export { keySpec, OTP_ALGORITHMS, type OtpAlgorithm, type OtpKeySpec, parseAlgorithm } from './algorithm';
export { decodeBase32, decodeHex, encodeBase32, encodeHex } from './encoding';
export { type OtpField, OtpInputError } from './errors';
export { groupCode } from './format';
export {
  DEFAULT_WINDOW,
  OtpKey,
  type StepWindow,
  type TotpParams,
  timingSafeEqualCode,
  type VerifyResult,
} from './key';
export {
  checkAtMs,
  checkCounter,
  checkDigits,
  checkPeriod,
  checkT0,
  checkWindowSide,
  DEFAULT_HOTP_LOOK_AHEAD,
  DEFAULTS as OTP_DEFAULTS,
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_PERIOD_SEC,
  MAX_WINDOW_STEPS,
  MIN_DIGITS,
} from './params';
export {
  RFC4226_SECRET,
  RFC4226_VECTORS,
  RFC6238_SECRETS,
  RFC6238_VECTORS,
  runRfcVectors,
  type VectorResult,
} from './rfc-vectors';
export {
  checkSecretLength,
  DEFAULT_SECRET_BYTES,
  type GenerateSecretOptions,
  generateSecret,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  type SecretInput,
  secretBytes,
  secretFromHex,
} from './secret';
export { remainingMs, stepAt, stepEndMs, stepStartMs } from './timing';
export {
  type FindStepsOptions,
  findSteps,
  generateHotp,
  generateTotp,
  type HotpOptions,
  type StepInfo,
  type Timeline,
  type TimelineEntry,
  type TimelineOptions,
  type TotpOptions,
  timeline,
  type VerifyHotpOptions,
  type VerifyTotpOptions,
  verifyHotp,
  verifyTotp,
} from './totp';
export { type BuildOtpauthUriOptions, buildOtpauthUri, type OtpauthKey, parseOtpauthUri } from './uri';
