import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, hashPasswordV1, verifyPassword } from '../../src/practice/passwords';

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
