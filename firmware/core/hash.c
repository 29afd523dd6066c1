#include "hash.h"

#include <string.h>

/* Big-endian loads and stores: the SHA family is big-endian whatever the CPU. */
static uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint32_t rol32(uint32_t x, uint8_t n) { return (x << n) | (x >> (32 - n)); }

/* ---- SHA-1 (FIPS 180-4 §6.1), 16-word rolling schedule ------------------------------------------ */

static void sha1_init(tk_hash_state_t *s) {
  s->w32[0] = 0x67452301;
  s->w32[1] = 0xEFCDAB89;
  s->w32[2] = 0x98BADCFE;
  s->w32[3] = 0x10325476;
  s->w32[4] = 0xC3D2E1F0;
}

/* noinline here and below: the dispatcher must not carry one algorithm's stack frame under another's. */
__attribute__((noinline)) static void sha1_compress(tk_hash_state_t *s, const uint8_t *block) {
  uint32_t w[16];
  uint32_t v[5];
  for (uint8_t i = 0; i < 16; i++) w[i] = be32(block + 4 * i);
  memcpy(v, s->w32, sizeof v);
  for (uint8_t t = 0; t < 80; t++) {
    if (t >= 16) {
      uint32_t x = w[(t + 13) & 15] ^ w[(t + 8) & 15] ^ w[(t + 2) & 15] ^ w[t & 15];
      w[t & 15] = rol32(x, 1);
    }
    uint32_t f, k;
    if (t < 20) {
      f = (v[1] & v[2]) | (~v[1] & v[3]);
      k = 0x5A827999;
    } else if (t < 40) {
      f = v[1] ^ v[2] ^ v[3];
      k = 0x6ED9EBA1;
    } else if (t < 60) {
      f = (v[1] & v[2]) | (v[1] & v[3]) | (v[2] & v[3]);
      k = 0x8F1BBCDC;
    } else {
      f = v[1] ^ v[2] ^ v[3];
      k = 0xCA62C1D6;
    }
    uint32_t tmp = rol32(v[0], 5) + f + v[4] + k + w[t & 15];
    v[4] = v[3];
    v[3] = v[2];
    v[2] = rol32(v[1], 30);
    v[1] = v[0];
    v[0] = tmp;
  }
  for (uint8_t i = 0; i < 5; i++) s->w32[i] += v[i];
}

#if TK_WITH_SHA256 || TK_WITH_SHA512
/* ---- SHA-256 and SHA-512 (FIPS 180-4 §6.2, §6.4) in one engine over words kept as little-endian byte
   arrays of 4 or 8 bytes. On an 8-bit CPU 64-bit arithmetic in C costs ~5 KB of flash for SHA-512 alone;
   byte loops cost a few hundred bytes for both, at about half the speed (still inside the press-to-code
   budget). Tables hold each 64-bit constant as two u32 halves, high first. */

/* SHA-512 round constants, high half first. SHA-256's are the high halves of the first 64
   (FIPS 180-4: both are the cube roots of the first primes), so one table serves both. */
static const uint32_t K[] TK_ROM = {
    0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc, 0x3956c25b,
    0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118, 0xd807aa98, 0xa3030242,
    0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2, 0x72be5d74, 0xf27b896f, 0x80deb1fe,
    0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694, 0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
    0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65, 0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc,
    0xbd41fbd4, 0x76f988da, 0x831153b5, 0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f,
    0xbf597fc7, 0xbeef0ee4, 0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967,
    0x0a0e6e70, 0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
    0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b, 0xa2bfe8a1,
    0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30, 0xd192e819, 0xd6ef5218,
    0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8, 0x19a4c116, 0xb8d2d0c8, 0x1e376c08,
    0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8, 0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
    0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3, 0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814,
    0xa1f0ab72, 0x8cc70208, 0x1a6439ec, 0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915,
    0xc67178f2, 0xe372532b,
#if TK_WITH_SHA512
    0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178, 0x06f067aa,
    0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b, 0x28db77f5, 0x23047d84,
    0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c, 0x4cc5d4be, 0xcb3e42b6, 0x597f299c,
    0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
#endif
};
/* Initial values, likewise shared: SHA-256's are the high halves. */
static const uint32_t IV[16] TK_ROM = {0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b,
                                       0xa54ff53a, 0x5f1d36f1, 0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f,
                                       0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179};

/* Rotation amounts: Σ0 (3), Σ1 (3), σ0 (2 rotations, 1 shift), σ1 (2 rotations, 1 shift). */
static const uint8_t ROT256[12] TK_ROM = {2, 13, 22, 6, 11, 25, 7, 18, 3, 17, 19, 10};
static const uint8_t ROT512[12] TK_ROM = {28, 34, 39, 14, 18, 41, 1, 8, 7, 19, 61, 6};

