import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { requireLazily } from '../native-module';

const loadSqlite = requireLazily<typeof Database>('better-sqlite3');

import { type Clock, SystemClock } from '../clock';
import type { OtpAlgorithm } from '../otp/index';
import { StoreError } from './errors';
import { MIGRATIONS, SCHEMA_VERSION, TOKENKIT_APPLICATION_ID } from './schema';
import {
  initialState,
  type NewToken,
  type TokenKind,
  type TokenRecord,
  type TokenState,
  type TokenStore,
  type TokenUpdate,
  validateNewToken,
  validateUser,
} from './types';

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface SqliteTokenStoreOptions {
  /** The database file, or ':memory:'. Created (mode 0600, directory 0700) when missing. */
  path: string;
  /** Source of created/updated timestamps. */
  clock?: Clock;
  /** How long a write waits for another process's write lock before StoreError{kind:'busy'}. */
  busyTimeoutMs?: number;
  /**
   * FULL (default) syncs the WAL on every commit, so an accepted step survives power loss as well as a
   * process crash; NORMAL survives a process crash only (it syncs at checkpoints). Replay protection is a
   * security property, so the default pays the fsync. NORMAL exists for the benchmark's comparison.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

interface TokenRow {
  user: string;
  kind: string;
  secret: Buffer;
  algorithm: string;
  digits: number;
  period_sec: number;
  t0_sec: number;
  counter: number;
  last_step: number | null;
  drift_steps: number;
  failure_count: number;
  locked_until_ms: number | null;
  created_at_ms: number;
  updated_at_ms: number;
  issuer?: string | null;
  last_used_at_ms?: number | null;
}

function toRecord(row: TokenRow): TokenRecord {
  return {
    user: row.user,
    kind: row.kind as TokenKind,
    secret: new Uint8Array(row.secret),
    algorithm: row.algorithm as OtpAlgorithm,
    digits: row.digits,
    periodSec: row.period_sec,
    t0Sec: row.t0_sec,
    counter: row.counter,
    lastStep: row.last_step,
    driftSteps: row.drift_steps,
    failureCount: row.failure_count,
    lockedUntilMs: row.locked_until_ms,
    lastUsedAtMs: row.last_used_at_ms ?? null,
    issuer: row.issuer ?? null,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
  };
}

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns SQLite's and the file system's errors into StoreError kinds; anything else passes through. */
export function translateStoreError(error: unknown, path: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): unknown {
  if (error instanceof StoreError) return error;
  const code = errnoCode(error);
  if (code === undefined) return error;
  const cause = { cause: error };
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('corrupt', 'store.error.corrupt', { path, detail: code }, cause);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('busy', 'store.error.busy', { path, timeoutMs: busyTimeoutMs }, cause);
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_AUTH' ||
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENOENT', 'ENOSPC', 'EEXIST', 'ELOOP', 'ENAMETOOLONG'].includes(
      code,
    )
  ) {
    return new StoreError('unwritable', 'store.error.unwritable', { path, detail: code }, cause);
  }
  return error;
}

/**
 * Creates the missing directories of `dir` one by one with mode 0700 (set explicitly: the umask must not
 * widen it). Not `mkdirSync(..., { recursive: true })`: on Node 20 that never returns for a path under
 * /proc (mkdir gives ENOENT while the parent exists, and it retries forever).
 */
function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let current = dir; ; ) {
    let isDir: boolean;
    try {
      isDir = statSync(current).isDirectory();
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
      missing.push(current);
      const parent = dirname(current);
      if (parent === current) throw error;
      current = parent;
      continue;
    }
    if (!isDir) throw Object.assign(new Error(`${current} is not a directory`), { code: 'ENOTDIR' });
    break;
  }
  for (const created of missing.reverse()) {
    try {
      mkdirSync(created, { mode: 0o700 });
    } catch (error) {
      // Another process may have made it meanwhile; anything else (ENOENT under /proc, EACCES) is fatal.
      if (errnoCode(error) === 'EEXIST' && statSync(created).isDirectory()) continue;
      throw error;
    }
    chmodSync(created, 0o700);
  }
}

/**
 * Creates the file if needed (0600, independent of the umask) and opens it WITHOUT following a final
 * symlink: a dangling link would otherwise make tokenkit create its target wherever it points. Returns the
 * open fd; the caller sets the mode through it (fchmod, never by path) once the file is known to be a
 * tokenkit store, then closes it, so a wrong --store never changes someone else's file.
 */
