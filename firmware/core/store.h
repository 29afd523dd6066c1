/*
 * Non-volatile layout over hal_store_read/hal_store_write:
 *
 *   0..23     identity: magic "TKI1", serial (10 ASCII digits), activation code (8), CRC-16. Written once,
 *             at first boot (a cut during it only means the next boot makes a new identity).
 *   32..175   slot A \  the secret: magic, seq u16, algorithm, digits, periodSec u16, t0Sec u32, the HMAC
 *   176..319  slot B /  inner and outer pad states (2 x digest length), CRC-16 over all of it.
 *
 * PROVISION writes the slot that is not active with seq + 1, then that slot wins at the next read by its
 * higher sequence number (serial-number arithmetic, so seq may wrap). A torn write fails its CRC and the
 * other slot stays in force: old or new secret after a power cut, never a mix, never none if one was there.
 * The raw secret is not stored at all: the pad states are all HMAC needs.
 */
#ifndef TK_STORE_H
#define TK_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "hash.h"

#define TK_SERIAL_DIGITS 10u
#define TK_ACTIVATION_DIGITS 8u
#define TK_STORE_IDENTITY_ADDR 0u
#define TK_STORE_SLOT_ADDR 32u
#define TK_STORE_SLOT_BYTES 144u
#define TK_STORE_MIN_BYTES (TK_STORE_SLOT_ADDR + 2u * TK_STORE_SLOT_BYTES)

typedef struct {
  char serial[TK_SERIAL_DIGITS + 1];
  char activation[TK_ACTIVATION_DIGITS + 1];
} tk_identity_t;

/* The OTP parameters of the active secret (RAM copy); the pads stay in the store until needed. */
typedef struct {
  bool provisioned;
  uint8_t slot; /* 0 or 1: the active slot */
  uint16_t seq;
  uint8_t alg;
  uint8_t digits;
  uint16_t period_sec;
  uint32_t t0_sec;
} tk_secret_t;

/* Reads the identity; false if there is none (first boot) or it is corrupt. */
bool tk_store_load_identity(tk_identity_t *id);
bool tk_store_save_identity(const tk_identity_t *id);

/* Finds the active slot; s->provisioned is false if neither slot is valid. */
void tk_store_load_secret(tk_secret_t *s);

/* Computes the pads of key and writes them with the parameters to the inactive slot. On success *s
   describes the new secret; on failure *s is unchanged (the old secret stays in force). */
bool tk_store_provision(tk_secret_t *s, uint8_t alg, uint8_t digits, uint16_t period_sec, uint32_t t0_sec,
                        const uint8_t *key, uint8_t key_len);

/* Reads the pad states of the active secret. */
bool tk_store_read_pads(const tk_secret_t *s, tk_hash_state_t *inner, tk_hash_state_t *outer);

#endif
