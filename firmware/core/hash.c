#include "hash.h"

#include <string.h>

/* Big-endian loads and stores: the SHA family is big-endian whatever the CPU. */
static uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint32_t rol32(uint32_t x, uint8_t n) { return (x << n) | (x >> (32 - n)); }
__attribute__((unused)) static uint32_t ror32(uint32_t x, uint8_t n) { return (x >> n) | (x << (32 - n)); }

/* ---- SHA-1 (FIPS 180-4 §6.1), 16-word rolling schedule ------------------------------------------ */

static void sha1_init(tk_hash_state_t *s) {
  s->w32[0] = 0x67452301;
  s->w32[1] = 0xEFCDAB89;
  s->w32[2] = 0x98BADCFE;
  s->w32[3] = 0x10325476;
  s->w32[4] = 0xC3D2E1F0;
}

static void sha1_compress(tk_hash_state_t *s, const uint8_t *block) {
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

#if TK_WITH_SHA256
/* ---- SHA-256 (FIPS 180-4 §6.2) -------------------------------------------------------------------- */

static const uint32_t K256[64] TK_ROM = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static const uint32_t IV256[8] TK_ROM = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

static void sha256_init(tk_hash_state_t *s) {
  for (uint8_t i = 0; i < 8; i++) s->w32[i] = TK_ROM_U32(&IV256[i]);
}

static void sha256_compress(tk_hash_state_t *s, const uint8_t *block) {
  uint32_t w[16];
  uint32_t v[8];
  for (uint8_t i = 0; i < 16; i++) w[i] = be32(block + 4 * i);
  memcpy(v, s->w32, sizeof v);
  for (uint8_t t = 0; t < 64; t++) {
    if (t >= 16) {
      uint32_t w15 = w[(t + 1) & 15], w2 = w[(t + 14) & 15];
      uint32_t s0 = ror32(w15, 7) ^ ror32(w15, 18) ^ (w15 >> 3);
      uint32_t s1 = ror32(w2, 17) ^ ror32(w2, 19) ^ (w2 >> 10);
      w[t & 15] += s0 + w[(t + 9) & 15] + s1;
    }
    uint32_t e = v[4];
    uint32_t t1 = v[7] + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & v[5]) ^ (~e & v[6])) +
                  TK_ROM_U32(&K256[t]) + w[t & 15];
    uint32_t a = v[0];
    uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
    memmove(v + 1, v, 7 * sizeof v[0]);
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (uint8_t i = 0; i < 8; i++) s->w32[i] += v[i];
}
#endif

#if TK_WITH_SHA512
/* ---- SHA-512 (FIPS 180-4 §6.4). 64-bit arithmetic is costly on 8-bit CPUs: helpers stay out of line so
   the compiler does not copy the 64-bit shifts into every use. */

static const uint64_t K512[80] TK_ROM = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};

static const uint64_t IV512[8] TK_ROM = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
                                         0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                                         0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

__attribute__((noinline)) static uint64_t ror64(uint64_t x, uint8_t n) { return (x >> n) | (x << (64 - n)); }

/* ror(x,a) ^ ror(x,b) ^ (shift ? x >> c : ror(x,c)): the four sigma functions in one body. */
__attribute__((noinline)) static uint64_t sigma64(uint64_t x, uint8_t a, uint8_t b, uint8_t c, uint8_t shift) {
  return ror64(x, a) ^ ror64(x, b) ^ (shift ? x >> c : ror64(x, c));
}

static uint64_t be64(const uint8_t *p) { return ((uint64_t)be32(p) << 32) | be32(p + 4); }

static void sha512_init(tk_hash_state_t *s) {
  for (uint8_t i = 0; i < 8; i++) s->w64[i] = TK_ROM_U64(&IV512[i]);
}

