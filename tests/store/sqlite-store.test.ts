import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import {
  MemoryTokenStore,
  migrate,
  type NewToken,
  resolveStorePath,
  SCHEMA_VERSION,
  SqliteTokenStore,
  StoreError,
  TOKENKIT_APPLICATION_ID,
} from '../../src/store/index';
import { createStoreTests } from './store-contract';

const root = mkdtempSync(join(tmpdir(), 'tokenkit-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshPath = (name = 'tokenkit.db') => join(root, `case-${++n}`, name);

createStoreTests('MemoryTokenStore', (clock) => new MemoryTokenStore(clock));
createStoreTests('SqliteTokenStore (file)', (clock) => new SqliteTokenStore({ path: freshPath(), clock }));

const token = (user: string): NewToken => ({
  user,
  kind: 'totp',
  secret: Uint8Array.from({ length: 20 }, (_, i) => 255 - i),
  algorithm: 'sha256',
  digits: 8,
  periodSec: 60,
  t0Sec: 10,
});

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw new Error(`expected a StoreError, got ${String(error)}`);
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

describe('SqliteTokenStore on disk', () => {
  let savedUmask: number;
  beforeEach(() => {
    // The modes must not depend on the caller's umask: run with the most permissive one.
    savedUmask = process.umask(0);
  });
  afterEach(() => {
    process.umask(savedUmask);
  });

  it('creates missing directories 0700 and the file, -wal and -shm 0600 (umask 0)', () => {
    const path = join(root, `modes-${++n}`, 'a', 'b', 'tokenkit.db');
    const store = new SqliteTokenStore({ path });
    store.add(token('alice'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-shm`).mode & 0o777).toBe(0o600);
    for (const dir of [join(path, '..'), join(path, '..', '..'), join(path, '..', '..', '..')]) {
      expect(statSync(dir).mode & 0o777, dir).toBe(0o700);
    }
    store.close();
  });

  it('does not follow a dangling symlink: refused with one line, its target never created (issue 10 item 6)', () => {
    const dir = join(root, `link-${++n}`);
    mkdirSync(dir);
    const target = join(dir, 'planted-elsewhere.db');
    const path = join(dir, 'tokenkit.db');
    symlinkSync(target, path);
    const error = storeError(() => new SqliteTokenStore({ path }));
    expect(error.kind).toBe('unwritable');
    expect(error.localized('en')).toMatch(/is a symbolic link, which tokenkit does not follow/);
    expect(error.localized('da')).toMatch(/er et symbolsk link/);
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });

  it('does not follow a symlink to an existing store either: the target keeps its mode and contents', () => {
    const dir = join(root, `link-${++n}`);
    mkdirSync(dir);
    const real = join(dir, 'real.db');
    new SqliteTokenStore({ path: real }).close();
    chmodSync(real, 0o644);
    const before = readFileSync(real);
    const path = join(dir, 'tokenkit.db');
    symlinkSync(real, path);
    expect(storeError(() => new SqliteTokenStore({ path })).kind).toBe('unwritable');
    expect(statSync(real).mode & 0o777).toBe(0o644);
    expect(readFileSync(real).equals(before)).toBe(true);
  });

  it('tightens an existing store file that is readable by others', () => {
    const path = freshPath();
    new SqliteTokenStore({ path }).close();
    chmodSync(path, 0o644);
    const store = new SqliteTokenStore({ path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    store.close();
  });

  it('is in WAL mode, and keeps tokens and state across reopening', () => {
    const path = freshPath();
    const store = new SqliteTokenStore({ path, clock: new ManualClock(123) });
    store.add(token('alice'));
    store.update('alice', () => ({ state: { lastStep: 99, driftSteps: 3, lockedUntilMs: 5000 }, result: undefined }));
    store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('application_id', { simple: true })).toBe(TOKENKIT_APPLICATION_ID);
    raw.close();
    const again = new SqliteTokenStore({ path });
    expect(again.get('alice')).toMatchObject({
      lastStep: 99,
      driftSteps: 3,
      lockedUntilMs: 5000,
      digits: 8,
      periodSec: 60,
      t0Sec: 10,
    });
    expect(again.get('alice')!.secret).toEqual(token('alice').secret);
    expect(again.integrityCheck()).toEqual(['ok']);
    again.close();
  });

  it('migrates a version-1 file to the latest version and keeps its rows', () => {
    const path = freshPath();
    new SqliteTokenStore({ path }).close(); // creates the directory and file with the right modes
    rmSync(path);
    const raw = new Database(path);
    migrate(raw, path, 1);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    const columns = (raw.pragma('table_info(tokens)') as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('issuer');
    raw
      .prepare(
        'INSERT INTO tokens (user, kind, secret, algorithm, digits, period_sec, t0_sec, counter, last_step, created_at_ms, updated_at_ms) ' +
          "VALUES ('old', 'totp', x'0102030405060708090a', 'sha1', 6, 30, 0, 0, 1234, 1, 1)",
      )
      .run();
    raw.close();
    const store = new SqliteTokenStore({ path });
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThan(1);
    expect(store.get('old')).toMatchObject({ lastStep: 1234, issuer: null, lastUsedAtMs: null, failureCount: 0 });
    store.add({ ...token('new'), issuer: 'Practice' });
    expect(store.get('new')!.issuer).toBe('Practice');
    store.close();
  });

  it('refuses a file written by a newer schema version and leaves it untouched', () => {
    const path = freshPath();
    const store = new SqliteTokenStore({ path });
    store.add(token('alice'));
    store.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(path);
    const error = storeError(() => new SqliteTokenStore({ path }));
    expect(error.kind).toBe('newerSchema');
    expect(error.message).toContain(`schema version ${SCHEMA_VERSION + 5}`);
    expect(error.message).toContain('upgrade tokenkit');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a file of random bytes as corrupt', () => {
    const path = freshPath();
    new SqliteTokenStore({ path }).close();
    writeFileSync(path, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    const error = storeError(() => new SqliteTokenStore({ path }));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/damaged or not a database/);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('reports a store whose table pages are overwritten as corrupt (at open or at first read)', () => {
    const path = freshPath();
    const store = new SqliteTokenStore({ path });
    for (let i = 0; i < 200; i++) store.add(token(`user-${i}`));
    store.close(); // checkpoints the WAL into the main file
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    expect(bytes.length).toBeGreaterThan(3 * pageSize);
    bytes.fill(0xa5, pageSize, bytes.length); // keep the header page, trash every other one
    writeFileSync(path, bytes);
    const error = storeError(() => {
      const s = new SqliteTokenStore({ path });
      try {
        s.list();
      } finally {
        s.close();
      }
    });
    expect(error.kind).toBe('corrupt');
  });

  it('refuses an SQLite database that is not a tokenkit store', () => {
    const path = freshPath();
    new SqliteTokenStore({ path }).close();
    rmSync(path);
    const raw = new Database(path);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    expect(storeError(() => new SqliteTokenStore({ path })).kind).toBe('foreign');
  });

  it('leaves an SQLite database that is not a tokenkit store as it found it: bytes, mode, journal mode', () => {
    const path = freshPath();
    new SqliteTokenStore({ path }).close();
    rmSync(path);
    const raw = new Database(path);
    raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    raw.close();
    chmodSync(path, 0o644);
    const before = readFileSync(path);
    expect(storeError(() => new SqliteTokenStore({ path })).kind).toBe('foreign');
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = new Database(path, { readonly: true });
    expect(again.pragma('journal_mode', { simple: true })).toBe('delete');
    again.close();
  });

  it('leaves the mode of a file that is not a database alone', () => {
    const path = freshPath();
    new SqliteTokenStore({ path }).close();
    writeFileSync(path, 'just some notes, not a database\n'.repeat(200));
    chmodSync(path, 0o644);
    expect(storeError(() => new SqliteTokenStore({ path })).kind).toBe('corrupt');
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('reports a tokenkit file whose table is gone as corrupt, not as an internal error', () => {
    const path = freshPath();
    new SqliteTokenStore({ path }).close();
    const raw = new Database(path);
    raw.exec('DROP TABLE tokens');
    raw.close();
    const error = storeError(() => new SqliteTokenStore({ path }));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/damaged or not a database/);
  });

  it.each([
    [
      'a path under a regular file',
      () => {
        const file = join(root, `plain-${++n}.txt`);
        writeFileSync(file, 'not a directory');
        return join(file, 'tokenkit.db');
      },
    ],
    ['a path in /proc', () => '/proc/tokenkit-test-does-not-exist/tokenkit.db'],
    ['a directory', () => root],
  ])('reports %s as unwritable', (_label, makePath) => {
    const path = makePath();
    const error = storeError(() => new SqliteTokenStore({ path }));
    expect(error.kind).toBe('unwritable');
    expect(error.path).toBe(path);
    expect(error.message).toContain('--store');
  });
});

describe('MemoryTokenStore and SqliteTokenStore agree', () => {
  it('on random sequences of add, remove, update and failing update (fast-check)', () => {
    const user = fc.constantFrom('ann', 'ben', 'cy', 'Æsa');
    const op = fc.oneof(
      fc.record({ op: fc.constant('add' as const), user, digits: fc.integer({ min: 6, max: 10 }), hotp: fc.boolean() }),
      fc.record({ op: fc.constant('remove' as const), user }),
      fc.record({
        op: fc.constant('update' as const),
        user,
        lastStep: fc.option(fc.integer({ min: 0, max: 2 ** 40 })),
        driftSteps: fc.integer({ min: -3000, max: 3000 }),
        failureCount: fc.integer({ min: 0, max: 5 }),
        lockedUntilMs: fc.option(fc.integer({ min: 0, max: 2 ** 45 })),
      }),
      fc.record({ op: fc.constant('throwingUpdate' as const), user }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const clock = new ManualClock(1000);
        const stores = [new MemoryTokenStore(clock), new SqliteTokenStore({ path: ':memory:', clock })];
        try {
          for (const o of ops) {
            clock.advance(7);
            const outcomes = stores.map((store) => {
              try {
                switch (o.op) {
                  case 'add':
                    return store.add({
                      ...token(o.user),
                      digits: o.digits,
                      kind: o.hotp ? 'hotp' : 'totp',
                      counter: 3,
                    });
                  case 'remove':
                    return store.remove(o.user);
                  case 'update': {
                    const { op: _op, user: u, ...state } = o;
                    return store.update(u, () => ({ state, result: 'ok' }));
                  }
                  case 'throwingUpdate':
                    return store.update(o.user, () => {
                      throw new StoreError('closed', 'store.error.closed');
                    });
                }
              } catch (error) {
                return error instanceof StoreError ? `StoreError:${error.kind}` : error;
              }
            });
            expect(outcomes[1]).toEqual(outcomes[0]);
            expect(stores[1]!.list()).toEqual(stores[0]!.list());
          }
        } finally {
          for (const store of stores) store.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('resolveStorePath', () => {
  it('prefers --store, then TOKENKIT_STORE, then XDG_STATE_HOME, then ~/.local/state', () => {
    const env = { TOKENKIT_STORE: '/env/store.db', XDG_STATE_HOME: '/xdg' };
    expect(resolveStorePath('/flag/store.db', env, '/home/u')).toBe('/flag/store.db');
    expect(resolveStorePath(undefined, env, '/home/u')).toBe('/env/store.db');
    expect(resolveStorePath(undefined, { XDG_STATE_HOME: '/xdg' }, '/home/u')).toBe('/xdg/tokenkit/tokenkit.db');
    expect(resolveStorePath(undefined, {}, '/home/u')).toBe('/home/u/.local/state/tokenkit/tokenkit.db');
    // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
    expect(resolveStorePath(undefined, { XDG_STATE_HOME: 'rel' }, '/home/u')).toBe(
      '/home/u/.local/state/tokenkit/tokenkit.db',
    );
    expect(resolveStorePath(undefined, { TOKENKIT_STORE: '' }, '/home/u')).toBe(
      '/home/u/.local/state/tokenkit/tokenkit.db',
    );
    // An explicit but empty path is a mistake (an unset variable), not a request for the default.
    expect(storeError(() => resolveStorePath('', env, '/home/u'))).toMatchObject({
      kind: 'unwritable',
      key: 'store.error.emptyPath',
    });
  });
});
