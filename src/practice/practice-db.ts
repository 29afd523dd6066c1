import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { requireLazily } from '../native-module';

const loadSqlite = requireLazily<typeof Database>('better-sqlite3');

import { DEFAULT_BUSY_TIMEOUT_MS, migrate, translateStoreError } from '../store/index';
import { FACE_KINDS, type FaceKind } from '../terminal/index';

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

/** A practice token is one of the two faces (the terminal simulator's kinds). */
export type PracticeTokenKind = FaceKind;
export const PRACTICE_TOKEN_KINDS: readonly PracticeTokenKind[] = FACE_KINDS;

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

export interface Learner {
  id: number;
  /** Where the learner sits ("Bord 4"), so the trainer can find them; may be ''. */
  seat: string;
  /** As typed (NFC); unique with case ignored. */
  userId: string;
  /** scrypt salt and hash (see passwords.ts); null until the password step. */
  passwordHash: Buffer | null;
  tokenSerial: string | null;
  activatedAtMs: number | null;
  lastLoginAtMs: number | null;
  /** Wrong token codes in total (login and activation), for the console. */
  failedTries: number;
  /** Times the token was blocked by the 3rd wrong code. */
  blocks: number;
  /** The learner's next login request is a fraud drill. */
  fraudDrill: boolean;
  createdAtMs: number;
}

export interface ActivationLetter {
  number: number;
  /** The activation code as printed (groups of four). */
  code: string;
  wrongTries: number;
  blockedAtMs: number | null;
  usedBy: number | null;
  usedAtMs: number | null;
  createdAtMs: number;
}

export type LoginStep = 'userId' | 'code' | 'password' | 'approve' | 'done';
/** approved / cancelled: the learner's answer to the approve step; aborted: stopped before it (or blocked). */
export type LoginOutcome = 'approved' | 'cancelled' | 'aborted';

export interface LoginRequest {
  id: string;
  sessionHash: Buffer;
  service: string;
  learnerId: number | null;
  step: LoginStep;
  fraud: boolean;
  outcome: LoginOutcome | null;
  createdAtMs: number;
  expiresAtMs: number;
}

const LEARNER_COLUMNS =
  'id, seat, user_id AS userId, password_hash AS passwordHash, token_serial AS tokenSerial, activated_at_ms AS activatedAtMs, ' +
  'last_login_at_ms AS lastLoginAtMs, failed_tries AS failedTries, blocks, fraud_drill AS fraudDrill, created_at_ms AS createdAtMs';

function toLearner(row: Record<string, unknown> | undefined): Learner | undefined {
  if (!row) return undefined;
  return { ...(row as unknown as Learner), fraudDrill: row.fraudDrill === 1 };
}

const LETTER_COLUMNS =
  'number, code, wrong_tries AS wrongTries, blocked_at_ms AS blockedAtMs, used_by AS usedBy, used_at_ms AS usedAtMs, created_at_ms AS createdAtMs';

const REQUEST_COLUMNS =
  'id, session_hash AS sessionHash, service, learner_id AS learnerId, step, fraud, outcome, created_at_ms AS createdAtMs, expires_at_ms AS expiresAtMs';

