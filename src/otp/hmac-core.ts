import type { OtpAlgorithm } from './algorithm';
import { nodeCrypto } from './node-crypto';
import { SHA512_IV, sha1Compress, sha256Compress, sha512Compress } from './sha-compress';

/**
 * HOTP's HMAC with the key's pad states computed once (RFC 2104: H(K^opad || H(K^ipad || m))).
 *
 * For one key, the inner and outer hash states after absorbing the padded key block are fixed, so an
 * HOTP value costs only two compression-function calls: the inner message (an 8-byte counter plus
 * padding) and the outer message (the inner digest plus padding) each fit in one block. SHA-1 and SHA-256
 * run those two compressions in plain JS on 32-bit ints, which avoids the per-call native object churn of
 * createHmac (measured in bench/otp.ts); SHA-512 does the same with 64-bit words as (hi, lo) int pairs.
 * (node:crypto Hash.copy() of pre-padded states was measured too: slower than createHmac itself.)
 *
 * `HmacCore.truncated(hi, lo)` returns RFC 4226's dynamically truncated 31-bit value for the counter
 * hi * 2^32 + lo.
 */
export interface HmacCore {
  truncated(hi: number, lo: number): number;
}

// Scratch space shared by all keys: JS runs one call at a time, so a single buffer is safe and avoids
// an allocation per code.
const W = new Int32Array(80);
const OUT = new Int32Array(8);