function prepareFile(path: string): number {
  try {
    ensureDir(dirname(path));
  } catch (error) {
    throw new StoreError(
      'unwritable',
      'store.error.unwritable',
      { path, detail: errnoCode(error) ?? 'mkdir' },
      { cause: error },
    );
  }
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new StoreError('unwritable', 'store.error.unwritable', { path, detail: 'ENOTREG' });
    }
    return fd;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if (error instanceof StoreError) throw error;
    if (errnoCode(error) === 'ELOOP')
      throw new StoreError('unwritable', 'store.error.symlink', { path }, { cause: error });
    throw new StoreError(
      'unwritable',
      'store.error.unwritable',
      { path, detail: errnoCode(error) ?? 'open' },
      { cause: error },
    );
  }
}

/**
 * Reads only: throws StoreError foreign (an SQLite file of something else), newerSchema, or corrupt (via
 * SQLite's NOTADB) and returns the schema version. Runs before anything is written to the file.
 */
function checkIdentity(db: Database.Database, path: string): number {
  const start = db.pragma('user_version', { simple: true }) as number;
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId !== TOKENKIT_APPLICATION_ID) {
    const tables = (
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }
    ).n;
    if (start !== 0 || tables > 0 || applicationId !== 0)
      throw new StoreError('foreign', 'store.error.foreign', { path });
  }
  if (start > SCHEMA_VERSION) {
    throw new StoreError('newerSchema', 'store.error.newerSchema', { path, version: start, supported: SCHEMA_VERSION });
  }
  return start;
}

/** Runs the pending migrations, each in its own IMMEDIATE transaction; refuses foreign and newer files. */
export function migrate(db: Database.Database, path: string, targetVersion = SCHEMA_VERSION): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const start = checkIdentity(db, path);
  for (const migration of MIGRATIONS) {
    if (migration.version > targetVersion) break;
    if (migration.version <= start) continue;
    db.transaction(() => {
      // Re-read under the write lock: another process may have migrated meanwhile.
      if (version() >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      db.pragma(`application_id = ${TOKENKIT_APPLICATION_ID}`);
    }).immediate();
  }
}

const COLUMNS =
  'user, kind, secret, algorithm, digits, period_sec, t0_sec, counter, last_step, drift_steps, failure_count, ' +
  'locked_until_ms, created_at_ms, updated_at_ms, issuer, last_used_at_ms';

