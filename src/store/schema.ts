import type Database from 'better-sqlite3';

/** Written into the file header so tokenkit recognises its own stores ('TkKt'). */
export const TOKENKIT_APPLICATION_ID = 0x546b4b74;

export interface Migration {
  /** The schema version after this migration runs (PRAGMA user_version). */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/**
 * Schema history. Append only: a released migration never changes; a new one gets the next version.
 * Each runs in its own write transaction together with the user_version bump, so a crash mid-migration
 * leaves the previous version intact.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'tokens with their verification state',
    up(db) {
      db.exec(`
        CREATE TABLE tokens (
          user            TEXT    PRIMARY KEY NOT NULL,
          kind            TEXT    NOT NULL CHECK (kind IN ('totp', 'hotp')),
          secret          BLOB    NOT NULL CHECK (length(secret) > 0),
          algorithm       TEXT    NOT NULL CHECK (algorithm IN ('sha1', 'sha256', 'sha512')),
          digits          INTEGER NOT NULL CHECK (digits BETWEEN 6 AND 10),
          period_sec      INTEGER NOT NULL CHECK (period_sec BETWEEN 1 AND 3600),
          t0_sec          INTEGER NOT NULL DEFAULT 0,
          counter         INTEGER NOT NULL DEFAULT 0 CHECK (counter >= 0),
          last_step       INTEGER,
          drift_steps     INTEGER NOT NULL DEFAULT 0,
          failure_count   INTEGER NOT NULL DEFAULT 0 CHECK (failure_count >= 0),
          locked_until_ms INTEGER,
          created_at_ms   INTEGER NOT NULL,
          updated_at_ms   INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    description: 'issuer (from otpauth URIs) and time of the last accepted code',
    up(db) {
      db.exec(`
        ALTER TABLE tokens ADD COLUMN issuer TEXT;
        ALTER TABLE tokens ADD COLUMN last_used_at_ms INTEGER;
      `);
    },
  },
  {
    version: 3,
    description: 'practice site (tokenkit practice): tokens, learners, sessions, letters, login requests, events',
    up(db) {
      // Owned by src/practice/ (its practice-db.ts holds the queries). Practice tokens point at rows of
      // `tokens` by user name, without a foreign key: the CLI may remove a token while the site runs.
      db.exec(`
        CREATE TABLE practice_settings (
          name  TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE practice_tokens (
          serial        TEXT PRIMARY KEY NOT NULL,
          store_user    TEXT NOT NULL UNIQUE,
          kind          TEXT NOT NULL CHECK (kind IN ('code-display', 'audio-code-reader')),
          source        TEXT NOT NULL,
          created_at_ms INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE practice_learners (
          id               INTEGER PRIMARY KEY,
          seat             TEXT NOT NULL DEFAULT '',
          user_id          TEXT NOT NULL,
          user_id_folded   TEXT NOT NULL UNIQUE,
          password_hash    BLOB,
          token_serial     TEXT UNIQUE REFERENCES practice_tokens (serial) ON DELETE SET NULL,
          activated_at_ms  INTEGER,
          last_login_at_ms INTEGER,
          failed_tries     INTEGER NOT NULL DEFAULT 0,
          blocks           INTEGER NOT NULL DEFAULT 0,
          fraud_drill      INTEGER NOT NULL DEFAULT 0,
          created_at_ms    INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE practice_sessions (
          id_hash       BLOB PRIMARY KEY NOT NULL,
          learner_id    INTEGER REFERENCES practice_learners (id) ON DELETE SET NULL,
          trainer       INTEGER NOT NULL DEFAULT 0,
          activation    TEXT,
          created_at_ms INTEGER NOT NULL,
          expires_at_ms INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX practice_sessions_expiry ON practice_sessions (expires_at_ms);
        CREATE TABLE practice_letters (
          number        INTEGER PRIMARY KEY,
          code          TEXT NOT NULL,
          wrong_tries   INTEGER NOT NULL DEFAULT 0,
          blocked_at_ms INTEGER,
          used_by       INTEGER REFERENCES practice_learners (id) ON DELETE SET NULL,
          used_at_ms    INTEGER,
          created_at_ms INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE practice_login_requests (
          id            TEXT PRIMARY KEY NOT NULL,
          session_hash  BLOB NOT NULL,
          service       TEXT NOT NULL,
          learner_id    INTEGER REFERENCES practice_learners (id) ON DELETE CASCADE,
          step          TEXT NOT NULL CHECK (step IN ('userId', 'code', 'password', 'approve', 'done')),
          fraud         INTEGER NOT NULL DEFAULT 0,
          outcome       TEXT,
          created_at_ms INTEGER NOT NULL,
          expires_at_ms INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE practice_events (
          id         INTEGER PRIMARY KEY,
          at_ms      INTEGER NOT NULL,
          learner_id INTEGER REFERENCES practice_learners (id) ON DELETE CASCADE,
          kind       TEXT NOT NULL,
          detail     TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
