import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { migrate, translateStoreError } from '../store/index';

/** The settings a trainer changes from the console. */
export interface PracticeSettings {
  /** Step length of tokens made from now on (web tokens, provisioned boards). */
  codePeriodSec: number;
  /** How long the 3rd wrong code blocks a token. */
  blockMs: number;
  /** Time limits (a login attempt, an activation) are multiplied by this; 0 turns them off. */
  timeLimitFactor: number;
}

export const DEFAULT_SETTINGS: Readonly<PracticeSettings> = Object.freeze({
  codePeriodSec: 30,
  blockMs: 5 * 60_000,
  timeLimitFactor: 1,
});

export type PracticeTokenKind = 'code-display' | 'audio-code-reader';
export const PRACTICE_TOKEN_KINDS: readonly PracticeTokenKind[] = ['code-display', 'audio-code-reader'];

/** A token a learner can activate: a row of the store's `tokens` known to the practice site by serial. */
export interface PracticeToken {
  /** What the learner types (normalised: upper case, no spaces or dashes). */
  serial: string;
  /** The `tokens.user` of the store row that holds its secret and verifier state. */
  storeUser: string;
  kind: PracticeTokenKind;
  /** Where it lives: 'web' (the /token page), 'board' (serial or HID), or another word a plugin picks. */
  source: string;
  createdAtMs: number;
}

export interface SessionRow {
  idHash: Buffer;
  learnerId: number | null;
  trainer: boolean;
  activation: string | null;
  createdAtMs: number;
  expiresAtMs: number;
}

/** SHA-256 of a session id: the table holds only hashes, so a copy of the file opens no session. */
export function hashSessionId(id: string): Buffer {
  return createHash('sha256').update(id).digest();
}

/**
 * The practice tables (schema in src/store/schema.ts, migration 3) on their own connection to the token
 * store's file. WAL lets it sit beside the store's connection; the verifier's state stays in `tokens`,
 * written only through TokenStore. Every method is synchronous; errors are StoreError (translated).
 * With a ':memory:' store the practice tables live in a memory database of their own.
 */
export class PracticeDb {
  readonly db: Database.Database;

  constructor(path: string) {
    try {
      this.db = new Database(path, { timeout: 5000 });
      if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('synchronous = FULL');
      migrate(this.db, path);
    } catch (error) {
      throw translateStoreError(error, path);
    }
  }

  /** Runs `fn` in one IMMEDIATE transaction (the write lock first, so read-decide-write cannot race). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  settings(): PracticeSettings {
    const rows = this.db.prepare('SELECT name, value FROM practice_settings').all() as {
      name: string;
      value: string;
    }[];
    const out: PracticeSettings = { ...DEFAULT_SETTINGS };
    for (const { name, value } of rows) {
      if (name in DEFAULT_SETTINGS) {
        const n = Number(value);
        if (Number.isFinite(n)) (out as unknown as Record<string, number>)[name] = n;
      }
    }
    return out;
  }

  saveSettings(settings: Partial<PracticeSettings>): void {
    const put = this.db.prepare(
      'INSERT INTO practice_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
    this.tx(() => {
      for (const [name, value] of Object.entries(settings)) {
        if (name in DEFAULT_SETTINGS && typeof value === 'number') put.run(name, String(value));
      }
    });
  }

  /** A value kept across restarts (the CSRF HMAC key), made once by `create`. */
  secretSetting(name: string, create: () => string): string {
    return this.tx(() => {
      const row = this.db.prepare('SELECT value FROM practice_settings WHERE name = ?').get(name) as
        | { value: string }
        | undefined;
      if (row) return row.value;
      const value = create();
      this.db.prepare('INSERT INTO practice_settings (name, value) VALUES (?, ?)').run(name, value);
      return value;
    });
  }

  // Sessions -------------------------------------------------------------------------------------------

  createSession(idHash: Buffer, nowMs: number, expiresAtMs: number): SessionRow {
    this.db.prepare('DELETE FROM practice_sessions WHERE expires_at_ms <= ?').run(nowMs);
    this.db
      .prepare('INSERT INTO practice_sessions (id_hash, created_at_ms, expires_at_ms) VALUES (?, ?, ?)')
      .run(idHash, nowMs, expiresAtMs);
    return { idHash, learnerId: null, trainer: false, activation: null, createdAtMs: nowMs, expiresAtMs };
  }

  getSession(idHash: Buffer, nowMs: number): SessionRow | undefined {
    const row = this.db
      .prepare(
        'SELECT id_hash, learner_id, trainer, activation, created_at_ms, expires_at_ms FROM practice_sessions WHERE id_hash = ? AND expires_at_ms > ?',
      )
      .get(idHash, nowMs) as
      | {
          id_hash: Buffer;
          learner_id: number | null;
          trainer: number;
          activation: string | null;
          created_at_ms: number;
          expires_at_ms: number;
        }
      | undefined;
    if (!row) return undefined;
    return {
      idHash: row.id_hash,
      learnerId: row.learner_id,
      trainer: row.trainer === 1,
      activation: row.activation,
      createdAtMs: row.created_at_ms,
      expiresAtMs: row.expires_at_ms,
    };
  }

  updateSession(
    idHash: Buffer,
    change: { learnerId?: number | null; trainer?: boolean; activation?: string | null; expiresAtMs?: number },
  ): void {
    const sets: string[] = [];
    const values: unknown[] = [];
    if (change.learnerId !== undefined) sets.push('learner_id = ?'), values.push(change.learnerId);
    if (change.trainer !== undefined) sets.push('trainer = ?'), values.push(change.trainer ? 1 : 0);
    if (change.activation !== undefined) sets.push('activation = ?'), values.push(change.activation);
    if (change.expiresAtMs !== undefined) sets.push('expires_at_ms = ?'), values.push(change.expiresAtMs);
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE practice_sessions SET ${sets.join(', ')} WHERE id_hash = ?`).run(...values, idHash);
  }

  // Tokens ---------------------------------------------------------------------------------------------

  addToken(token: PracticeToken): void {
    this.db
      .prepare(
        'INSERT INTO practice_tokens (serial, store_user, kind, source, created_at_ms) VALUES (@serial, @storeUser, @kind, @source, @createdAtMs)',
      )
      .run(token);
  }

  getToken(serial: string): PracticeToken | undefined {
    const row = this.db
      .prepare(
        'SELECT serial, store_user AS storeUser, kind, source, created_at_ms AS createdAtMs FROM practice_tokens WHERE serial = ?',
      )
      .get(serial) as PracticeToken | undefined;
    return row;
  }

  listTokens(): PracticeToken[] {
    return this.db
      .prepare(
        'SELECT serial, store_user AS storeUser, kind, source, created_at_ms AS createdAtMs FROM practice_tokens ORDER BY created_at_ms, serial',
      )
      .all() as PracticeToken[];
  }

  removeToken(serial: string): boolean {
    return this.db.prepare('DELETE FROM practice_tokens WHERE serial = ?').run(serial).changes > 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