/** The token store in an SQLite file (better-sqlite3, WAL). See `TokenStore` for the contract. */
export class SqliteTokenStore implements TokenStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly busyTimeoutMs: number;
  private closed = false;
  private readonly stmts: {
    get: Database.Statement<[string], TokenRow>;
    list: Database.Statement<[], TokenRow>;
    insert: Database.Statement;
    remove: Database.Statement<[string]>;
    updateState: Database.Statement;
  };

  constructor(options: SqliteTokenStoreOptions) {
    this.path = options.path;
    this.clock = options.clock ?? new SystemClock();
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const path = this.path;
    const fd = path !== ':memory:' ? prepareFile(path) : undefined;
    let db: Database.Database | undefined;
    try {
      db = new (loadSqlite())(path, { timeout: this.busyTimeoutMs });
      // Identify the file before changing anything (mode, journal mode): a foreign or damaged file is left as found.
      checkIdentity(db, path);
      if (fd !== undefined) tightenMode(fd, path);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      migrate(db, path);
      this.stmts = prepareStatements(db);
    } catch (error) {
      db?.close();
      throw translateOpenError(error, path, this.busyTimeoutMs);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    this.db = db;
    if (path !== ':memory:') tightenSidecars(path);
  }

  /** The schema version of the open file (PRAGMA user_version). */
  schemaVersion(): number {
    return this.guard(() => this.db.pragma('user_version', { simple: true }) as number);
  }

  /** PRAGMA integrity_check: 'ok', or SQLite's list of problems. */
  integrityCheck(): string[] {
    return this.guard(() =>
      (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
    );
  }

  add(token: NewToken): TokenRecord {
    validateNewToken(token);
    const nowMs = this.clock.nowMs();
    const state = initialState(token);
    return this.guard(() => {
      try {
        this.stmts.insert.run({
          user: token.user,
          kind: token.kind,
          secret: Buffer.from(token.secret),
          algorithm: token.algorithm,
          digits: token.digits,
          period_sec: token.periodSec,
          t0_sec: token.t0Sec,
          counter: state.counter,
          last_step: state.lastStep,
          drift_steps: state.driftSteps,
          failure_count: state.failureCount,
          locked_until_ms: state.lockedUntilMs,
          created_at_ms: Math.floor(nowMs),
          updated_at_ms: Math.floor(nowMs),
          issuer: token.issuer ?? null,
          last_used_at_ms: null,
        });
      } catch (error) {
        if (errnoCode(error)?.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')) {
          throw new StoreError('duplicate', 'store.error.duplicate', { user: token.user }, { cause: error });
        }
        throw error;
      }
      return toRecord(this.stmts.get.get(token.user)!);
    });
  }

  get(user: string): TokenRecord | undefined {
    validateUser(user);
    return this.guard(() => {
      const row = this.stmts.get.get(user);
      return row ? toRecord(row) : undefined;
    });
  }

  list(): TokenRecord[] {
    return this.guard(() => this.stmts.list.all().map(toRecord));
  }

  remove(user: string): boolean {
    validateUser(user);
    return this.guard(() => this.stmts.remove.run(user).changes > 0);
  }

  update<T>(user: string, decide: (token: TokenRecord) => TokenUpdate<T>): T {
    validateUser(user);
    const tx = this.db.transaction((): T => {
      const row = this.stmts.get.get(user);
      if (!row) throw new StoreError('notFound', 'store.error.notFound', { user });
      const current = toRecord(row);
      const { state, result } = decide(current);
      if (state) {
        const next: TokenState = { ...current, ...state };
        this.stmts.updateState.run({
          user,
          counter: next.counter,
          last_step: next.lastStep,
          drift_steps: next.driftSteps,
          failure_count: next.failureCount,
          locked_until_ms: next.lockedUntilMs,
          last_used_at_ms: next.lastUsedAtMs,
          updated_at_ms: Math.floor(this.clock.nowMs()),
        });
      }
      return result;
    });
    // IMMEDIATE takes the write lock before the read, so no other process can accept the same step in between.
    return this.guard(() => tx.immediate());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private guard<T>(fn: () => T): T {
    if (this.closed) throw new StoreError('closed', 'store.error.closed');
    try {
      return fn();
    } catch (error) {
      throw translateStoreError(error, this.path, this.busyTimeoutMs);
    }
  }
}

function prepareStatements(db: Database.Database): SqliteTokenStore['stmts'] {
  return {
    get: db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE user = ?`),
    list: db.prepare(`SELECT ${COLUMNS} FROM tokens ORDER BY user`),
    insert: db.prepare(
      `INSERT INTO tokens (${COLUMNS}) VALUES (@user, @kind, @secret, @algorithm, @digits, @period_sec, @t0_sec, @counter, ` +
        '@last_step, @drift_steps, @failure_count, @locked_until_ms, @created_at_ms, @updated_at_ms, @issuer, @last_used_at_ms)',
    ),
    remove: db.prepare('DELETE FROM tokens WHERE user = ?'),
    updateState: db.prepare(
      'UPDATE tokens SET counter = @counter, last_step = @last_step, drift_steps = @drift_steps, failure_count = @failure_count, ' +
        'locked_until_ms = @locked_until_ms, last_used_at_ms = @last_used_at_ms, updated_at_ms = @updated_at_ms WHERE user = @user',
    ),
  };
}

/**
 * Errors while opening: as translateStoreError, plus SQLITE_ERROR (our statements do not compile: a
 * table or column is missing), which on a file that claims to be a tokenkit store means it is damaged.
 */
function translateOpenError(error: unknown, path: string, busyTimeoutMs: number): unknown {
  if (errnoCode(error) === 'SQLITE_ERROR') {
    return new StoreError('corrupt', 'store.error.corrupt', { path, detail: 'SQLITE_ERROR' }, { cause: error });
  }
  return translateStoreError(error, path, busyTimeoutMs);
}

/**
 * The store file to 0600 once it is known to be ours (SQLite then creates -wal/-shm with that mode): set
 * through the fd opened without following links, after checking that SQLite opened that same file (the
 * path was not swapped for another file or a link in between).
 */
function tightenMode(fd: number, path: string): void {
  try {
    const opened = fstatSync(fd);
    const now = lstatSync(path);
    if (now.isSymbolicLink()) throw new StoreError('unwritable', 'store.error.symlink', { path });
    if (now.ino !== opened.ino || now.dev !== opened.dev) {
      throw new StoreError('unwritable', 'store.error.unwritable', { path, detail: 'replaced while opening' });
    }
    if ((opened.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      'unwritable',
      'store.error.unwritable',
      { path, detail: errnoCode(error) ?? 'chmod' },
      { cause: error },
    );
  }
}

/** SQLite creates -wal/-shm with the database's mode; tighten them anyway in case the file predates us. */
function tightenSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm']) {
    const file = `${path}${suffix}`;
    try {
      if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch {
      // Not ours to fix (another owner): SQLite still works; the main file's mode is what matters most.
    }
  }
}
