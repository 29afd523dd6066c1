/*
 * The board clock: UTC as Unix seconds + milliseconds from hal_millis() since a base, disciplined by the
 * RTC when there is one. The CPU clock of an Uno (ceramic resonator) is ~0.5 % off; the DS3231 is ±2 ppm
 * but only reads in whole seconds. So once a minute the core polls the RTC every 10 ms around a second
 * edge, sets the clock to that edge (±5 ms), and learns the CPU clock's rate error from successive edges,
 * which keeps the clock within a few ms between edges. SET_TIME writes the RTC at once (with the ms into the
 * second, which the RTC keeps, so a reset cannot bring the old time back) and again exactly on a whole second.
 *
 * Times are (u32 seconds, u16 ms), not u64 ms: 64-bit arithmetic costs kilobytes of AVR flash. The board
 * keeps times up to 2106-02-07 (u32 seconds); SET_TIME beyond that is BAD_REQUEST.
 */
#ifndef TK_CLOCK_H
#define TK_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
  uint32_t sec;
  uint16_t ms; /* 0..999 */
} tk_time_t;

tk_time_t tk_time_add(tk_time_t t, uint32_t ms);
/* a - b in ms, for a >= b less than ~49 days apart; 0 when a < b. */
uint32_t tk_time_until(tk_time_t a, tk_time_t b);
bool tk_time_before(tk_time_t a, tk_time_t b);

/* start: the time to start from when there is no RTC; start_set: whether that time is real. */
void tk_clock_init(tk_time_t start, bool start_set);
tk_time_t tk_clock_now(void);
/* SET_TIME: a soft set (force false) never moves the clock back. Returns whether the clock was set. */
bool tk_clock_set(tk_time_t t, bool force);
/* TK_CLOCK_UNSET | TK_CLOCK_UNRELIABLE (proto.h). */
uint8_t tk_clock_flags(void);
/* Does RTC work that is due; *next_tick gets the hal_millis() time of the next (returns false: none). */
bool tk_clock_poll(uint32_t *next_tick);
/* When RTC work is next due, without doing any (returns false: none scheduled). */
bool tk_clock_next(uint32_t *next_tick);

#endif
