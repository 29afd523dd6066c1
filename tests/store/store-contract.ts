import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { type NewToken, StoreError, type TokenStore } from '../../src/store/index';

/** The TokenStore contract, written once and run against every implementation. */
export function createStoreTests(name: string, open: (clock: ManualClock) => TokenStore): void {
  const secret = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
  const totp = (user: string): NewToken => ({
    user,
    kind: 'totp',
    secret,
    algorithm: 'sha1',
    digits: 6,
    periodSec: 30,
    t0Sec: 0,
  });

  describe(`TokenStore contract: ${name}`, () => {
    it('adds, gets, lists in user order, and removes', () => {
      const clock = new ManualClock(1_700_000_000_000);
      const store = open(clock);
      const added = store.add(totp('bob'));
      store.add({ ...totp('alice'), kind: 'hotp', counter: 7, algorithm: 'sha512', digits: 8, issuer: 'Practice' });
      expect(added).toMatchObject({
        user: 'bob',
        kind: 'totp',
        digits: 6,
        periodSec: 30,
        t0Sec: 0,
        lastStep: null,
        failureCount: 0,
      });
      expect(added.createdAtMs).toBe(1_700_000_000_000);
      expect(store.get('alice')).toMatchObject({
        kind: 'hotp',
        counter: 7,
        algorithm: 'sha512',
        digits: 8,
        issuer: 'Practice',
      });
      expect(store.get('bob')!.secret).toEqual(secret);
      expect(store.list().map((r) => r.user)).toEqual(['alice', 'bob']);
      expect(store.remove('alice')).toBe(true);
      expect(store.remove('alice')).toBe(false);
      expect(store.get('alice')).toBeUndefined();
      store.close();
    });

    it('refuses a duplicate user with kind duplicate and keeps the first token', () => {
      const store = open(new ManualClock(0));
      store.add(totp('carol'));
      const other = { ...totp('carol'), digits: 8 };
      expect(() => store.add(other)).toThrow(expect.objectContaining({ kind: 'duplicate', user: 'carol' }));
      expect(store.get('carol')!.digits).toBe(6);
      store.close();
    });

    it('update writes the returned state and the caller gets its result; null state writes nothing', () => {
      const clock = new ManualClock(1000);
      const store = open(clock);
      store.add(totp('dave'));
      clock.set(5000);
      const result = store.update('dave', (token) => ({
        state: { lastStep: 42, driftSteps: -2, failureCount: token.failureCount + 1 },
        result: 'done',
      }));
      expect(result).toBe('done');
      expect(store.get('dave')).toMatchObject({
        lastStep: 42,
        driftSteps: -2,
        failureCount: 1,
        updatedAtMs: 5000,
        createdAtMs: 1000,
      });
      clock.set(9000);
      expect(store.update('dave', () => ({ state: null, result: 7 }))).toBe(7);
      expect(store.get('dave')!.updatedAtMs).toBe(5000);
      store.close();
    });

    it('a throwing update changes nothing', () => {
      const store = open(new ManualClock(0));
      store.add(totp('erin'));
      expect(() =>
        store.update('erin', (token) => {
          token.failureCount = 99; // mutating the snapshot must not leak into the store either
          throw new Error('decided not to');
        }),
      ).toThrow('decided not to');
      expect(store.get('erin')!.failureCount).toBe(0);
      store.close();
    });

    it('update of a missing user is notFound', () => {
      const store = open(new ManualClock(0));
      expect(() => store.update('nobody', () => ({ state: null, result: 0 }))).toThrow(
        expect.objectContaining({ kind: 'notFound' }),
      );
      store.close();
    });

    it.each([
      ['', 'userEmpty'],
      ['x'.repeat(129), 'userTooLong'],
      ['bad\nname', 'userControl'],
      ['tab\tname', 'userControl'],
      ['del\u007f', 'userControl'],
      [' padded', 'userSpace'],
    ])('rejects the user name %j (%s)', (user, key) => {
      const store = open(new ManualClock(0));
      let caught: unknown;
      try {
        store.add(totp(user));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StoreError);
      expect((caught as StoreError).kind).toBe('invalidUser');
      expect((caught as StoreError).key).toBe(`store.error.${key}`);
      expect(store.list()).toHaveLength(0);
      store.close();
    });

    it('accepts a non-ASCII user name of the maximum length', () => {
      const store = open(new ManualClock(0));
      const user = 'Ærø-'.padEnd(128, 'å');
      store.add(totp(user));
      expect(store.get(user)!.user).toBe(user);
      store.close();
    });

    it('lists users in UTF-8 byte order, also past the Basic Multilingual Plane', () => {
      const store = open(new ManualClock(0));
      const users = ['\u{1F600}', '\uFFFD', 'Zed', 'amy', 'Æsa', '\u{10000}'];
      for (const user of users) store.add(totp(user));
      const byBytes = [...users].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
      expect(store.list().map((r) => r.user)).toEqual(byBytes);
      store.close();
    });

    it('rejects fields the schema cannot hold', () => {
      const store = open(new ManualClock(0));
      expect(() => store.add({ ...totp('f'), digits: 5 })).toThrow(expect.objectContaining({ kind: 'invalidToken' }));
      expect(() => store.add({ ...totp('f'), periodSec: 0 })).toThrow(
        expect.objectContaining({ kind: 'invalidToken' }),
      );
      expect(() => store.add({ ...totp('f'), secret: new Uint8Array() })).toThrow(
        expect.objectContaining({ kind: 'invalidToken' }),
      );
      expect(() => store.add({ ...totp('f'), kind: 'hotp', counter: -1 })).toThrow(
        expect.objectContaining({ kind: 'invalidToken' }),
      );
      store.close();
    });

    it('throws kind closed after close, and close is idempotent', () => {
      const store = open(new ManualClock(0));
      store.close();
      store.close();
      expect(() => store.list()).toThrow(expect.objectContaining({ kind: 'closed' }));
    });
  });
}
