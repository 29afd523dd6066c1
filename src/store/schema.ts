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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
