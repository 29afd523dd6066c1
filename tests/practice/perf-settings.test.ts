import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, hashPasswordV1, verifyPassword } from '../../src/practice/passwords';
import type { TokenRecord, TokenUpdate } from '../../src/store/index';
import { activatedLearner, codeAt, startPractice } from './practice-helpers';

const random = (size: number) => new Uint8Array(randomBytes(size));

describe('practice password hashes carry their scrypt cost', () => {
  it('writes the cheaper cost into each new hash, and it verifies', async () => {
    const blob = await hashPassword('Blå hest på tur 7', random);
    expect([...blob.subarray(0, 4)]).toEqual([
      2,
      DEFAULT_SCRYPT_COST.log2N,
      DEFAULT_SCRYPT_COST.r,
      DEFAULT_SCRYPT_COST.p,
    ]);
    expect(await verifyPassword('Blå hest på tur 7', blob)).toBe(true);
    expect(await verifyPassword('Blå hest på tur 8', blob)).toBe(false);
  });

  it('still verifies a hash made with the old parameters (format 1, N = 2^14, r = 8), and refuses a wrong password', async () => {
    const old = await hashPasswordV1('Gammel kode 123', random);
    expect([...old.subarray(0, 2)]).toEqual([1, 14]);
    expect(await verifyPassword('Gammel kode 123', old)).toBe(true);
    expect(await verifyPassword('Gammel kode 124', old)).toBe(false);
  });

  it('refuses a blob naming a cost out of range instead of allocating for it', async () => {
    const blob = await hashPassword('Blå hest på tur 7', random);
    const huge = Buffer.from(blob);
    huge[1] = 30;
    expect(await verifyPassword('Blå hest på tur 7', huge)).toBe(false);
    const noP = Buffer.from(blob);
    noP[3] = 0;
    expect(await verifyPassword('Blå hest på tur 7', noP)).toBe(false);
  });
});

describe('synchronous per connection', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (stops.length) await stops.pop()!();
  });

  it('writes practice rows at NORMAL, and the verifier still commits at FULL on its own connection', async () => {
    const p = await startPractice();
    stops.push(p.stop);
    const { server, clock } = p;
    // PRAGMA synchronous: 1 = NORMAL, 2 = FULL.
    expect(server.ctx.db.db.pragma('synchronous', { simple: true })).toBe(1);
    const { browser, token } = await activatedLearner(server, clock, 'kursist.sync');

    const store = server.ctx.store;
    const storeDb = (store as unknown as { db: Database.Database }).db;
    const seen: number[] = [];
    const update = store.update.bind(store);
    store.update = <T>(user: string, decide: (token: TokenRecord) => TokenUpdate<T>): T =>
      update(user, (record) => {
        // Inside the verifier's transaction, on the connection that commits its state.
        seen.push(storeDb.pragma('synchronous', { simple: true }) as number);
        expect(storeDb.inTransaction).toBe(true);
        return decide(record);
      });

    await browser.get('/login');
    const url = (await browser.post('/login/start', { service: 'bank' })).headers.location as string;
    await browser.get(url);
    await browser.post(`${url}/user-id`, { userId: 'kursist.sync' });
    await browser.get(url);
    const res = await browser.post(`${url}/code`, { code: codeAt(token, clock.nowMs()) });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(303);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s === 2)).toBe(true);
    // The practice connection is still at NORMAL after the verifier's commit.
    expect(server.ctx.db.db.pragma('synchronous', { simple: true })).toBe(1);
  });
});
