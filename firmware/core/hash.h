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

/* The state after one block of key ^ pad: pad 0x36 gives the inner, 0x5c the outer state. key_len <= 64
   <= block length, so the key is never hashed first. */
#define TK_HMAC_IPAD 0x36u
#define TK_HMAC_OPAD 0x5cu
void tk_hmac_pad(uint8_t alg, const uint8_t *key, uint8_t key_len, uint8_t pad, tk_hash_state_t *s);

/* HMAC of msg (n <= 64 bytes) from the pad states, which it uses up (no separate digest buffers: RAM is
   2 KB). Returns the MAC, tk_hash_digest_len(alg) bytes inside *outer. */
const uint8_t *tk_hmac_finish(uint8_t alg, tk_hash_state_t *inner, tk_hash_state_t *outer, const uint8_t *msg,
                              uint8_t n);

#endif