static void sha512_compress(tk_hash_state_t *s, const uint8_t *block) {
  uint64_t w[16];
  uint64_t v[8];
  for (uint8_t i = 0; i < 16; i++) w[i] = be64(block + 8 * i);
  memcpy(v, s->w64, sizeof v);
  for (uint8_t t = 0; t < 80; t++) {
    if (t >= 16) {
      w[t & 15] += sigma64(w[(t + 1) & 15], 1, 8, 7, 1) + w[(t + 9) & 15] + sigma64(w[(t + 14) & 15], 19, 61, 6, 1);
    }
    uint64_t e = v[4];
    uint64_t t1 = v[7] + sigma64(e, 14, 18, 41, 0) + ((e & v[5]) ^ (~e & v[6])) + TK_ROM_U64(&K512[t]) + w[t & 15];
    uint64_t a = v[0];
    uint64_t t2 = sigma64(a, 28, 34, 39, 0) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
    memmove(v + 1, v, 7 * sizeof v[0]);
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (uint8_t i = 0; i < 8; i++) s->w64[i] += v[i];
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
  if (alg == TK_SHA256) return sha256_init(s);
#endif
#if TK_WITH_SHA512
  if (alg == TK_SHA512) return sha512_init(s);
#endif
  (void)alg;
  sha1_init(s);
}

static void hash_compress(uint8_t alg, tk_hash_state_t *s, const uint8_t *block) {
#if TK_WITH_SHA256
  if (alg == TK_SHA256) return sha256_compress(s, block);
#endif
#if TK_WITH_SHA512
  if (alg == TK_SHA512) return sha512_compress(s, block);
#endif
  (void)alg;
  sha1_compress(s, block);
}

/* Finishes a hash whose first prefix_blocks whole blocks are already in s, with the last n bytes of the
   message in data (n small enough for the padding to fit in one block: n <= 32 here), and writes the
   big-endian digest to out. */
static void hash_final(uint8_t alg, tk_hash_state_t *s, const uint8_t *data, uint8_t n, uint8_t *out) {
  uint8_t block[TK_HASH_MAX_BLOCK];
  uint8_t bl = tk_hash_block_len(alg);
  uint32_t bits = ((uint32_t)bl + n) * 8u; /* total message length: one block before this one */
  memset(block, 0, bl);
  memcpy(block, data, n);
  block[n] = 0x80;
  block[bl - 4] = (uint8_t)(bits >> 24);
  block[bl - 3] = (uint8_t)(bits >> 16);
  block[bl - 2] = (uint8_t)(bits >> 8);
  block[bl - 1] = (uint8_t)bits;
  hash_compress(alg, s, block);
  uint8_t dl = tk_hash_digest_len(alg);
  for (uint8_t i = 0; i < dl; i++) {
    /* Word i/4 (32-bit) or i/8 (64-bit), most significant byte first. */
    uint8_t shift = (alg == TK_SHA512) ? (uint8_t)(8 * (7 - (i & 7))) : (uint8_t)(8 * (3 - (i & 3)));
    out[i] = (uint8_t)((alg == TK_SHA512) ? (s->w64[i >> 3] >> shift) : (s->w32[i >> 2] >> shift));
  }
}

static void pad_state(uint8_t alg, const uint8_t *key, uint8_t key_len, uint8_t pad, tk_hash_state_t *s) {
  uint8_t block[TK_HASH_MAX_BLOCK];
  uint8_t bl = tk_hash_block_len(alg);
  for (uint8_t i = 0; i < bl; i++) block[i] = (uint8_t)((i < key_len ? key[i] : 0) ^ pad);
  hash_init(alg, s);
  hash_compress(alg, s, block);
  memset(block, 0, sizeof block);
}

void tk_hmac_pads(uint8_t alg, const uint8_t *key, uint8_t key_len, tk_hash_state_t *inner, tk_hash_state_t *outer) {
  pad_state(alg, key, key_len, 0x36, inner);
  pad_state(alg, key, key_len, 0x5c, outer);
}

void tk_hmac_from_pads(uint8_t alg, const tk_hash_state_t *inner, const tk_hash_state_t *outer, const uint8_t *msg,
                       uint8_t n, uint8_t *mac) {
  tk_hash_state_t s = *inner;
  uint8_t digest[TK_HASH_MAX_DIGEST];
  hash_final(alg, &s, msg, n, digest);
  s = *outer;
  hash_final(alg, &s, digest, tk_hash_digest_len(alg), mac);
}
