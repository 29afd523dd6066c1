import { createHash } from 'node:crypto';
import type { OtpAlgorithm } from './algorithm';

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

function sha1Compress(s: Int32Array, off: number, w: Int32Array, out: Int32Array): void {
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = s[off]!;
  let b = s[off + 1]!;
  let c = s[off + 2]!;
  let d = s[off + 3]!;
  let e = s[off + 4]!;
  let i = 0;
  for (; i < 20; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + w[i]! + 0x5a827999) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (; i < 40; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + w[i]! + 0x6ed9eba1) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (; i < 60; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + w[i]! - 0x70e44324) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (; i < 80; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + w[i]! - 0x359d3e2a) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  out[0] = (s[off]! + a) | 0;
  out[1] = (s[off + 1]! + b) | 0;
  out[2] = (s[off + 2]! + c) | 0;
  out[3] = (s[off + 3]! + d) | 0;
  out[4] = (s[off + 4]! + e) | 0;
}

const K256 = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

function sha256Compress(s: Int32Array, off: number, w: Int32Array, out: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = s[off]!;
  let b = s[off + 1]!;
  let c = s[off + 2]!;
  let d = s[off + 3]!;
  let e = s[off + 4]!;
  let f = s[off + 5]!;
  let g = s[off + 6]!;
  let h = s[off + 7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K256[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[0] = (s[off]! + a) | 0;
  out[1] = (s[off + 1]! + b) | 0;
  out[2] = (s[off + 2]! + c) | 0;
  out[3] = (s[off + 3]! + d) | 0;
  out[4] = (s[off + 4]! + e) | 0;
  out[5] = (s[off + 5]! + f) | 0;
  out[6] = (s[off + 6]! + g) | 0;
  out[7] = (s[off + 7]! + h) | 0;
}

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
  block.set(key.length > blockBytes ? createHash(algorithm).update(key).digest() : key);
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

/** floor(x^(1/k)) for a BigInt x (Newton's method), used to derive the SHA-512 constants exactly. */
function iroot(x: bigint, k: bigint): bigint {
  let r = 1n << (BigInt(x.toString(2).length) / k + 1n);
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) return r;
    r = next;
  }
}

function firstPrimes(n: number): number[] {
  const primes: number[] = [];
  for (let c = 2; primes.length < n; c++) if (primes.every((p) => c % p !== 0)) primes.push(c);
  return primes;
}

/**
 * FIPS 180-4's SHA-512 constants as (hi, lo) 32-bit pairs: the first 64 fractional bits of the cube roots
 * of the first 80 primes (K) and of the square roots of the first 8 primes (IV), computed here rather
 * than typed in; the RFC 6238 vectors and the node:crypto comparison tests check them.
 */
function fractionBits(root: bigint, p: number): [number, number] {
  const v = iroot(BigInt(p) << (64n * root), root) & 0xffffffffffffffffn;
  return [Number(v >> 32n) | 0, Number(v & 0xffffffffn) | 0];
}
const PRIMES = firstPrimes(80);
const K512H = new Int32Array(80);
const K512L = new Int32Array(80);
PRIMES.forEach((p, i) => {
  [K512H[i], K512L[i]] = fractionBits(3n, p);
});
const SHA512_IV = new Int32Array(16);
PRIMES.slice(0, 8).forEach((p, i) => {
  [SHA512_IV[2 * i], SHA512_IV[2 * i + 1]] = fractionBits(2n, p);
});

const WH = new Int32Array(80);
const WL = new Int32Array(80);
const OUT16 = new Int32Array(16);

/** SHA-512 compression on 64-bit words held as (hi, lo) int pairs; state `s` is 16 ints from `off`. */
function sha512Compress(s: Int32Array, off: number, wh: Int32Array, wl: Int32Array, out: Int32Array): void {
  for (let i = 16; i < 80; i++) {
    const xh = wh[i - 15]!;
    const xl = wl[i - 15]!;
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
    const yh = wh[i - 2]!;
    const yl = wl[i - 2]!;
    const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
    const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
    const lo = (s0l >>> 0) + (s1l >>> 0) + (wl[i - 7]! >>> 0) + (wl[i - 16]! >>> 0);
    wh[i] = (s0h + s1h + wh[i - 7]! + wh[i - 16]! + ((lo / 4294967296) | 0)) | 0;
    wl[i] = lo | 0;
  }
  let ah = s[off]!, al = s[off + 1]!, bh = s[off + 2]!, bl = s[off + 3]!;
  let ch = s[off + 4]!, cl = s[off + 5]!, dh = s[off + 6]!, dl = s[off + 7]!;
  let eh = s[off + 8]!, el = s[off + 9]!, fh = s[off + 10]!, fl = s[off + 11]!;
  let gh = s[off + 12]!, gl = s[off + 13]!, hh = s[off + 14]!, hl = s[off + 15]!;
  for (let i = 0; i < 80; i++) {
    const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
    const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
    const chh = (eh & fh) ^ (~eh & gh);
    const chl = (el & fl) ^ (~el & gl);
    const t1l = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K512L[i]! >>> 0) + (wl[i]! >>> 0);
    const t1h = (hh + S1h + chh + K512H[i]! + wh[i]! + ((t1l / 4294967296) | 0)) | 0;
    const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
    const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
    const mjh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
    const mjl = (al & bl) ^ (al & cl) ^ (bl & cl);
    const t2l = (S0l >>> 0) + (mjl >>> 0);
    const t2h = (S0h + mjh + ((t2l / 4294967296) | 0)) | 0;
    hh = gh; hl = gl;
    gh = fh; gl = fl;
    fh = eh; fl = el;
    const el2 = (dl >>> 0) + ((t1l | 0) >>> 0);
    eh = (dh + t1h + ((el2 / 4294967296) | 0)) | 0;
    el = el2 | 0;
    dh = ch; dl = cl;
    ch = bh; cl = bl;
    bh = ah; bl = al;
    const al2 = ((t1l | 0) >>> 0) + ((t2l | 0) >>> 0);
    ah = (t1h + t2h + ((al2 / 4294967296) | 0)) | 0;
    al = al2 | 0;
  }
  const v = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
  for (let j = 0; j < 16; j += 2) {
    const lo = (s[off + j + 1]! >>> 0) + (v[j + 1]! >>> 0);
    out[j] = (s[off + j]! + v[j]! + ((lo / 4294967296) | 0)) | 0;
    out[j + 1] = lo | 0;
  }
}

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
        WH[j] = ((block[b]! ^ pad) << 24) | ((block[b + 1]! ^ pad) << 16) | ((block[b + 2]! ^ pad) << 8) | (block[b + 3]! ^ pad);
        WL[j] = ((block[b + 4]! ^ pad) << 24) | ((block[b + 5]! ^ pad) << 16) | ((block[b + 6]! ^ pad) << 8) | (block[b + 7]! ^ pad);
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

export function createHmacCore(key: Uint8Array, algorithm: OtpAlgorithm): HmacCore {
  switch (algorithm) {
    case 'sha1':
      return new Sha1Core(key);
    case 'sha256':
      return new Sha256Core(key);
    case 'sha512':
      return new Sha512Core(key);
  }
}