const SHA1_IV = Int32Array.from([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
const SHA256_IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** RFC 4226 section 5.3 on a digest held as big-endian 32-bit words; `last` is the index of the last word. */
function truncateWords(out: Int32Array, last: number): number {
  const offset = out[last]! & 0xf;
  const i = offset >> 2;
  const shift = (offset & 3) << 3;
  const v = shift === 0 ? out[i]! : (out[i]! << shift) | (out[i + 1]! >>> (32 - shift));
  return v & 0x7fffffff;
}

/** The key as one hash block (RFC 2104: hashed first if longer than the block, then zero-padded). */
function keyBlock(algorithm: OtpAlgorithm, key: Uint8Array, blockBytes: number): Uint8Array {
  const block = new Uint8Array(blockBytes);
  block.set(key.length > blockBytes ? nodeCrypto().createHash(algorithm).update(key).digest() : key);
  return block;
}

function padStates(
  key: Uint8Array,
  algorithm: 'sha1' | 'sha256',
  words: number,
  iv: Int32Array,
  compress: typeof sha1Compress,
): Int32Array {
  const block = keyBlock(algorithm, key, 64);
  const state = new Int32Array(words * 2);
  for (const [pad, off] of [
    [0x36, 0],
    [0x5c, words],
  ] as const) {
    for (let j = 0; j < 16; j++) {
      W[j] =
        ((block[4 * j]! ^ pad) << 24) |
        ((block[4 * j + 1]! ^ pad) << 16) |
        ((block[4 * j + 2]! ^ pad) << 8) |
        (block[4 * j + 3]! ^ pad);
    }
    compress(iv, 0, W, OUT);
    for (let j = 0; j < words; j++) state[off + j] = OUT[j]!;
  }
  block.fill(0);
  W.fill(0);
  return state;
}

class Sha1Core implements HmacCore {
  private readonly s: Int32Array;
  constructor(key: Uint8Array) {
    this.s = padStates(key, 'sha1', 5, SHA1_IV, sha1Compress);
  }
  truncated(hi: number, lo: number): number {
    const w = W;
    // Inner message after the ipad block: counter (8 bytes), 0x80, zeros, bit length (64 + 8) * 8.
    w[0] = hi;
    w[1] = lo;
    w[2] = 0x80000000;
    w.fill(0, 3, 15);
    w[15] = 576;
    sha1Compress(this.s, 0, w, OUT);
    // Outer message after the opad block: inner digest (20 bytes), 0x80, zeros, bit length (64 + 20) * 8.
    w[0] = OUT[0]!;
    w[1] = OUT[1]!;
    w[2] = OUT[2]!;
    w[3] = OUT[3]!;
    w[4] = OUT[4]!;
    w[5] = 0x80000000;
    w.fill(0, 6, 15);
    w[15] = 672;
    sha1Compress(this.s, 5, w, OUT);
    return truncateWords(OUT, 4);
  }
}

class Sha256Core implements HmacCore {
  private readonly s: Int32Array;
  constructor(key: Uint8Array) {
    this.s = padStates(key, 'sha256', 8, SHA256_IV, sha256Compress);
  }
  truncated(hi: number, lo: number): number {
    const w = W;
    w[0] = hi;
    w[1] = lo;
    w[2] = 0x80000000;
    w.fill(0, 3, 15);
    w[15] = 576;
    sha256Compress(this.s, 0, w, OUT);
    for (let j = 0; j < 8; j++) w[j] = OUT[j]!;
    w[8] = 0x80000000;
    w.fill(0, 9, 15);
    w[15] = 768;
    sha256Compress(this.s, 8, w, OUT);
    return truncateWords(OUT, 7);
  }
}

const WH = new Int32Array(80);
const WL = new Int32Array(80);
const OUT16 = new Int32Array(16);

class Sha512Core implements HmacCore {
  private readonly s = new Int32Array(32);
  constructor(key: Uint8Array) {
    const block = keyBlock('sha512', key, 128);
    for (const [pad, off] of [
      [0x36, 0],
      [0x5c, 16],
    ] as const) {
      for (let j = 0; j < 16; j++) {
        const b = 8 * j;
        WH[j] =
          ((block[b]! ^ pad) << 24) |
          ((block[b + 1]! ^ pad) << 16) |
          ((block[b + 2]! ^ pad) << 8) |
          (block[b + 3]! ^ pad);
        WL[j] =
          ((block[b + 4]! ^ pad) << 24) |
          ((block[b + 5]! ^ pad) << 16) |
          ((block[b + 6]! ^ pad) << 8) |
          (block[b + 7]! ^ pad);
      }
      sha512Compress(SHA512_IV, 0, WH, WL, OUT16);
      this.s.set(OUT16, off);
    }
    block.fill(0);
    WH.fill(0);
    WL.fill(0);
  }
  truncated(hi: number, lo: number): number {
    // Inner: counter as word 0, 0x80 then zeros, 128-bit length (128 + 8) * 8 = 1088.
    WH[0] = hi;
    WL[0] = lo;
    WH[1] = 0x80000000;
    WL[1] = 0;
    WH.fill(0, 2, 16);
    WL.fill(0, 2, 15);
    WL[15] = 1088;
    sha512Compress(this.s, 0, WH, WL, OUT16);
    // Outer: the 64-byte inner digest as words 0..7, 0x80, zeros, length (128 + 64) * 8 = 1536.
    for (let j = 0; j < 8; j++) {
      WH[j] = OUT16[2 * j]!;
      WL[j] = OUT16[2 * j + 1]!;
    }
    WH[8] = 0x80000000;
    WL[8] = 0;
    WH.fill(0, 9, 16);
    WL.fill(0, 9, 15);
    WL[15] = 1536;
    sha512Compress(this.s, 16, WH, WL, OUT16);
    return truncateWords(OUT16, 15);
  }
}

/**
 * HOTP's HMAC through node:crypto, one createHmac per value: the reference speed the JS cores are
 * measured against (bench/otp.ts), and the choice where it is the faster one.
 */
class NodeHmacCore implements HmacCore {
  private readonly message = Buffer.alloc(8);
  private readonly createHmac = nodeCrypto().createHmac;
  constructor(
    private readonly key: Uint8Array,
    private readonly algorithm: OtpAlgorithm,
  ) {}
  truncated(hi: number, lo: number): number {
    this.message.writeUInt32BE(hi >>> 0, 0);
    this.message.writeUInt32BE(lo >>> 0, 4);
    const d = this.createHmac(this.algorithm, this.key).update(this.message).digest();
    const o = d[d.length - 1]! & 0x0f;
    return ((d[o]! & 0x7f) << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!;
  }
}

/** Which HMAC computes the codes: 'js' (the cores above), 'node' (createHmac), or the faster for the algorithm. */
export type HmacImplementation = 'default' | 'js' | 'node';

/**
 * The implementation `'default'` picks per algorithm: the faster one in bench/otp.ts (docs/performance.md).
 * SHA-512 is the close one: its JS core measured 1.13x createHmac for codes and 1.25x for verification.
 */
export const DEFAULT_HMAC: Readonly<Record<OtpAlgorithm, 'js' | 'node'>> = { sha1: 'js', sha256: 'js', sha512: 'js' };

export function createHmacCore(
  key: Uint8Array,
  algorithm: OtpAlgorithm,
  hmac: HmacImplementation = 'default',
): HmacCore {
  if ((hmac === 'default' ? DEFAULT_HMAC[algorithm] : hmac) === 'node') return new NodeHmacCore(key, algorithm);
  switch (algorithm) {
    case 'sha1':
      return new Sha1Core(key);
    case 'sha256':
      return new Sha256Core(key);
    case 'sha512':
      return new Sha512Core(key);
  }
}
