/*
 * The token: the wire protocol of docs/protocol.md over the framing, and the state machine of
 * firmware-sim/firmware.ts (press, long press, display timeout, step boundary, smart and display mode).
 * The differential test holds the two to the same frames, so where they could differ this follows the
 * TypeScript model, including its order of events before the reply.
 */
#include <string.h>

#include "clock.h"
#include "frame.h"
#include "hal.h"
#include "hash.h"
#include "profile.h"
#include "proto.h"
#include "store.h"
#include "tk.h"

#define DEBOUNCE_MS 20u
#define REFRESH_MS 1000u
#define BATTERY_CHECK_MS 60000u
#define TX_RAW_BYTES 48u /* the largest frame the board sends is INFO: 42 bytes */

typedef struct {
  bool armed;
  uint32_t at; /* hal_millis() */
} timer_t_;

static tk_rx_t rx;
static tk_identity_t ident;
static tk_secret_t secret;
static tk_mode_t mode;

static uint8_t tx_raw[TX_RAW_BYTES];
static uint8_t tx_enc[TX_RAW_BYTES + 2];
static uint8_t tx_len;
static bool tx_overflow;

/* What is shown (firmware.ts DisplayState). */
static tk_show_t show;
static char code[TK_MAX_DIGITS + 1];
static uint8_t code_len;
static uint32_t code_step;
static tk_time_t until; /* CODE: the step's end; DIGITS: the countdown's end (board time) */
static uint32_t shown_tick;
static uint8_t status_percent;
static bool status_low;

static timer_t_ t_blank, t_boundary, t_refresh, t_debounce, t_battery;
static bool button_stable;
static uint32_t button_down_tick;
static uint8_t last_battery;

static void arm(timer_t_ *t, uint32_t delay_ms) {
  /* Deadlines compare as signed 32-bit differences: ~24.8 days is the longest (DISPLAY may ask 49). */
  if (delay_ms > 0x7FFFFFFFu) delay_ms = 0x7FFFFFFFu;
  t->armed = true;
  t->at = hal_millis() + delay_ms;
}

static bool due(timer_t_ *t, uint32_t now) {
  if (!t->armed || (int32_t)(now - t->at) < 0) return false;
  t->armed = false;
  return true;
}

/* ---- sending ------------------------------------------------------------------------------------------ */

static void begin(void) {
  tx_len = TK_HEADER_BYTES;
  tx_overflow = false;
}

static void put8(uint8_t v) {
  if (tx_len + TK_CRC_BYTES >= TX_RAW_BYTES) {
    tx_overflow = true;
    return;
  }
  tx_raw[tx_len++] = v;
}

static void put32(uint32_t v) {
  for (uint8_t i = 0; i < 4; i++) put8((uint8_t)(v >> (8 * i)));
}

/* A time as u64 Unix ms: sec * 1000 + ms, multiplied byte by byte (no 64-bit arithmetic). */
static void put_time(tk_time_t t) {
  uint32_t carry = t.ms;
  for (uint8_t i = 0; i < 4; i++) {
    carry += (uint32_t)(uint8_t)(t.sec >> (8 * i)) * 1000u;
    put8((uint8_t)carry);
    carry >>= 8;
  }
  put32(carry);
}

static void put_str(const char *s) {
  uint8_t n = (uint8_t)strlen(s);
  put8(n);
  for (uint8_t i = 0; i < n; i++) put8((uint8_t)s[i]);
}

static void finish(uint8_t type, uint16_t id) {
  if (tx_overflow) return; /* cannot happen with the fields above; never send a cut frame */
  tx_raw[0] = TK_PROTOCOL_VERSION;
  tx_raw[1] = type;
  tx_raw[2] = (uint8_t)id;
  tx_raw[3] = (uint8_t)(id >> 8);
  uint16_t crc = tk_crc16(tx_raw, tx_len);
  tx_raw[tx_len++] = (uint8_t)crc;
  tx_raw[tx_len++] = (uint8_t)(crc >> 8);
  hal_tx(tx_enc, tk_cobs_encode(tx_raw, tx_len, tx_enc));
}

static void send_status(uint16_t id, uint8_t status) {
  begin();
  put8(status);
  finish(TK_STATUS, id);
}

static void send_error(uint8_t status) {
  begin();
  put8(status);
  finish(TK_ERROR, 0);
}

