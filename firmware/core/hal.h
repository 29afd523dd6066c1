/*
 * The hardware abstraction layer of the tokenkit firmware core, in the style of solo1's fido2/device.h:
 * every hook says whether a port must provide it (Required) or may (Optional, with the default the core
 * links in, hal-defaults.c, as weak symbols), and what it must do. The core calls hooks only from the main
 * loop (tk_poll, tk_rx_byte, ...), never from an interrupt, and never re-enters a hook.
 *
 * A port also provides "tk_port.h" on the include path (see the end of this file) for the few compile-time
 * choices: where constant tables live and how big the store is.
 */
#ifndef TK_HAL_H
#define TK_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tk_port.h"

/* ---- Required ------------------------------------------------------------------------------------- */

/* Required. Monotonic milliseconds since boot, wrapping at 2^32 (the core only uses differences).
   Must never go backwards and should be accurate to the CPU clock (the RTC corrects it, see clock.c). */
uint32_t hal_millis(void);

/* Required. Queue n bytes (1..256) for the host, in order; block until all are queued if the transmit
   buffer is full. Bytes must leave in the order queued, with nothing dropped or inserted. */
void hal_tx(const uint8_t *bytes, uint16_t n);

/* Required. Read n bytes of non-volatile storage at addr (0 <= addr, addr + n <= TK_STORE_BYTES).
   Returns false only on a hardware fault. Erased or never-written storage may hold any value. */
bool hal_store_read(uint16_t addr, void *buf, uint16_t n);

/* Required. Write n bytes at addr and return only once they are durable (survive a power cut).
   Returns false on failure. A cut during the write may leave any mix of old and new bytes in the
   range written, but must not touch bytes outside it (the two-slot store relies on that). */
bool hal_store_write(uint16_t addr, const void *buf, uint16_t n);

/* Required. Fill buf with n unpredictable bytes. Used once, at first boot, for the serial number and
   activation code (not for keys: the secret comes from the host). */
void hal_random(uint8_t *buf, uint8_t n);

/* ---- Optional ------------------------------------------------------------------------------------- */

typedef enum {
  TK_RTC_OK = 0,      /* running, time valid */
  TK_RTC_STOPPED = 1, /* present but its time is not valid (DS3231 OSF set: stopped or never set) */
  TK_RTC_ABSENT = 2   /* no RTC answers */
} tk_rtc_t;

/* Optional; default: returns TK_RTC_ABSENT. Read the battery-backed real-time clock as Unix seconds (UTC),
   and *late_ms: the ms value last given to hal_rtc_write (0-999; 0 when the RTC keeps none). Called at boot
   and about every 10 ms for up to 1.5 s once a minute, to find the second edges. */
tk_rtc_t hal_rtc_read(uint32_t *unix_sec, uint16_t *late_ms);

/* Optional; default: returns false. Set the RTC to unix_sec (UTC), restart its seconds counter at this
   instant and mark its time valid (clear OSF). late_ms (0-999): how far into second unix_sec this instant
   is; the RTC keeps it battery-backed (DS3231: two alarm-1 registers) and hal_rtc_read returns it, so its
   second edges are known to fall late_ms into the true second. SET_TIME writes at once with late_ms (a
   reset before the next whole second keeps the new time), then again on the whole second with 0.
   Returns false if no RTC answered. */
bool hal_rtc_write(uint32_t unix_sec, uint16_t late_ms);

/* Optional; default: returns false (no button). The button's raw level: true while pressed. The core
   debounces (TK_DEBOUNCE_MS); the port calls tk_button_changed() from the main loop after a pin change. */
bool hal_button_down(void);

/* What the display shows: the core calls hal_display_show on every change of state and about once a
   second while something is shown (for countdowns and pages). */
typedef enum {
  TK_SHOW_OFF = 0,
  TK_SHOW_CODE,            /* smart token: code, remaining_ms until the step ends */
  TK_SHOW_NOT_PROVISIONED, /* smart token pressed before a secret was provisioned */
  TK_SHOW_STATUS,          /* long press: serial, activation code, battery */
  TK_SHOW_DIGITS           /* display board: digits pushed by the host, remaining_ms of its countdown */
} tk_show_t;

typedef struct {
  tk_show_t kind;
  uint8_t code_len;        /* CODE, DIGITS: 1..10 ASCII digits in code */
  char code[11];           /* NUL-terminated */
  uint32_t remaining_ms;   /* CODE, DIGITS */
  uint32_t shown_ms;       /* ms since this state began (for paging long content) */
  const char *serial;      /* STATUS: 10 digits, NUL-terminated */
  const char *activation;  /* STATUS: 8 digits, NUL-terminated */
  uint8_t battery_percent; /* STATUS */
  bool low_battery;        /* STATUS */
  uint8_t clock_flags;     /* TK_CLOCK_UNSET | TK_CLOCK_UNRELIABLE: a display may mark an untrusted clock */
} tk_display_t;

/* Optional; default: does nothing (a board without a display, e.g. the posix build). Render d. Must not
   block for long (a MAX7219 update takes ~0.1 ms; budget: under 2 ms). d is valid only during the call. */
void hal_display_show(const tk_display_t *d);

/* Optional; default: returns 100 (powered from USB). Battery level 0..100. Read on a long press and
   once a minute; a change sends the BATTERY event. */
uint8_t hal_battery_percent(void);

/* Optional; default: does nothing. The n bytes at addr hold nothing of value any more (the slot a
   PROVISION just replaced). A store that writes faster into erased cells (AVR EEPROM: 1.8 ms instead of
   3.4 ms a byte) may erase them in the background. It must not block, and a later hal_store_write must
   still store exactly what it is given whatever state the background work left the bytes in. */
void hal_store_discard(uint16_t addr, uint16_t n);

/* ---- tk_port.h --------------------------------------------------------------------------------------
 * TK_STORE_BYTES     Required: size of the non-volatile store (>= TK_STORE_MIN_BYTES, store.h).
 * TK_ROM             Optional, default empty: attribute for constant tables (AVR: PROGMEM).
 * TK_ROM_U8(p), TK_ROM_U32(p)
 *                    Optional, default *(p): read a uint8_t / uint32_t from such a table
 *                    (AVR: pgm_read_byte, pgm_read_dword).
 * TK_WITH_SHA256, TK_WITH_SHA512
 *                    Optional, default 1: build with these algorithms (PROVISION of a missing one
 *                    answers BAD_REQUEST). For size measurements of smaller builds.
 */
#ifndef TK_ROM
#define TK_ROM
#endif
#ifndef TK_ROM_U8
#define TK_ROM_U8(p) (*(p))
#endif
#ifndef TK_ROM_U32
#define TK_ROM_U32(p) (*(p))
#endif
#ifndef TK_WITH_SHA256
#define TK_WITH_SHA256 1
#endif
#ifndef TK_WITH_SHA512
#define TK_WITH_SHA512 1
#endif

#endif