#define WMAX 8u

/* Word i of a table of u32 pairs, high first, as little-endian bytes: the whole pair for SHA-512 (n = 8),
   the high half for SHA-256 (n = 4). On a little-endian CPU (AVR, x86) the table's bytes are already in
   that order; 32-bit shifts by a variable amount are loops on AVR, so read bytes there. */
static void load_word(uint8_t *d, const uint32_t *table, uint8_t i, uint8_t n) {
  const uint32_t *hi = &table[2u * i];
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint8_t *p = (const uint8_t *)hi;
  for (uint8_t j = 0; j < 4; j++) {
    d[n - 4u + j] = TK_ROM_U8(p + j);
    if (n == 8) d[j] = TK_ROM_U8(p + 4u + j);
  }
#else
  uint32_t h = TK_ROM_U32(hi), l = n == 8 ? TK_ROM_U32(hi + 1) : 0;
  for (uint8_t j = 0; j < 4; j++) {
    d[n - 4u + j] = (uint8_t)(h >> (8 * j));
    if (n == 8) d[j] = (uint8_t)(l >> (8 * j));
  }
#endif
}

static void w_add(uint8_t *d, const uint8_t *s, uint8_t n) {
  uint16_t carry = 0;
  for (uint8_t i = 0; i < n; i++) {
    carry = (uint16_t)(carry + d[i] + s[i]);
    d[i] = (uint8_t)carry;
    carry >>= 8;
  }
}

/* d = the sigma function of x with rotation amounts rot[0..2], the third a right shift when shift.
   Rotations read x twice over (xx = x ‖ x), the shift reads x ‖ 0, so the byte loop has no wrap-around
   tests. Whole bytes go by indexing, the rest (b bits) by one 8x8 multiply per byte, v * 2^(8-b): its
   high byte is v >> b, its low byte v << (8 - b). AVR multiplies in 2 cycles but shifts one bit per
   instruction. */
static void sigma(uint8_t *d, const uint8_t *x, const uint8_t *rot, uint8_t n, bool shift) {
  uint8_t xx[2 * WMAX];
  memcpy(xx, x, n);
  memcpy(xx + n, x, n);
  memset(d, 0, n);
  for (uint8_t k = 0; k < 3; k++) {
    uint8_t r = TK_ROM_U8(&rot[k]);
    if (k == 2 && shift) memset(xx + n, 0, n);
    const uint8_t *src = xx + (r >> 3);
    uint8_t b = r & 7;
    if (!b) {
      for (uint8_t i = 0; i < n; i++) d[i] ^= src[i];
      continue;
    }
    uint8_t m = (uint8_t)(1u << (8u - b));
    for (uint8_t i = 0; i < n; i++) d[i] ^= (uint8_t)((uint16_t)(src[i] * m) >> 8) | (uint8_t)(src[i + 1] * m);
  }
}

static void sha2_init(tk_hash_state_t *s, const uint32_t *iv, uint8_t n) {
  for (uint8_t i = 0; i < 8; i++) load_word(s->bytes + i * n, iv, i, n);
}

__attribute__((noinline)) static void sha2_compress(tk_hash_state_t *s, const uint8_t *block, uint8_t n,
                                                    const uint32_t *k, uint8_t rounds, const uint8_t *rot) {
  uint8_t w[16 * WMAX], v[8 * WMAX], t1[WMAX], t2[WMAX], tmp[WMAX];
  for (uint8_t i = 0; i < 16 * n; i++) w[i] = block[i ^ (n - 1u)]; /* big-endian words to little-endian */
  memcpy(v, s->bytes, 8u * n);
  for (uint8_t t = 0; t < rounds; t++) {
    uint8_t *wt = w + (t & 15) * n;
    if (t >= 16) {
      sigma(tmp, w + ((t + 1) & 15) * n, rot + 6, n, true);
      w_add(wt, tmp, n);
      w_add(wt, w + ((t + 9) & 15) * n, n);
      sigma(tmp, w + ((t + 14) & 15) * n, rot + 9, n, true);
      w_add(wt, tmp, n);
    }
    uint8_t *a = v, *b = v + n, *c = v + 2 * n, *e = v + 4 * n, *f = v + 5 * n, *g = v + 6 * n, *h = v + 7 * n;
    /* t1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t];  t2 = Σ0(a) + Maj(a, b, c) */
    memcpy(t1, h, n);
    sigma(tmp, e, rot + 3, n, false);
    w_add(t1, tmp, n);
    for (uint8_t i = 0; i < n; i++) tmp[i] = (uint8_t)((e[i] & f[i]) ^ (~e[i] & g[i]));
    w_add(t1, tmp, n);
    load_word(tmp, k, t, n);
    w_add(t1, tmp, n);
    w_add(t1, wt, n);
    sigma(t2, a, rot, n, false);
    for (uint8_t i = 0; i < n; i++) tmp[i] = (uint8_t)((a[i] & b[i]) ^ (a[i] & c[i]) ^ (b[i] & c[i]));
    w_add(t2, tmp, n);
    memmove(v + n, v, 7u * n);
    w_add(e, t1, n); /* e = d + t1 (d moved into e's place) */
    memcpy(a, t1, n);
    w_add(a, t2, n);
  }
  for (uint8_t i = 0; i < 8; i++) w_add(s->bytes + i * n, v + i * n, n);
}
#endif

