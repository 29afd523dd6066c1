import type { TokenRecord } from '../../../store/index';
import { UsageError } from '../../errors';

export const iso = (ms: number) => new Date(ms).toISOString();

export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export const DEFAULT_ISSUER = 'tokenkit';

export const MAX_LOCKOUT_MS = 31 * 86_400_000;

// The store is opened in one place for every command (src/cli/store.ts).
export { withCliStore as withStore } from '../../store';

/** The code as the token shows it: spaces and dashes dropped, exactly `digits` digits, else bad input (not a guess). */
export function normalizeCode(code: string, token: TokenRecord): string {
  const clean = code.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(clean) || clean.length !== token.digits) {
    throw new UsageError('cli.token.error.codeFormat', {
      code: code.slice(0, 16),
      digits: token.digits,
      user: token.user,
    });
  }
  return clean;
}

/** Public fields of a token for list/add output: never the secret. */
export function tokenJson(token: TokenRecord) {
  return {
    user: token.user,
    type: token.kind,
    algorithm: token.algorithm,
    digits: token.digits,
    periodSec: token.periodSec,
    t0Sec: token.t0Sec,
    ...(token.kind === 'hotp' ? { counter: token.counter } : { driftSteps: token.driftSteps }),
    issuer: token.issuer,
    lastStep: token.lastStep,
    failureCount: token.failureCount,
    lockedUntilMs: token.lockedUntilMs,
    lastUsedAtMs: token.lastUsedAtMs,
    createdAtMs: token.createdAtMs,
    updatedAtMs: token.updatedAtMs,
  };
}