/* A frame's fault goes back as STATUS to its id, or as an ERROR event when it has none (docs §5). */
static void answer_fault(uint16_t id, uint8_t status) {
  if (id != 0)
    send_status(id, status);
  else
    send_error(status);
}

static void send_code(uint8_t type, uint16_t id, uint32_t remaining) {
  begin();
  put32(code_step);
  put32(remaining);
  put8(code_len);
  for (uint8_t i = 0; i < code_len; i++) put8((uint8_t)code[i]);
  finish(type, id);
}

static void send_button(bool long_press, bool host) {
  begin();
  put8((uint8_t)((long_press ? 1u : 0u) | (host ? 2u : 0u)));
  finish(TK_BUTTON, 0);
}

static void send_battery(uint8_t percent, bool low) {
  begin();
  put8(percent);
  put8(low ? 1u : 0u);
  finish(TK_BATTERY, 0);
}

/* ---- display -------------------------------------------------------------------------------------------- */

static uint32_t remaining_ms(void) {
  if (show != TK_SHOW_CODE && show != TK_SHOW_DIGITS) return 0;
  return tk_time_until(until, tk_clock_now());
}

static void render(void) {
  tk_display_t d;
  memset(&d, 0, sizeof d);
  d.kind = show;
  d.code_len = code_len;
  memcpy(d.code, code, sizeof d.code);
  d.remaining_ms = remaining_ms();
  d.shown_ms = hal_millis() - shown_tick;
  d.serial = ident.serial;
  d.activation = ident.activation;
  d.battery_percent = status_percent;
  d.low_battery = status_low;
  d.clock_flags = tk_clock_flags();
  if ((show == TK_SHOW_CODE || show == TK_SHOW_DIGITS) && d.remaining_ms == 0) {
    /* The countdown is over: the step boundary (next code) or the blanking takes over; never show 00. */
    t_refresh.armed = false;
    return;
  }
  hal_display_show(&d);
  if (show == TK_SHOW_OFF) {
    t_refresh.armed = false;
  } else {
    /* On every whole second since the screen began (pages turn on those) and, for countdowns, on every
       whole second of the countdown: whichever comes first. */
    uint32_t next = REFRESH_MS - d.shown_ms % REFRESH_MS;
    uint32_t countdown = d.remaining_ms % REFRESH_MS;
    if ((show == TK_SHOW_CODE || show == TK_SHOW_DIGITS) && countdown && countdown < next) next = countdown;
    arm(&t_refresh, next);
  }
}

static void set_show(tk_show_t kind) {
  if (kind != TK_SHOW_CODE) t_boundary.armed = false;
  show = kind;
  shown_tick = hal_millis();
  render();
}

static void blank(void) {
  t_blank.armed = false;
  t_boundary.armed = false;
  if (show == TK_SHOW_OFF) return;
  set_show(TK_SHOW_OFF);
  begin();
  finish(TK_DISPLAY_OFF, 0);
}

static void arm_blank(uint32_t ms) { arm(&t_blank, ms); }

/* The last code computed, for its step and secret (by sequence number): a press computes the code while
   the button is still down (see tk_poll), so the release only shows it. Codes are shown anyway: caching
   one is no secret kept. */
static bool cache_valid;
static uint32_t cache_step;
static uint16_t cache_seq;
static char cache_code[TK_MAX_DIGITS + 1];

/* HOTP (RFC 4226) of counter with the active secret into code/code_len. */
static bool hotp(uint32_t counter) {
  if (cache_valid && cache_step == counter && cache_seq == secret.seq) {
    memcpy(code, cache_code, sizeof code);
    code_len = secret.digits;
    return true;
  }
  tk_hash_state_t inner, outer;
  uint8_t msg[8] = {0};
  if (!tk_store_read_pads(&secret, &inner, &outer)) return false;
  for (uint8_t i = 0; i < 4; i++) msg[7 - i] = (uint8_t)(counter >> (8 * i)); /* big-endian u64 */
  const uint8_t *mac = tk_hmac_finish(secret.alg, &inner, &outer, msg, 8);
  uint8_t off = mac[tk_hash_digest_len(secret.alg) - 1] & 0x0F;
  uint32_t v = ((uint32_t)(mac[off] & 0x7F) << 24) | ((uint32_t)mac[off + 1] << 16) | ((uint32_t)mac[off + 2] << 8) |
               mac[off + 3];
  memset(&inner, 0, sizeof inner);
  memset(&outer, 0, sizeof outer);
  code_len = secret.digits;
  code[code_len] = 0;
  /* v < 2^31 < 10^10: for 10 digits the value is its own remainder. */
  for (uint8_t i = code_len; i > 0; i--) {
    code[i - 1] = (char)('0' + v % 10u);
    v /= 10u;
  }
  memcpy(cache_code, code, sizeof code);
  cache_step = counter;
  cache_seq = secret.seq;
  cache_valid = true;
  return true;
}

