import { type Clock, SystemClock } from '../clock';
import { StoreError } from './errors';
import {
  initialState,
  type NewToken,
  type TokenRecord,
  type TokenStore,
  type TokenUpdate,
  validateNewToken,
  validateUser,
} from './types';

function copy(record: TokenRecord): TokenRecord {
  return { ...record, secret: new Uint8Array(record.secret) };
}

/**
 * A token store in memory, with the same contract and errors as SqliteTokenStore (the shared store suite
 * runs against both). For unit tests and throwaway sessions: nothing survives the process.
 */
export class MemoryTokenStore implements TokenStore {
  readonly path = ':memory:';
  private readonly tokens = new Map<string, TokenRecord>();
  private closed = false;

  constructor(private readonly clock: Clock = new SystemClock()) {}

  add(token: NewToken): TokenRecord {
    this.open();
    validateNewToken(token);
    if (this.tokens.has(token.user)) throw new StoreError('duplicate', 'store.error.duplicate', { user: token.user });
    const nowMs = Math.floor(this.clock.nowMs());
    const record: TokenRecord = {
      user: token.user,
      kind: token.kind,
      secret: new Uint8Array(token.secret),
      algorithm: token.algorithm,
      digits: token.digits,
      periodSec: token.periodSec,
      t0Sec: token.t0Sec,
      issuer: token.issuer ?? null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      ...initialState(token),
    };
    this.tokens.set(token.user, record);
    return copy(record);
  }

  get(user: string): TokenRecord | undefined {
    this.open();
    validateUser(user);
    const record = this.tokens.get(user);
    return record ? copy(record) : undefined;
  }

  list(): TokenRecord[] {
    this.open();
    // SQLite's ORDER BY compares UTF-8 bytes; JS '<' compares UTF-16 units, which differ past U+FFFF.
    return [...this.tokens.values()]
      .sort((a, b) => Buffer.compare(Buffer.from(a.user, 'utf8'), Buffer.from(b.user, 'utf8')))
      .map(copy);
  }

  remove(user: string): boolean {
    this.open();
    validateUser(user);
    return this.tokens.delete(user);
  }

  update<T>(user: string, decide: (token: TokenRecord) => TokenUpdate<T>): T {
    this.open();
    validateUser(user);
    const current = this.tokens.get(user);
    if (!current) throw new StoreError('notFound', 'store.error.notFound', { user });
    // `decide` sees a copy, so a throw leaves the stored token untouched.
    const { state, result } = decide(copy(current));
    if (state) this.tokens.set(user, { ...current, ...state, updatedAtMs: Math.floor(this.clock.nowMs()) });
    return result;
  }

  close(): void {
    this.closed = true;
  }

  private open(): void {
    if (this.closed) throw new StoreError('closed', 'store.error.closed');
  }
}
