import { MAX_DIGITS, MAX_PERIOD_SEC, MIN_DIGITS, OTP_ALGORITHMS, type OtpKeySpec } from '../otp/index';
import { StoreError } from './errors';

export type TokenKind = 'totp' | 'hotp';

/** The longest user name the store accepts, in UTF-16 code units. */
export const MAX_USER_LENGTH = 128;

/**
 * A token to add: its user and kind, and the key spec (secret as raw bytes: parsing Base32, hex or URIs
 * is the OTP layer's job; periodSec is kept, and ignored, for HOTP tokens).
 */
export interface NewToken extends OtpKeySpec {
  user: string;
  kind: TokenKind;
  /** HOTP: the next counter value the token will show (default 0). Ignored for TOTP. */
  counter?: number;
  /** Issuer from an otpauth:// URI, kept so the URI can be rebuilt. */
  issuer?: string | null;
}

/** The part of a token the verifier changes. All of it is written together, in one transaction. */
export interface TokenState {
  /** HOTP: the next counter value expected. TOTP: unused (0). */
  counter: number;
  /** The last accepted TOTP step or HOTP counter value; a code at or before it is a replay. */
  lastStep: number | null;
  /** Offset in steps (TOTP) of the last success relative to the verifier's clock: the window is centred on it. */
  driftSteps: number;
  /** Consecutive wrong codes since the last success, unlock or lockout. */
  failureCount: number;
  /** Until when (unix ms) the token refuses every code; null when not locked. */
  lockedUntilMs: number | null;
  /** When a code was last accepted (unix ms). */
  lastUsedAtMs: number | null;
}

/** A stored token: what was added (its counter now lives in the state) and the verifier's state. */
export interface TokenRecord extends TokenState, Omit<NewToken, 'counter' | 'issuer'> {
  issuer: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

/** What `TokenStore.update`'s callback returns: the new state (null: leave it as it is) and the caller's result. */
export interface TokenUpdate<T> {
  state: Partial<TokenState> | null;
  result: T;
}

/**
 * Where tokens and their verification state live.
 *
 * Contract:
 * - Every method is synchronous and atomic. A state change reported as done (the method returned) is
 *   committed: a later process crash (SIGKILL) cannot undo it. The SQLite store also survives power loss
 *   because it syncs the WAL on every commit (synchronous=FULL).
 * - `update` reads the token, calls `decide` on that snapshot, and writes the state it returns in ONE
 *   transaction holding the write lock, so two processes verifying at once cannot both accept a code.
 *   If `decide` throws, nothing is written and the error propagates.
 * - Errors are `StoreError` with a `kind`; nothing here ever puts a secret into an error.
 * - After `close()` every method throws StoreError{kind:'closed'}; close is idempotent.
 */
export interface TokenStore {
  /** The file path, or ':memory:'. */
  readonly path: string;
  /** Adds a token; StoreError{kind:'duplicate'} when the user already has one. Returns the stored record. */
  add(token: NewToken): TokenRecord;
  get(user: string): TokenRecord | undefined;
  /** Every token, ordered by user name (UTF-8 byte order, as SQLite's BINARY collation). */
  list(): TokenRecord[];
  /** Removes the user's token; false when there was none. */
  remove(user: string): boolean;
  /** See the contract above. StoreError{kind:'notFound'} when the user has no token. */
  update<T>(user: string, decide: (token: TokenRecord) => TokenUpdate<T>): T;
  close(): void;
}

/** Checks a user name: non-empty, at most MAX_USER_LENGTH, no control characters, no outer spaces. */
export function validateUser(user: string): string {
  if (typeof user !== 'string' || user.length === 0) {
    throw new StoreError('invalidUser', 'store.error.userEmpty', { max: MAX_USER_LENGTH });
  }
  if (user.length > MAX_USER_LENGTH) {
    throw new StoreError('invalidUser', 'store.error.userTooLong', { length: user.length, max: MAX_USER_LENGTH });
  }
  for (let i = 0; i < user.length; i++) {
    const c = user.charCodeAt(i);
    // C0, DEL, C1 controls, and the line/paragraph separators that break one-line output.
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
      throw new StoreError('invalidUser', 'store.error.userControl', { position: i });
    }
  }
  if (user.trim() !== user) throw new StoreError('invalidUser', 'store.error.userSpace');
  return user;
}

function bad(field: string, value: unknown, allowed: string): StoreError {
  return new StoreError('invalidToken', 'store.error.badToken', { field, value: String(value).slice(0, 24), allowed });
}

/** Checks the non-secret fields of a new token (the OTP layer has already checked what it parsed). */
export function validateNewToken(token: NewToken): void {
  validateUser(token.user);
  if (token.kind !== 'totp' && token.kind !== 'hotp') throw bad('kind', token.kind, 'totp | hotp');
  if (!(token.secret instanceof Uint8Array) || token.secret.length === 0) throw bad('secret.length', 0, '>= 1');
  if (!OTP_ALGORITHMS.includes(token.algorithm)) throw bad('algorithm', token.algorithm, OTP_ALGORITHMS.join(' | '));
  if (!Number.isInteger(token.digits) || token.digits < MIN_DIGITS || token.digits > MAX_DIGITS)
    throw bad('digits', token.digits, `${MIN_DIGITS}..${MAX_DIGITS}`);
  if (!Number.isInteger(token.periodSec) || token.periodSec < 1 || token.periodSec > MAX_PERIOD_SEC) {
    throw bad('periodSec', token.periodSec, `1..${MAX_PERIOD_SEC}`);
  }
  if (!Number.isSafeInteger(token.t0Sec)) throw bad('t0Sec', token.t0Sec, 'integer');
  const counter = token.counter ?? 0;
  if (!Number.isSafeInteger(counter) || counter < 0) throw bad('counter', counter, '0..2^53-1');
}

export function initialState(token: NewToken): TokenState {
  return {
    counter: token.kind === 'hotp' ? (token.counter ?? 0) : 0,
    lastStep: null,
    driftSteps: 0,
    failureCount: 0,
    lockedUntilMs: null,
    lastUsedAtMs: null,
  };
}
