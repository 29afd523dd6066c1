#include "store.h"

#include <string.h>

#include "frame.h"

#if TK_STORE_BYTES < TK_STORE_MIN_BYTES
#error "TK_STORE_BYTES is smaller than the store layout (TK_STORE_MIN_BYTES)"
#endif

#define SLOT_MAGIC 0xA5u
#define SLOT_HEADER_BYTES 11u /* magic, seq u16, alg, digits, period u16, t0 u32 */

static const uint8_t IDENTITY_MAGIC[4] = {'T', 'K', 'I', '1'};

/* A wipe the compiler may not drop as a dead store. */
static void wipe(void *p, uint16_t n) {
  volatile uint8_t *q = (volatile uint8_t *)p;
  while (n--) *q++ = 0;
}

static uint16_t slot_addr(uint8_t slot) { return (uint16_t)(TK_STORE_SLOT_ADDR + slot * TK_STORE_SLOT_BYTES); }

bool tk_store_load_identity(tk_identity_t *id) {
  uint8_t buf[4 + TK_SERIAL_DIGITS + TK_ACTIVATION_DIGITS + 2];
  if (!hal_store_read(TK_STORE_IDENTITY_ADDR, buf, sizeof buf)) return false;
  uint16_t n = sizeof buf - 2;
  if (memcmp(buf, IDENTITY_MAGIC, 4) != 0) return false;
  if (tk_crc16(buf, n) != (uint16_t)(buf[n] | (buf[n + 1] << 8))) return false;
  for (uint8_t i = 4; i < n; i++)
    if (buf[i] < '0' || buf[i] > '9') return false;
  memcpy(id->serial, buf + 4, TK_SERIAL_DIGITS);
  id->serial[TK_SERIAL_DIGITS] = 0;
  memcpy(id->activation, buf + 4 + TK_SERIAL_DIGITS, TK_ACTIVATION_DIGITS);
  id->activation[TK_ACTIVATION_DIGITS] = 0;
  return true;
}

bool tk_store_save_identity(const tk_identity_t *id) {
  uint8_t buf[4 + TK_SERIAL_DIGITS + TK_ACTIVATION_DIGITS + 2];
  uint16_t n = sizeof buf - 2;
  memcpy(buf, IDENTITY_MAGIC, 4);
  memcpy(buf + 4, id->serial, TK_SERIAL_DIGITS);
  memcpy(buf + 4 + TK_SERIAL_DIGITS, id->activation, TK_ACTIVATION_DIGITS);
  uint16_t crc = tk_crc16(buf, n);
  buf[n] = (uint8_t)crc;
  buf[n + 1] = (uint8_t)(crc >> 8);
  return hal_store_write(TK_STORE_IDENTITY_ADDR, buf, sizeof buf);
}

/* Reads and checks one slot's header and CRC; fills s (except provisioned/slot) when valid. */
static bool read_slot(uint8_t slot, tk_secret_t *s) {
  uint8_t h[SLOT_HEADER_BYTES];
  uint16_t addr = slot_addr(slot);
  if (!hal_store_read(addr, h, sizeof h) || h[0] != SLOT_MAGIC) return false;
  uint8_t alg = h[3], digits = h[4];
  if (!tk_hash_supported(alg) || digits < TK_MIN_DIGITS || digits > TK_MAX_DIGITS) return false;
  uint16_t period = (uint16_t)(h[5] | (h[6] << 8));
  if (period == 0) return false;
  uint8_t body = (uint8_t)(SLOT_HEADER_BYTES + 2 * tk_hash_digest_len(alg));
  uint8_t buf[SLOT_HEADER_BYTES + 2 * TK_HASH_MAX_DIGEST + 2];
  if (!hal_store_read(addr, buf, (uint16_t)(body + 2))) return false;
  if (tk_crc16(buf, body) != (uint16_t)(buf[body] | (buf[body + 1] << 8))) return false;
  s->seq = (uint16_t)(h[1] | (h[2] << 8));
  s->alg = alg;
  s->digits = digits;
  s->period_sec = period;
  s->t0_sec = (uint32_t)h[7] | ((uint32_t)h[8] << 8) | ((uint32_t)h[9] << 16) | ((uint32_t)h[10] << 24);
  return true;
}

