import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, SqliteTokenStore } from '../../src/store/index';

/**
 * Store files for CLI tests (token tests and the bad-input table), each in its own temp directory.
 * The directories are left to the OS's temp cleaning: they are tiny and tests run in parallel forks.
 */
export function tempStorePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'tokenkit-cli-store-')), 'tokenkit.db');
}

/** A store holding one TOTP token per user, secret 20 bytes of 0x41 ('AAAA...' isn't Base32-looking, on purpose). */
export function storeWithUsers(...users: string[]): string {
  const path = tempStorePath();
  const store = new SqliteTokenStore({ path });
  for (const user of users) {
    store.add({
      user,
      kind: 'totp',
      secret: new Uint8Array(20).fill(0x41),
      algorithm: 'sha1',
      digits: 6,
      periodSec: 30,
      t0Sec: 0,
    });
  }
  store.close();
  return path;
}

export function corruptStore(): string {
  const path = tempStorePath();
  writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) & 0xff)));
  return path;
}

export function newerSchemaStore(): string {
  const path = storeWithUsers('alice');
  const raw = new Database(path);
  raw.pragma(`user_version = ${SCHEMA_VERSION + 97}`);
  raw.close();
  return path;
}

export function foreignStore(): string {
  const path = tempStorePath();
  const raw = new Database(path);
  raw.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
  raw.close();
  return path;
}

/** A store path whose parent is a regular file: unwritable even for root. */
export function storeUnderFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-cli-store-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a directory\n');
  return join(file, 'tokenkit.db');
}
