/* Framing of docs/protocol.md §1: CRC-16/CCITT-FALSE, COBS, and the receiver state machine. */
#ifndef TK_FRAME_H
#define TK_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#include "proto.h"

uint16_t tk_crc16(const uint8_t *p, uint16_t n);

/* COBS-encodes n <= 254 raw bytes into out (room for n + 2) and appends the 0x00 delimiter.
   Returns the bytes written (n + 2). */
uint16_t tk_cobs_encode(const uint8_t *in, uint16_t n, uint8_t *out);

/* Decodes len encoded bytes (no delimiter) into out; out may equal in (decodes in place).
   Returns the raw length, or -1 for invalid COBS. */
int16_t tk_cobs_decode(const uint8_t *in, uint16_t len, uint8_t *out);

/* The receiver's named states (docs/protocol.md §1 "Receiver rules"). */
typedef enum {
  TK_RX_IDLE = 0, /* between frames */
  TK_RX_IN_FRAME, /* storing the encoded bytes of a frame */
  TK_RX_OVERFLOW  /* the frame grew past 255 bytes: dropping up to the next 0x00 */
} tk_rx_state_t;

/* What a byte completed. */
typedef enum {
  TK_RX_NOTHING = 0,
  TK_RX_FRAME,    /* raw frame (COBS-decoded) in rx->buf[0..rx->len) */
  TK_RX_OVERSIZE, /* reported once, on the 256th byte of a frame */
  TK_RX_COBS,     /* the frame was not valid COBS */
  TK_RX_LOST      /* bytes of this frame were lost by the port (receive buffer overrun) */
} tk_rx_event_t;

typedef struct {
  uint8_t buf[TK_MAX_ENCODED_BYTES];
  uint8_t len;
  tk_rx_state_t state;
  bool lost; /* the frame being stored lost bytes: report it at its delimiter */
} tk_rx_t;

void tk_rx_reset(tk_rx_t *rx);
tk_rx_event_t tk_rx_push(tk_rx_t *rx, uint8_t byte);
/* The port lost received bytes: the frame in progress (or the next one, when idle) is corrupt. */
void tk_rx_mark_lost(tk_rx_t *rx);

#endif
