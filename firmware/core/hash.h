/* SHA-1, SHA-256, SHA-512 compression functions and HMAC with precomputed pad states (RFC 2104 §4). */
#ifndef TK_HASH_H
#define TK_HASH_H

#include <stdint.h>

#include "hal.h"
#include "proto.h"

/* Chaining state of any of the three: SHA-1 as native u32 words, SHA-256/512 as 8 little-endian byte
   words of 4/8 bytes (hash.c). SHA-512's 64 bytes are the largest. */
typedef union {
  uint32_t w32[16];
  uint8_t bytes[64];
} tk_hash_state_t;

#define TK_HASH_MAX_BLOCK 128u
#define TK_HASH_MAX_DIGEST 64u

/* Whether this build has the algorithm (enum tk_alg). */
uint8_t tk_hash_supported(uint8_t alg);
uint8_t tk_hash_block_len(uint8_t alg);
/* Digest length = length of the chaining state in bytes (20, 32, 64). */
uint8_t tk_hash_digest_len(uint8_t alg);

/* Inner and outer states after one block of key ^ ipad / key ^ opad. key_len <= 64 <= block length, so
   the key is never hashed first. */
void tk_hmac_pads(uint8_t alg, const uint8_t *key, uint8_t key_len, tk_hash_state_t *inner, tk_hash_state_t *outer);

/* HMAC of msg (n <= 32 bytes) from precomputed pads; writes tk_hash_digest_len(alg) bytes to mac. */
void tk_hmac_from_pads(uint8_t alg, const tk_hash_state_t *inner, const tk_hash_state_t *outer, const uint8_t *msg,
                       uint8_t n, uint8_t *mac);

#endif
