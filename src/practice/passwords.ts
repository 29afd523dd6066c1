import { type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Practice passwords, hashed with scrypt (node:crypto). Stored as one blob: a format byte, log2 of the
 * cost N, a 16-byte salt and the 32-byte hash, so a later cost change still verifies old hashes.
 * N = 2^14, r = 8 (16 MiB, ~40 ms here): these are made-up practice passwords, and a class of 30
 * logging in at once must not queue for seconds behind libuv's four threads.
 */
const FORMAT = 1;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
export const DEFAULT_LOG2_COST = 14;

function derive(password: string, salt: Uint8Array, log2Cost: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** log2Cost, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(
  password: string,
  random: (size: number) => Uint8Array,
  log2Cost = DEFAULT_LOG2_COST,
): Promise<Buffer> {
  const salt = random(SALT_BYTES);
  const hash = await derive(password, salt, log2Cost);
  return Buffer.concat([Buffer.from([FORMAT, log2Cost]), salt, hash]);
}

/** Whether `password` matches `stored` (compared in constant time). A blob of another format never matches. */
export async function verifyPassword(password: string, stored: Uint8Array): Promise<boolean> {
  if (stored.length !== 2 + SALT_BYTES + HASH_BYTES || stored[0] !== FORMAT) return false;
  const log2Cost = stored[1]!;
  if (log2Cost < 1 || log2Cost > 20) return false;
  const salt = stored.subarray(2, 2 + SALT_BYTES);
  const expected = stored.subarray(2 + SALT_BYTES);
  const got = await derive(password, salt, log2Cost);
  return timingSafeEqual(got, expected);
}