void tk_store_load_secret(tk_secret_t *s) {
  tk_secret_t a, b;
  bool va = read_slot(0, &a), vb = read_slot(1, &b);
  if (va && vb) {
    /* The newer one by serial-number arithmetic on the 16-bit sequence. */
    if ((int16_t)(b.seq - a.seq) > 0)
      va = false;
    else
      vb = false;
  }
  s->provisioned = va || vb;
  if (va) {
    *s = a;
    s->slot = 0;
  } else if (vb) {
    *s = b;
    s->slot = 1;
  }
  s->provisioned = va || vb;
}

/* Out of line: its 141-byte slot buffer must not live in the caller's frame (LTO inlines it into main). */
__attribute__((noinline)) bool tk_store_provision(tk_secret_t *s, uint8_t alg, uint8_t digits, uint16_t period_sec,
                                                  uint32_t t0_sec, const uint8_t *key, uint8_t key_len) {
  uint8_t buf[SLOT_HEADER_BYTES + 2 * TK_HASH_MAX_DIGEST + 2];
  tk_hash_state_t pad;
  uint8_t dl = tk_hash_digest_len(alg);
  uint8_t slot = s->provisioned ? (uint8_t)(s->slot ^ 1u) : 0u;
  uint16_t seq = s->provisioned ? (uint16_t)(s->seq + 1u) : 1u;
  buf[0] = SLOT_MAGIC;
  buf[1] = (uint8_t)seq;
  buf[2] = (uint8_t)(seq >> 8);
  buf[3] = alg;
  buf[4] = digits;
  buf[5] = (uint8_t)period_sec;
  buf[6] = (uint8_t)(period_sec >> 8);
  for (uint8_t i = 0; i < 4; i++) buf[7 + i] = (uint8_t)(t0_sec >> (8 * i));
  /* One pad state at a time on the stack (AVR has 2 KB of RAM for everything). */
  tk_hmac_pad(alg, key, key_len, TK_HMAC_IPAD, &pad);
  memcpy(buf + SLOT_HEADER_BYTES, pad.bytes, dl);
  tk_hmac_pad(alg, key, key_len, TK_HMAC_OPAD, &pad);
  memcpy(buf + SLOT_HEADER_BYTES + dl, pad.bytes, dl);
  uint8_t body = (uint8_t)(SLOT_HEADER_BYTES + 2 * dl);
  uint16_t crc = tk_crc16(buf, body);
  buf[body] = (uint8_t)crc;
  buf[body + 1] = (uint8_t)(crc >> 8);
  bool ok = hal_store_write(slot_addr(slot), buf, (uint16_t)(body + 2));
  /* The pads are key-equivalent: leave no copy in RAM. */
  wipe(buf, sizeof buf);
  wipe(&pad, sizeof pad);
  if (!ok) return false;
  /* Read it back: a write the hardware acknowledged but did not keep must not answer OK. */
  tk_secret_t check;
  if (!read_slot(slot, &check) || check.seq != seq) return false;
  check.provisioned = true;
  check.slot = slot;
  if (s->provisioned) hal_store_discard(slot_addr(s->slot), TK_STORE_SLOT_BYTES); /* the old slot is done */
  *s = check;
  return true;
}

bool tk_store_read_pads(const tk_secret_t *s, tk_hash_state_t *inner, tk_hash_state_t *outer) {
  uint8_t dl = tk_hash_digest_len(s->alg);
  uint16_t addr = (uint16_t)(slot_addr(s->slot) + SLOT_HEADER_BYTES);
  return hal_store_read(addr, inner->bytes, dl) && hal_store_read((uint16_t)(addr + dl), outer->bytes, dl);
}