/* The step for board time now and the board time it ends; false before T0 or past 2106. */
static bool step_at(tk_time_t now, uint32_t *step, uint32_t *end) {
  if (now.sec < secret.t0_sec) return false;
  /* Whole seconds decide the step: periods are whole seconds. */
  *step = (now.sec - secret.t0_sec) / secret.period_sec;
  *end = secret.t0_sec + (*step + 1u) * secret.period_sec;
  return *end > now.sec; /* not wrapped */
}

/* Computes and shows the code for now, sends CODE_SHOWN, arms the step boundary (firmware.ts showCode).
   Fails (nothing shown) for a time before T0, or a step end past what the clock can hold (2106). */
static bool show_code(uint32_t *remaining) {
  tk_time_t now = tk_clock_now();
  uint32_t step, end;
  if (!step_at(now, &step, &end) || !hotp(step)) return false;
  code_step = step;
  until.sec = end;
  until.ms = 0;
  *remaining = tk_time_until(until, now);
  set_show(TK_SHOW_CODE);
  send_code(TK_CODE_SHOWN, 0, *remaining);
  arm(&t_boundary, *remaining);
  return true;
}

/* A press (firmware.ts press): events first; then the reply for PRESS (reply_id != 0). */
static void press(bool long_press, bool host, uint16_t reply_id) {
  send_button(long_press, host);
  uint8_t status = TK_OK;
  if (long_press) {
    status_percent = hal_battery_percent();
    if (status_percent > 100) status_percent = 100;
    status_low = status_percent <= TK_PROFILE_LOW_BATTERY_PERCENT;
    set_show(TK_SHOW_STATUS);
    send_battery(status_percent, status_low);
    arm_blank(TK_PROFILE_DISPLAY_TIMEOUT_MS);
  } else if (mode == TK_MODE_DISPLAY) {
    /* the host answers BUTTON with DISPLAY */
  } else if (!secret.provisioned) {
    set_show(TK_SHOW_NOT_PROVISIONED);
    arm_blank(TK_PROFILE_DISPLAY_TIMEOUT_MS);
    status = TK_NOT_PROVISIONED;
  } else {
    uint32_t remaining;
    if (!show_code(&remaining)) {
      status = TK_INTERNAL;
    } else {
      arm_blank(TK_PROFILE_DISPLAY_TIMEOUT_MS);
      if (reply_id) send_code(TK_CODE, reply_id, remaining);
      return;
    }
  }
  if (reply_id) send_status(reply_id, status);
}

/* ---- receiving ------------------------------------------------------------------------------------------ */

typedef struct {
  const uint8_t *p;
  uint8_t n, pos;
  bool bad; /* truncated or out of range: both answer BAD_REQUEST */
} reader_t;

static uint8_t get8(reader_t *r) {
  if (r->pos >= r->n) {
    r->bad = true;
    return 0;
  }
  return r->p[r->pos++];
}

static uint16_t get16(reader_t *r) {
  uint16_t lo = get8(r);
  return (uint16_t)(lo | (get8(r) << 8));
}

static uint32_t get32(reader_t *r) {
  uint32_t lo = get16(r);
  return lo | ((uint32_t)get16(r) << 16);
}

/* A u64 Unix-ms time: values above 2^53 - 1 are rejected (docs §3), and so are times past what the board
   can keep (u32 seconds, 2106). Long division by 1000 byte by byte: no 64-bit arithmetic. */
