/* tokenkit wire protocol v1 constants (docs/protocol.md is normative; this mirrors src/protocol/messages.ts). */
#ifndef TK_PROTO_H
#define TK_PROTO_H

#define TK_PROTOCOL_VERSION 1u
#define TK_MAX_FRAME_BYTES 256u     /* on the wire, including the 0x00 delimiter */
#define TK_MAX_ENCODED_BYTES 255u   /* what the receiver stores between delimiters */
#define TK_MAX_RAW_FRAME_BYTES 254u /* header + payload + CRC */
#define TK_HEADER_BYTES 4u
#define TK_CRC_BYTES 2u
#define TK_MAX_PAYLOAD_BYTES (TK_MAX_RAW_FRAME_BYTES - TK_HEADER_BYTES - TK_CRC_BYTES)
#define TK_MAX_SECRET_BYTES 64u
#define TK_MAX_STRING_BYTES 32u
#define TK_MIN_DIGITS 6u
#define TK_MAX_DIGITS 10u
/* Shortest secret the board accepts (firmware-sim/code.ts MIN_BOARD_SECRET_BYTES). */
#define TK_MIN_BOARD_SECRET_BYTES 10u

enum tk_type {
  TK_HELLO = 0x01,
  TK_GET_TIME = 0x02,
  TK_SET_TIME = 0x03,
  TK_PROVISION = 0x04,
  TK_PRESS = 0x05,
  TK_DISPLAY = 0x06,
  TK_INFO = 0x41,
  TK_TIME = 0x42,
  TK_STATUS = 0x43,
  TK_CODE = 0x44,
  TK_BUTTON = 0x81,
  TK_CODE_SHOWN = 0x82,
  TK_DISPLAY_OFF = 0x83,
  TK_BATTERY = 0x84,
  TK_ERROR = 0x85
};

enum tk_status {
  TK_OK = 0x00,
  TK_BAD_REQUEST = 0x01,
  TK_UNKNOWN_TYPE = 0x02,
  TK_UNSUPPORTED_VERSION = 0x03,
  TK_NOT_PROVISIONED = 0x04,
  TK_WRONG_MODE = 0x05,
  TK_BUSY = 0x06,
  TK_STORAGE_FAILED = 0x07,
  TK_BAD_CRC = 0x08,
  TK_TOO_LARGE = 0x09,
  TK_LOW_BATTERY = 0x0a,
  TK_INTERNAL = 0xff
};

/* INFO capability bits. */
#define TK_CAP_BUTTON 0x0001u
#define TK_CAP_DISPLAY 0x0002u
#define TK_CAP_CLOCK 0x0004u
#define TK_CAP_SECRET_STORAGE 0x0008u
#define TK_CAP_BATTERY 0x0010u
#define TK_CAP_SPEECH 0x0020u
#define TK_CAP_LONG_PRESS 0x0040u

/* INFO clockFlags (additive field, docs/protocol.md §12): set bits mean "do not trust the time". */
#define TK_CLOCK_UNSET 0x01u      /* RTC stopped or never set (DS3231 OSF): set the clock */
#define TK_CLOCK_UNRELIABLE 0x02u /* no battery-backed RTC: CPU clock only, drifts, lost on reset */

/* PROVISION algorithm codes. */
enum tk_alg { TK_SHA1 = 0, TK_SHA256 = 1, TK_SHA512 = 2 };

#endif
