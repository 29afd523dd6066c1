/** src/verify: stateful verification of stored tokens (replay, drift, resync, lockout) over a TokenStore. */
export { VerifyError } from './errors';
export { TokenVerifier, VERIFIER_DEFAULTS, type TokenVerifierOptions, type TokenVerifyResult } from './token-verifier';
