#include "frame.h"

uint16_t tk_crc16(const uint8_t *p, uint16_t n) {
  uint16_t crc = 0xFFFF;
  while (n--) {
    crc ^= (uint16_t)(*p++) << 8;
    for (uint8_t i = 0; i < 8; i++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  }
  return crc;
}

uint16_t tk_cobs_encode(const uint8_t *in, uint16_t n, uint8_t *out) {
  uint16_t code_at = 0, o = 1;
  uint8_t code = 1;
  for (uint16_t i = 0; i < n; i++) {
    if (in[i] == 0) {
      out[code_at] = code;
      code_at = o++;
      code = 1;
    } else {
      out[o++] = in[i];
      code++;
    }
  }
  out[code_at] = code;
  out[o++] = 0x00;
  return o;
}

int16_t tk_cobs_decode(const uint8_t *in, uint16_t len, uint8_t *out) {
  uint16_t i = 0, o = 0;
  while (i < len) {
    uint8_t code = in[i++];
    if (code == 0 || (uint16_t)(i + code - 1) > len) return -1;
    for (uint8_t k = 1; k < code; k++) {
      if (in[i] == 0) return -1;
      out[o++] = in[i++];
    }
    if (code != 0xFF && i < len) out[o++] = 0;
  }
  return (int16_t)o;
}

void tk_rx_reset(tk_rx_t *rx) {
  rx->len = 0;
  rx->state = TK_RX_IDLE;
  rx->lost = false;
}

void tk_rx_mark_lost(tk_rx_t *rx) { rx->lost = true; }

tk_rx_event_t tk_rx_push(tk_rx_t *rx, uint8_t byte) {
  if (byte == 0) {
    tk_rx_state_t was = rx->state;
    bool lost = rx->lost;
    uint8_t n = rx->len;
    tk_rx_reset(rx);
    if (was != TK_RX_IN_FRAME) return TK_RX_NOTHING; /* empty frame, or the end of an oversize one */
    if (lost) return TK_RX_LOST;
    int16_t raw = tk_cobs_decode(rx->buf, n, rx->buf);
    if (raw < 0) return TK_RX_COBS;
    rx->len = (uint8_t)raw;
    return TK_RX_FRAME;
  }
  switch (rx->state) {
    case TK_RX_OVERFLOW:
      return TK_RX_NOTHING;
    case TK_RX_IDLE:
      rx->state = TK_RX_IN_FRAME;
      rx->len = 0;
      /* fall through */
    default:
      if (rx->len >= TK_MAX_ENCODED_BYTES) {
        rx->state = TK_RX_OVERFLOW;
        rx->len = 0;
        rx->lost = false;
        return TK_RX_OVERSIZE;
      }
      rx->buf[rx->len++] = byte;
      return TK_RX_NOTHING;
  }
}
