import { type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Practice passwords, hashed with scrypt (node:crypto). Stored as one blob that carries its own cost, so a
 * later cost change still verifies old hashes:
 * - format 2 (written now): 2, log2 N, r, p, a 16-byte salt, the 32-byte hash;
 * - format 1 (older files): 1, log2 N, salt, hash, with r = 8 and p = 1.
 *
 * Why N = 2^10, r = 8, p = 1 (1 MiB and ~1.5 ms of one core per hash; measured on the 2-core build
 * machine): the site runs on a classroom laptop and a class of 30 logs in at once, and every hash queues on
 * libuv's threads, so the last of the class waits for all 30. At 2^14 (16 MiB, ~23 ms) that took seconds
 * and the server past 200 MB; at 2^12 (4 MiB, ~5.7 ms) the password step alone was 130-145 ms p99, and at
 * 2^11 30 hashes still take ~45 ms on an idle machine (docs/performance.md, "Practice site"). These
 * passwords are made up for practice (every page says never to type a real one, and the site never asks
 * for a real MitID password), so a hash that is salted and memory-hard but cheap is the right trade: it
 * still makes every guess cost scrypt, not a lookup. Each hash stores its cost, so older ones verify and a
 * site that wants more can raise it without a migration.
 */
const FORMAT_V1 = 1;
const FORMAT_V2 = 2;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ log2N: 10, r: 8, p: 1 });
/** The cost of format-1 blobs (r and p were fixed then); kept so those hashes still verify. */
export const V1_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ log2N: 14, r: 8, p: 1 });

/**
 * scrypt needs 128 * N * r bytes (plus 128 * r * p); maxmem is that with a little room, not a flat 64 MiB,
 * so a blob with a cost out of range fails at once instead of allocating.
 */
function maxmemBytes(cost: ScryptCost): number {
  return 128 * 2 ** cost.log2N * cost.r + 128 * cost.r * cost.p + 1024 * 1024;
}

function derive(password: string, salt: Uint8Array, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** cost.log2N, r: cost.r, p: cost.p, maxmem: maxmemBytes(cost) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Costs a stored blob may name: the ones this file could ever have written, never more (a blob is data). */
function costInRange(cost: ScryptCost): boolean {
  return cost.log2N >= 1 && cost.log2N <= 16 && cost.r >= 1 && cost.r <= 16 && cost.p >= 1 && cost.p <= 4;
}

export async function hashPassword(
  password: string,
  random: (size: number) => Uint8Array,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Buffer> {
  const salt = random(SALT_BYTES);
  const hash = await derive(password, salt, cost);
  return Buffer.concat([Buffer.from([FORMAT_V2, cost.log2N, cost.r, cost.p]), salt, hash]);
}

/** Test support: a format-1 blob as the site wrote it before (log2 N only, r = 8, p = 1). */
export async function hashPasswordV1(
  password: string,
  random: (size: number) => Uint8Array,
  log2N = V1_SCRYPT_COST.log2N,
): Promise<Buffer> {
  const salt = random(SALT_BYTES);
  const hash = await derive(password, salt, { ...V1_SCRYPT_COST, log2N });
  return Buffer.concat([Buffer.from([FORMAT_V1, log2N]), salt, hash]);
}

function parse(stored: Uint8Array): { cost: ScryptCost; salt: Uint8Array; expected: Uint8Array } | undefined {
  let header: number;
  let cost: ScryptCost;
  if (stored[0] === FORMAT_V1) {
    header = 2;
    cost = { ...V1_SCRYPT_COST, log2N: stored[1] ?? 0 };
  } else if (stored[0] === FORMAT_V2) {
    header = 4;
    cost = { log2N: stored[1] ?? 0, r: stored[2] ?? 0, p: stored[3] ?? 0 };
  } else return undefined;
  if (stored.length !== header + SALT_BYTES + HASH_BYTES || !costInRange(cost)) return undefined;
  return { cost, salt: stored.subarray(header, header + SALT_BYTES), expected: stored.subarray(header + SALT_BYTES) };
}

/** Whether `password` matches `stored` (compared in constant time). A blob of another format never matches. */
export async function verifyPassword(password: string, stored: Uint8Array): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const got = await derive(password, parsed.salt, parsed.cost);
  return timingSafeEqual(got, parsed.expected);
}