static tk_time_t get_time(reader_t *r, bool keep) {
  uint8_t b[8];
  tk_time_t t = {0, 0};
  for (uint8_t i = 0; i < 8; i++) b[i] = get8(r);
  if (b[7] || b[6] > 0x1F) r->bad = true;
  uint32_t rem = 0;
  for (uint8_t i = 8; i-- > 0;) {
    rem = (rem << 8) | b[i];
    uint8_t q = (uint8_t)(rem / 1000u);
    rem %= 1000u;
    if (i >= 4 && q) {
      if (keep) r->bad = true;
    } else if (i < 4) {
      t.sec |= (uint32_t)q << (8 * i);
    }
  }
  t.ms = (uint16_t)rem;
  return t;
}

/* A length-prefixed field of at most max bytes; returns its start (or NULL). */
static const uint8_t *get_bytes(reader_t *r, uint8_t max, uint8_t *len) {
  *len = get8(r);
  if (*len > max || r->n - r->pos < *len) {
    r->bad = true;
    return NULL;
  }
  const uint8_t *at = r->p + r->pos;
  r->pos = (uint8_t)(r->pos + *len);
  return at;
}

/* `code` fields: ASCII digits, min..10 of them. */
static const uint8_t *get_digits(reader_t *r, uint8_t min, uint8_t *len) {
  const uint8_t *d = get_bytes(r, TK_MAX_DIGITS, len);
  if (!d) return NULL;
  if (*len < min) r->bad = true;
  for (uint8_t i = 0; i < *len; i++)
    if (d[i] < '0' || d[i] > '9') r->bad = true;
  return r->bad ? NULL : d;
}

/* UTF-8 as a fatal decoder takes it (WHATWG): no overlongs, surrogates, or code points above U+10FFFF. */
static bool utf8_ok(const uint8_t *s, uint8_t n) {
  uint8_t i = 0;
  while (i < n) {
    uint8_t c = s[i++];
    if (c < 0x80) continue;
    uint8_t more, lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      more = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      more = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      more = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    while (more--) {
      if (i >= n) return false;
      c = s[i++];
      if (c < lo || c > hi) return false;
      lo = 0x80;
      hi = 0xBF;
    }
  }
  return true;
}

static void get_string(reader_t *r) {
  uint8_t n;
  const uint8_t *s = get_bytes(r, TK_MAX_STRING_BYTES, &n);
  if (s && !utf8_ok(s, n)) r->bad = true;
}

/* Replies and events sent to a board are ignored, but like the reference decoder the board first checks
   their fields, so a malformed one is answered BAD_REQUEST exactly as firmware-sim answers it. */
static bool foreign_ok(uint8_t type, reader_t *r) {
  uint8_t n;
  switch (type) {
    case TK_INFO:
      if (get8(r) == 0) r->bad = true;
      if (get8(r) > 1) r->bad = true;
      get16(r);
      get8(r);
      get_string(r);
      get_string(r);
      get_string(r);
      break;
    case TK_TIME:
      get_time(r, false);
      get8(r);
      break;
    case TK_STATUS:
    case TK_ERROR:
    case TK_BUTTON:
      get8(r);
      break;
    case TK_CODE:
    case TK_CODE_SHOWN:
      get32(r);
      get32(r);
      get_digits(r, 1, &n);
      break;
    case TK_BATTERY:
      if (get8(r) > 100) r->bad = true;
      get8(r);
      break;
    default: /* DISPLAY_OFF: no fields */
      break;
  }
  return !r->bad;
}

static void on_hello(uint16_t id) {
  uint16_t caps = TK_CAP_BUTTON | TK_CAP_DISPLAY | TK_CAP_CLOCK | TK_CAP_BATTERY | TK_CAP_LONG_PRESS;
  if (mode == TK_MODE_SMART) caps |= TK_CAP_SECRET_STORAGE;
  begin();
  put8(TK_PROTOCOL_VERSION);
  put8((uint8_t)mode);
  put8((uint8_t)caps);
  put8((uint8_t)(caps >> 8));
  put8(secret.provisioned ? 1u : 0u);
  put_str(TK_FIRMWARE_VERSION);
  put_str(TK_PROFILE_ID);
  put_str(ident.serial);
  put8(tk_clock_flags()); /* additive field, docs §12 */
  finish(TK_INFO, id);
}

static void send_time(uint16_t id, bool adjusted) {
  begin();
  put_time(tk_clock_now());
  put8(adjusted ? 1u : 0u);
  finish(TK_TIME, id);
}