/* ---- dispatch --------------------------------------------------------------------------------------- */

uint8_t tk_hash_supported(uint8_t alg) {
  return alg == TK_SHA1 || (TK_WITH_SHA256 && alg == TK_SHA256) || (TK_WITH_SHA512 && alg == TK_SHA512);
}

uint8_t tk_hash_block_len(uint8_t alg) { return alg == TK_SHA512 ? 128 : 64; }

uint8_t tk_hash_digest_len(uint8_t alg) { return alg == TK_SHA1 ? 20 : alg == TK_SHA256 ? 32 : 64; }

static void hash_init(uint8_t alg, tk_hash_state_t *s) {
#if TK_WITH_SHA256
  if (alg == TK_SHA256) return sha2_init(s, IV, 4);
#endif
#if TK_WITH_SHA512
  if (alg == TK_SHA512) return sha2_init(s, IV, 8);
#endif
  (void)alg;
  sha1_init(s);
}

static void hash_compress(uint8_t alg, tk_hash_state_t *s, const uint8_t *block) {
#if TK_WITH_SHA256
  if (alg == TK_SHA256) return sha2_compress(s, block, 4, K, 64, ROT256);
#endif
#if TK_WITH_SHA512
  if (alg == TK_SHA512) return sha2_compress(s, block, 8, K, 80, ROT512);
#endif
  (void)alg;
  sha1_compress(s, block);
}

/* Finishes a hash whose first block is already in s, with the last n bytes of the message in data (n
   small enough for the padding to fit in one block: n <= 64 here), and leaves the digest (big-endian
   words) in s->bytes. data may point into s. */
static void hash_final(uint8_t alg, tk_hash_state_t *s, const uint8_t *data, uint8_t n) {
  uint8_t block[TK_HASH_MAX_BLOCK];
  uint8_t bl = tk_hash_block_len(alg);
  uint16_t bits = (uint16_t)((bl + n) * 8u); /* total message length: one block before this one */
  memset(block, 0, bl);
  memcpy(block, data, n);
  block[n] = 0x80;
  block[bl - 2] = (uint8_t)(bits >> 8);
  block[bl - 1] = (uint8_t)bits;
  hash_compress(alg, s, block);
  if (alg == TK_SHA1) {
    for (uint8_t i = 0; i < 5; i++) {
      uint32_t v = s->w32[i];
      for (uint8_t j = 4; j-- > 0; v >>= 8) s->bytes[4 * i + j] = (uint8_t)v;
    }
  } else {
    /* SHA-2 words are little-endian byte arrays: reverse each in place. */
    uint8_t n8 = alg == TK_SHA512 ? 8 : 4;
    for (uint8_t w = 0; w < 64; w = (uint8_t)(w + n8)) {
      for (uint8_t i = 0, j = (uint8_t)(n8 - 1u); i < j; i++, j--) {
        uint8_t t = s->bytes[w + i];
        s->bytes[w + i] = s->bytes[w + j];
        s->bytes[w + j] = t;
      }
    }
  }
}

void tk_hmac_pad(uint8_t alg, const uint8_t *key, uint8_t key_len, uint8_t pad, tk_hash_state_t *s) {
  uint8_t block[TK_HASH_MAX_BLOCK];
  uint8_t bl = tk_hash_block_len(alg);
  for (uint8_t i = 0; i < bl; i++) block[i] = (uint8_t)((i < key_len ? key[i] : 0) ^ pad);
  hash_init(alg, s);
  hash_compress(alg, s, block);
  volatile uint8_t *wipe = block; /* key material: not a dead store to drop */
  for (uint8_t i = 0; i < bl; i++) wipe[i] = 0;
}

const uint8_t *tk_hmac_finish(uint8_t alg, tk_hash_state_t *inner, tk_hash_state_t *outer, const uint8_t *msg,
                              uint8_t n) {
  hash_final(alg, inner, msg, n);
  hash_final(alg, outer, inner->bytes, tk_hash_digest_len(alg));
  return outer->bytes;
}
