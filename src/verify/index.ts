/** src/verify: stateful verification of stored tokens (replay, drift, resync, lockout) over a TokenStore. */
export { VerifyError } from './errors';
export {
  type TokenResyncResult,
  type TokenUnlockResult,
  TokenVerifier,
  type TokenVerifierOptions,
  type TokenVerifyResult,
  VERIFIER_DEFAULTS,
} from './token-verifier';