static void handle_request(uint8_t type, uint16_t id, reader_t *r) {
  switch (type) {
    case TK_HELLO:
      if (get8(r) == 0) r->bad = true;
      if (r->bad) break;
      on_hello(id);
      return;
    case TK_GET_TIME:
      send_time(id, false);
      return;
    case TK_SET_TIME: {
      tk_time_t at = get_time(r, true);
      bool force = (get8(r) & 1u) != 0;
      if (r->bad) break;
      bool adjusted = tk_clock_set(at, force);
      uint32_t remaining;
      if (adjusted && show == TK_SHOW_CODE && !show_code(&remaining)) {
        send_status(id, TK_INTERNAL);
        return;
      }
      send_time(id, adjusted);
      return;
    }
    case TK_PROVISION: {
      uint8_t alg = get8(r), digits = get8(r);
      uint16_t period = get16(r);
      uint32_t t0 = get32(r);
      uint8_t key_len;
      const uint8_t *key = get_bytes(r, TK_MAX_SECRET_BYTES, &key_len);
      if (alg > TK_SHA512 || digits < TK_MIN_DIGITS || digits > TK_MAX_DIGITS || period == 0 || key_len == 0)
        r->bad = true;
      if (r->bad) break;
      if (mode != TK_MODE_SMART) {
        send_status(id, TK_WRONG_MODE);
        return;
      }
      if (key_len < TK_MIN_BOARD_SECRET_BYTES || !tk_hash_supported(alg)) break;
      if (!tk_store_provision(&secret, alg, digits, period, t0, key, key_len)) {
        send_status(id, TK_STORAGE_FAILED);
        return;
      }
      blank();
      send_status(id, TK_OK);
      return;
    }
    case TK_PRESS: {
      bool long_press = (get8(r) & 1u) != 0;
      if (r->bad) break;
      press(long_press, true, id);
      return;
    }
    case TK_DISPLAY: {
      uint32_t ms = get32(r);
      uint8_t n;
      const uint8_t *digits = get_digits(r, 0, &n);
      if (r->bad) break;
      if (mode != TK_MODE_DISPLAY) {
        send_status(id, TK_WRONG_MODE);
        return;
      }
      if (n == 0) {
        blank();
      } else {
        memcpy(code, digits, n);
        code[n] = 0;
        code_len = n;
        until = tk_time_add(tk_clock_now(), ms);
        set_show(TK_SHOW_DIGITS);
        arm_blank(ms);
      }
      send_status(id, TK_OK);
      return;
    }
    default:
      break;
  }
  send_status(id, TK_BAD_REQUEST);
}

static bool known_type(uint8_t t) {
  return (t >= TK_HELLO && t <= TK_DISPLAY) || (t >= TK_INFO && t <= TK_CODE) || (t >= TK_BUTTON && t <= TK_ERROR);
}

/* One COBS-decoded frame, checked in the order of docs/protocol.md §1. */
static void on_frame(uint8_t *raw, uint8_t n) {
  if (n < TK_HEADER_BYTES + TK_CRC_BYTES) {
    send_error(TK_BAD_REQUEST); /* truncated: no id to answer to */
    return;
  }
  uint8_t body = (uint8_t)(n - TK_CRC_BYTES);
  if (tk_crc16(raw, body) != (uint16_t)(raw[body] | (raw[body + 1] << 8))) {
    send_error(TK_BAD_CRC);
    return;
  }
  uint8_t version = raw[0], type = raw[1];
  uint16_t id = (uint16_t)(raw[2] | (raw[3] << 8));
  if (version > TK_PROTOCOL_VERSION) return answer_fault(id, TK_UNSUPPORTED_VERSION);
  if (version == 0) return answer_fault(id, TK_BAD_REQUEST);
  if (!known_type(type)) return answer_fault(id, TK_UNKNOWN_TYPE);
  bool is_event = type >= 0x80;
  if (is_event != (id == 0)) return answer_fault(id, TK_BAD_REQUEST);
  reader_t r = {raw + TK_HEADER_BYTES, (uint8_t)(body - TK_HEADER_BYTES), 0, false};
  if (type >= TK_INFO) {
    if (!foreign_ok(type, &r)) answer_fault(id, TK_BAD_REQUEST);
    return;
  }
  handle_request(type, id, &r);
}

