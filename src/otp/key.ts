import { type OtpAlgorithm, parseAlgorithm } from './algorithm';
import { createHmacCore, type HmacCore, type HmacImplementation } from './hmac-core';
import { checkCounter, checkDigits, checkWindowSide, DEFAULTS, MAX_COUNTER } from './params';
import { type SecretInput, secretBytes } from './secret';
import { stepAt } from './timing';

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
const TWO_32 = 4294967296;

/** Options of a TOTP computation on a key (time always given: the key never reads a clock). */
export interface TotpParams {
  digits?: number;
  periodSec?: number;
  t0Sec?: number;
}

/** A window in steps around a centre: `past` steps before and `future` steps after (both inclusive). */
export interface StepWindow {
  past: number;
  future: number;
}

/** Result of a window check: `delta` is the signed step offset of the match (negative = the code's clock is behind), null when no step matched. */
export interface VerifyResult {
  valid: boolean;
  delta: number | null;
}

/**
 * The code as a number if it is exactly `digits` ASCII digits, else -1. Comparing numbers in the
 * scan keeps the hot loop free of string building.
 */
function codeValue(code: unknown, digits: number): number {
  if (typeof code !== 'string' || code.length !== digits) return -1;
  let v = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * A secret prepared for fast HOTP/TOTP: the HMAC pad states are computed once here and reused by every
 * code and every step of a window scan. Immutable; the secret bytes are copied in, and never shown by
 * inspect/JSON (`OtpKey { algorithm, bytes: N }`).
 *
 * Build with `OtpKey.from(secret, algorithm)` (always new) or `OtpKey.cached(...)` (shared, for callers
 * that pass the same secret repeatedly). All methods are pure: time comes in as `atMs`.
 */
export class OtpKey {
  readonly algorithm: OtpAlgorithm;
  readonly byteLength: number;
  readonly #core: HmacCore;
  readonly #bytes: Uint8Array;

  private constructor(bytes: Uint8Array, algorithm: OtpAlgorithm, hmac: HmacImplementation) {
    this.algorithm = algorithm;
    this.byteLength = bytes.length;
    this.#bytes = Uint8Array.from(bytes);
    this.#core = createHmacCore(this.#bytes, algorithm, hmac);
  }

  /**
   * A new key. Throws OtpInputError for a bad Base32 string, a secret under 10 bytes or an unknown algorithm.
   * `hmac` picks the HMAC behind it (default: the faster one per algorithm, see createHmacCore); the
   * codes are the same either way, only the speed differs (bench/otp.ts compares them side by side).
   */
  static from(
    secret: SecretInput,
    algorithm: OtpAlgorithm | string = DEFAULTS.algorithm,
    hmac: HmacImplementation = 'default',
  ): OtpKey {
    return new OtpKey(secretBytes(secret), parseAlgorithm(algorithm), hmac);
  }

  /**
   * A key from a small process-wide cache (256 Base32 strings per algorithm, oldest evicted; Uint8Arrays
   * weakly per array): the stateless helpers use it so repeated calls with the same secret skip the
   * pad-state setup. Uint8Array hits are re-checked byte for byte, so mutating the array afterwards is
   * safe. The cache holds prepared keys (and the Base32 strings as map keys) in memory for the process's
   * life; use `OtpKey.from` where that matters.
   */
  static cached(secret: SecretInput, algorithm: OtpAlgorithm | string = DEFAULTS.algorithm): OtpKey {
    const alg =
      algorithm === 'sha1' || algorithm === 'sha256' || algorithm === 'sha512' ? algorithm : parseAlgorithm(algorithm);
    if (typeof secret === 'string') {
      // One map per algorithm, keyed by the string itself: no key string is built per call.
      const byString = stringCache[alg];
      const hit = byString.get(secret);
      if (hit) return hit;
      const key = OtpKey.from(secret, alg);
      if (byString.size >= CACHE_LIMIT) byString.delete(byString.keys().next().value!);
      byString.set(secret, key);
      return key;
    }
    if (secret instanceof Uint8Array) {
      const list = arrayCache.get(secret);
      if (list) for (const key of list) if (key.algorithm === alg && key.#sameBytes(secret)) return key;
      const key = OtpKey.from(secret, alg);
      arrayCache.set(secret, [...(list ?? []).filter((k) => k.#sameBytes(secret)), key]);
      return key;
    }
    return OtpKey.from(secret, alg);
  }

  #sameBytes(other: Uint8Array): boolean {
    const mine = this.#bytes;
    if (mine.length !== other.length) return false;
    for (let i = 0; i < mine.length; i++) if (mine[i] !== other[i]) return false;
    return true;
  }

  /** RFC 4226's 31-bit dynamically truncated value for a counter (validated). */
  truncated(counter: number): number {
    checkCounter(counter);
    return this.#core.truncated(Math.floor(counter / TWO_32), counter >>> 0);
  }

  /** The HOTP code for a counter (0..2^53-1), `digits` 6..10, zero-padded. */
  hotp(counter: number, digits: number = DEFAULTS.digits): string {
    // Inline range checks keep the hot path short; the check* helpers only run to build the error.
    if (!(counter >= 0 && counter <= MAX_COUNTER && Math.floor(counter) === counter)) checkCounter(counter);
    if (!(digits >= 6 && digits <= 10 && (digits | 0) === digits)) checkDigits(digits);
    const mod = POW10[digits]!;
    // v + 10^digits has digits+1 digits: slicing off the leading 1 zero-pads in one step.
    return ((this.#core.truncated(Math.floor(counter / TWO_32), counter >>> 0) % mod) + mod).toString().slice(1);
  }

  /** The TOTP code at `atMs` (RFC 6238). */
  totp(atMs: number, params: TotpParams = {}): string {
    const periodSec = params.periodSec ?? DEFAULTS.periodSec;
    const t0Sec = params.t0Sec ?? DEFAULTS.t0Sec;
    const step = Math.floor((atMs - t0Sec * 1000) / (periodSec * 1000));
    const fast =
      step >= 0 &&
      periodSec >= 1 &&
      periodSec <= 3600 &&
      (periodSec | 0) === periodSec &&
      Number.isSafeInteger(t0Sec) &&
      typeof atMs === 'number' &&
      atMs - atMs === 0;
    return this.hotp(fast ? step : stepAt(atMs, periodSec, t0Sec), params.digits ?? DEFAULTS.digits);
  }

  /**
   * Which counter in [center - past, center + future] gives `code` (counters below 0 or above 2^53-1 are
   * skipped). The whole window is always computed, and a code that is not exactly `digits` ASCII digits
   * scans the same window and fails, so the time taken hardly depends on where or whether it matched
   * (a match costs a few extra comparisons next to 2 hash compressions per step).
   * When several steps match, the one nearest the centre wins; on a tie the past one.
   */
  matchCounter(code: string, center: number, window: StepWindow, digits: number = DEFAULTS.digits): VerifyResult {
    checkCounter(center);
    checkDigits(digits);
    const past = checkWindowSide('past', window.past);
    const future = checkWindowSide('future', window.future);
    const target = codeValue(code, digits);
    const mod = POW10[digits]!;
    const core = this.#core;
    const first = Math.max(0, center - past);
    const last = Math.min(MAX_COUNTER, center + future);
    let best = Infinity;
    for (let c = first; c <= last; c++) {
      const hit = core.truncated(Math.floor(c / TWO_32), c >>> 0) % mod === target;
      if (hit) {
        const d = c - center;
        const better = Math.abs(d) < Math.abs(best) || (Math.abs(d) === Math.abs(best) && d < best);
        if (better) best = d;
      }
    }
    return best === Infinity ? { valid: false, delta: null } : { valid: true, delta: best };
  }

  /** Every counter in [from, to] (inclusive, clamped to 0..2^53-1) whose code equals `code`, ascending. */
  findCounters(code: string, from: number, to: number, digits: number = DEFAULTS.digits): number[] {
    checkDigits(digits);
    const target = codeValue(code, digits);
    const found: number[] = [];
    if (target < 0) return found;
    const mod = POW10[digits]!;
    const core = this.#core;
    const last = Math.min(MAX_COUNTER, Math.floor(to));
    for (let c = Math.max(0, Math.ceil(from)); c <= last; c++) {
      if (core.truncated(Math.floor(c / TWO_32), c >>> 0) % mod === target) found.push(c);
    }
    return found;
  }

  /** TOTP check at `atMs` over a window of steps (default one step each way). */
  verifyTotp(code: string, atMs: number, params: TotpParams & { window?: StepWindow } = {}): VerifyResult {
    return this.matchCounter(
      code,
      stepAt(atMs, params.periodSec, params.t0Sec),
      params.window ?? DEFAULT_WINDOW,
      params.digits ?? DEFAULTS.digits,
    );
  }

  toJSON(): { algorithm: OtpAlgorithm; bytes: number } {
    return { algorithm: this.algorithm, bytes: this.byteLength };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `OtpKey { algorithm: '${this.algorithm}', bytes: ${this.byteLength} }`;
  }
}

/** One step either way: RFC 6238 section 5.2 recommends at most one step of network delay. */
export const DEFAULT_WINDOW: Readonly<StepWindow> = Object.freeze({ past: 1, future: 1 });

const CACHE_LIMIT = 256;
const stringCache: Record<OtpAlgorithm, Map<string, OtpKey>> = {
  sha1: new Map(),
  sha256: new Map(),
  sha512: new Map(),
};
const arrayCache = new WeakMap<Uint8Array, OtpKey[]>();

/** Constant-time equality of two codes (length is not secret: unequal lengths return false at once). */
export function timingSafeEqualCode(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