function toRequest(row: Record<string, unknown> | undefined): LoginRequest | undefined {
  if (!row) return undefined;
  return { ...(row as unknown as LoginRequest), fraud: row.fraud === 1 };
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
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    try {
      this.db = new (loadSqlite())(path, { timeout: DEFAULT_BUSY_TIMEOUT_MS });
      if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
      this.db.pragma('foreign_keys = ON');
      // NORMAL, not FULL: this connection writes only practice rows (sessions, login steps, events,
      // progress). In WAL mode NORMAL still survives a process crash; a power cut may lose the last
      // commits, which costs a learner a step, not a security property. The verifier's state (replay
      // protection) is written by TokenStore on its own connection, which stays at FULL: synchronous is
      // per connection, so this does not weaken it (tests/practice/perf-settings.test.ts checks both).
      this.db.pragma('synchronous = NORMAL');
      migrate(this.db, path);
    } catch (error) {
      throw translateStoreError(error, path);
    }
  }

  /**
   * A prepared statement for `text`, prepared once per connection: preparing one costs more than running
   * it (a page asks for its session, learner and login request each time; bench/practice.ts).
   */
  sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Runs `fn` in one IMMEDIATE transaction (the write lock first, so read-decide-write cannot race). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  settings(): PracticeSettings {
    const rows = this.sql('SELECT name, value FROM practice_settings').all() as {
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
    const put = this.sql(
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
      const row = this.sql('SELECT value FROM practice_settings WHERE name = ?').get(name) as
        | { value: string }
        | undefined;
      if (row) return row.value;
      const value = create();
      this.sql('INSERT INTO practice_settings (name, value) VALUES (?, ?)').run(name, value);
      return value;
    });
  }

  // Sessions -------------------------------------------------------------------------------------------

  createSession(idHash: Buffer, nowMs: number, expiresAtMs: number): SessionRow {
    this.sql('DELETE FROM practice_sessions WHERE expires_at_ms <= ?').run(nowMs);
    this.sql('INSERT INTO practice_sessions (id_hash, created_at_ms, expires_at_ms) VALUES (?, ?, ?)').run(
      idHash,
      nowMs,
      expiresAtMs,
    );
    return { idHash, learnerId: null, trainer: false, activation: null, createdAtMs: nowMs, expiresAtMs };
  }

  getSession(idHash: Buffer, nowMs: number): SessionRow | undefined {
    const row = this.sql(
      'SELECT id_hash, learner_id, trainer, activation, created_at_ms, expires_at_ms FROM practice_sessions WHERE id_hash = ? AND expires_at_ms > ?',
    ).get(idHash, nowMs) as
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

  deleteSession(idHash: Buffer): void {
    this.sql('DELETE FROM practice_sessions WHERE id_hash = ?').run(idHash);
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
    this.sql(`UPDATE practice_sessions SET ${sets.join(', ')} WHERE id_hash = ?`).run(...values, idHash);
  }

  // Tokens ---------------------------------------------------------------------------------------------

  addToken(token: PracticeToken): void {
    this.sql(
      'INSERT INTO practice_tokens (serial, store_user, kind, source, created_at_ms) VALUES (@serial, @storeUser, @kind, @source, @createdAtMs)',
    ).run(token);
  }

  getToken(serial: string): PracticeToken | undefined {
    const row = this.sql(
      'SELECT serial, store_user AS storeUser, kind, source, created_at_ms AS createdAtMs FROM practice_tokens WHERE serial = ?',
    ).get(serial) as PracticeToken | undefined;
    return row;
  }

  listTokens(): PracticeToken[] {
    return this.sql(
      'SELECT serial, store_user AS storeUser, kind, source, created_at_ms AS createdAtMs FROM practice_tokens ORDER BY created_at_ms, serial',
    ).all() as PracticeToken[];
  }

  removeToken(serial: string): boolean {
    return this.sql('DELETE FROM practice_tokens WHERE serial = ?').run(serial).changes > 0;
  }

  // Learners -------------------------------------------------------------------------------------------

  /** Adds a learner; null when the folded user ID is taken (checked and inserted under one lock). */
  createLearner(learner: { seat: string; userId: string; folded: string; nowMs: number }): Learner | null {
    return this.tx(() => {
      if (this.sql('SELECT 1 FROM practice_learners WHERE user_id_folded = ?').get(learner.folded)) return null;
      const info = this.sql(
        'INSERT INTO practice_learners (seat, user_id, user_id_folded, created_at_ms) VALUES (?, ?, ?, ?)',
      ).run(learner.seat, learner.userId, learner.folded, Math.floor(learner.nowMs));
      return this.getLearner(Number(info.lastInsertRowid))!;
    });
  }

  isUserIdTaken(folded: string): boolean {
    return this.sql('SELECT 1 FROM practice_learners WHERE user_id_folded = ?').get(folded) !== undefined;
  }

  getLearner(id: number): Learner | undefined {
    return toLearner(this.sql(`SELECT ${LEARNER_COLUMNS} FROM practice_learners WHERE id = ?`).get(id) as never);
  }

  findLearner(folded: string): Learner | undefined {
    return toLearner(
      this.sql(`SELECT ${LEARNER_COLUMNS} FROM practice_learners WHERE user_id_folded = ?`).get(folded) as never,
    );
  }

  learnerByToken(serial: string): Learner | undefined {
    return toLearner(
      this.sql(`SELECT ${LEARNER_COLUMNS} FROM practice_learners WHERE token_serial = ?`).get(serial) as never,
    );
  }

  listLearners(): Learner[] {
    return (this.sql(`SELECT ${LEARNER_COLUMNS} FROM practice_learners ORDER BY seat, id`).all() as never[]).map(
      (r) => toLearner(r)!,
    );
  }

  setPassword(id: number, hash: Buffer): void {
    this.sql('UPDATE practice_learners SET password_hash = ? WHERE id = ?').run(hash, id);
  }

  /**
   * Gives the learner the token and uses up the letter, in one transaction. False (nothing changed)
   * when the learner already has a token, the token is someone else's, or the letter was used meanwhile.
   */
  activate(id: number, serial: string, letter: number, nowMs: number): boolean {
    return this.tx(() => {
      const learner = this.getLearner(id);
      if (!learner || learner.tokenSerial !== null) return false;
      if (this.learnerByToken(serial)) return false;
      const used = this.sql(
        'UPDATE practice_letters SET used_by = ?, used_at_ms = ? WHERE number = ? AND used_by IS NULL AND blocked_at_ms IS NULL',
      ).run(id, Math.floor(nowMs), letter);
      if (used.changes !== 1) return false;
      this.sql('UPDATE practice_learners SET token_serial = ?, activated_at_ms = ? WHERE id = ?').run(
        serial,
        Math.floor(nowMs),
        id,
      );
      return true;
    });
  }

  /** Counts a wrong token code for the console (and a block when this one blocked the token). */
  countWrongCode(id: number, blocked: boolean): void {
    this.sql('UPDATE practice_learners SET failed_tries = failed_tries + 1, blocks = blocks + ? WHERE id = ?').run(
      blocked ? 1 : 0,
      id,
    );
  }

  markLogin(id: number, nowMs: number): void {
    this.sql('UPDATE practice_learners SET last_login_at_ms = ? WHERE id = ?').run(Math.floor(nowMs), id);
  }

  /** Arms (or disarms) the fraud drill for one learner, or for all when `id` is null. Returns how many. */
  setFraudDrill(id: number | null, on: boolean): number {
    const flag = on ? 1 : 0;
    return id === null
      ? this.sql('UPDATE practice_learners SET fraud_drill = ?').run(flag).changes
      : this.sql('UPDATE practice_learners SET fraud_drill = ? WHERE id = ?').run(flag, id).changes;
  }

  /** Removes a learner: their sessions forget them, their login requests go, their token is free again. */
  deleteLearner(id: number): boolean {
    return this.sql('DELETE FROM practice_learners WHERE id = ?').run(id).changes > 0;
  }

  /** A new class: no learners, letters, login requests or events; learner sessions are ended. Tokens stay. */
  resetClass(): void {
    this.tx(() => {
      this.db.exec(`
        DELETE FROM practice_login_requests;
        DELETE FROM practice_sessions WHERE trainer = 0;
        UPDATE practice_sessions SET learner_id = NULL, activation = NULL;
        DELETE FROM practice_letters;
        DELETE FROM practice_events;
        DELETE FROM practice_learners;
      `);
    });
  }

  // Activation letters ---------------------------------------------------------------------------------

  createLetters(codes: readonly string[], nowMs: number): ActivationLetter[] {
    return this.tx(() => {
      const insert = this.sql('INSERT INTO practice_letters (code, created_at_ms) VALUES (?, ?)');
      const numbers = codes.map((code) => Number(insert.run(code, Math.floor(nowMs)).lastInsertRowid));
      return numbers.map((n) => this.getLetter(n)!);
    });
  }

  getLetter(number: number): ActivationLetter | undefined {
    return this.sql(`SELECT ${LETTER_COLUMNS} FROM practice_letters WHERE number = ?`).get(number) as
      | ActivationLetter
      | undefined;
  }

  listLetters(): ActivationLetter[] {
    return this.sql(`SELECT ${LETTER_COLUMNS} FROM practice_letters ORDER BY number`).all() as ActivationLetter[];
  }

  /** Counts a wrong activation code on a letter; the `maxTries`-th blocks it. Returns the letter after. */
  letterWrong(number: number, maxTries: number, nowMs: number): ActivationLetter | undefined {
    return this.tx(() => {
      this.sql(
        'UPDATE practice_letters SET wrong_tries = wrong_tries + 1, ' +
          'blocked_at_ms = CASE WHEN wrong_tries + 1 >= ? THEN ? ELSE blocked_at_ms END WHERE number = ? AND blocked_at_ms IS NULL',
      ).run(maxTries, Math.floor(nowMs), number);
      return this.getLetter(number);
    });
  }

  // Login requests -------------------------------------------------------------------------------------

  createLoginRequest(request: Omit<LoginRequest, 'learnerId' | 'step' | 'fraud' | 'outcome'>): LoginRequest {
    this.sql(
      'INSERT INTO practice_login_requests (id, session_hash, service, step, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(request.id, request.sessionHash, request.service, 'userId', request.createdAtMs, request.expiresAtMs);
    return this.getLoginRequest(request.id)!;
  }

  getLoginRequest(id: string): LoginRequest | undefined {
    return toRequest(this.sql(`SELECT ${REQUEST_COLUMNS} FROM practice_login_requests WHERE id = ?`).get(id) as never);
  }

  updateLoginRequest(
    id: string,
    change: Partial<Pick<LoginRequest, 'learnerId' | 'step' | 'fraud' | 'outcome' | 'expiresAtMs'>>,
  ): void {
    const columns: Record<string, string> = {
      learnerId: 'learner_id',
      step: 'step',
      fraud: 'fraud',
      outcome: 'outcome',
      expiresAtMs: 'expires_at_ms',
    };
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) continue;
      sets.push(`${columns[key]} = ?`);
      values.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
    }
    if (sets.length === 0) return;
    this.sql(`UPDATE practice_login_requests SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