void tk_rx_byte(uint8_t byte) {
  switch (tk_rx_push(&rx, byte)) {
    case TK_RX_FRAME:
      on_frame(rx.buf, rx.len);
      /* A PROVISION frame held the secret: leave no copy in RAM. */
      memset(rx.buf, 0, sizeof rx.buf);
      rx.len = 0;
      break;
    case TK_RX_OVERSIZE:
      send_error(TK_TOO_LARGE);
      break;
    case TK_RX_COBS:
    case TK_RX_LOST:
      send_error(TK_BAD_CRC);
      break;
    default:
      break;
  }
}

void tk_rx_lost(void) { tk_rx_mark_lost(&rx); }

/* ---- timers and the button ------------------------------------------------------------------------------ */

void tk_button_changed(void) { arm(&t_debounce, DEBOUNCE_MS); }

void tk_poll(void) {
  uint32_t now = hal_millis();
  uint32_t ignored;
  tk_clock_poll(&ignored);
  if (due(&t_debounce, now)) {
    bool down = hal_button_down();
    if (down != button_stable) {
      button_stable = down;
      if (down) {
        button_down_tick = now;
        /* Work out the code while the button is held: most presses last longer than an HMAC. */
        uint32_t step, end;
        if (mode == TK_MODE_SMART && secret.provisioned && step_at(tk_clock_now(), &step, &end)) (void)hotp(step);
      } else
        press(now - button_down_tick >= TK_PROFILE_LONG_PRESS_MS, false, 0);
    }
  }
  if (due(&t_boundary, now) && show == TK_SHOW_CODE) {
    tk_time_t board = tk_clock_now();
    uint32_t remaining;
    if (tk_time_before(board, until))
      arm(&t_boundary, tk_time_until(until, board)); /* clock corrected */
    else if (!show_code(&remaining))
      blank();
  }
  if (due(&t_blank, now)) blank();
  if (due(&t_refresh, now)) render();
  if (due(&t_battery, now)) {
    uint8_t percent = hal_battery_percent();
    if (percent > 100) percent = 100;
    if (percent != last_battery) {
      last_battery = percent;
      send_battery(percent, percent <= TK_PROFILE_LOW_BATTERY_PERCENT);
    }
    arm(&t_battery, BATTERY_CHECK_MS);
  }
}

uint32_t tk_idle_ms(void) {
  uint32_t now = hal_millis();
  uint32_t best = UINT32_MAX, at;
  const timer_t_ *timers[] = {&t_blank, &t_boundary, &t_refresh, &t_debounce, &t_battery};
  for (uint8_t i = 0; i < sizeof timers / sizeof timers[0]; i++) {
    if (!timers[i]->armed) continue;
    int32_t left = (int32_t)(timers[i]->at - now);
    uint32_t ms = left > 0 ? (uint32_t)left : 0u;
    if (ms < best) best = ms;
  }
  if (tk_clock_next(&at)) {
    int32_t left = (int32_t)(at - now);
    uint32_t ms = left > 0 ? (uint32_t)left : 0u;
    if (ms < best) best = ms;
  }
  return best;
}

const char *tk_serial(void) { return ident.serial; }

__attribute__((noinline)) static void make_digits(char *out, const uint8_t *random, uint8_t n) {
  for (uint8_t i = 0; i < n; i++) out[i] = (char)('0' + random[i] % 10u);
  out[n] = 0;
}

/* Out of line (like hal_random): boot-time buffers must not stay in main's stack frame for good. */
__attribute__((noinline)) void tk_init(const tk_boot_t *boot) {
  mode = boot->mode;
  tk_rx_reset(&rx);
  if (!tk_store_load_identity(&ident)) {
    uint8_t random[TK_SERIAL_DIGITS + TK_ACTIVATION_DIGITS];
    hal_random(random, sizeof random);
    make_digits(ident.serial, random, TK_SERIAL_DIGITS);
    make_digits(ident.activation, random + TK_SERIAL_DIGITS, TK_ACTIVATION_DIGITS);
    tk_store_save_identity(&ident); /* if it fails the board still works, with a new serial next boot */
  }
  tk_store_load_secret(&secret);
  tk_clock_init(boot->start, boot->start_set);
  show = TK_SHOW_OFF;
  button_stable = hal_button_down();
  last_battery = hal_battery_percent();
  arm(&t_battery, BATTERY_CHECK_MS);
  render();
}
