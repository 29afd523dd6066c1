/*
 * The board clock: Unix milliseconds (UTC) from hal_millis() since a base, disciplined by the RTC when
 * there is one. The CPU clock of an Uno (ceramic resonator) is ~0.5 % off; the DS3231 is ±2 ppm but only
 * reads in whole seconds. So once a minute the core polls the RTC every 10 ms around a second edge,
 * sets the clock to that edge (±5 ms), and learns the CPU clock's rate error from successive edges, which
 * keeps the clock within a few ms between edges. SET_TIME writes the RTC exactly on a whole second.
 */
#ifndef TK_CLOCK_H
#define TK_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* start_ms: the time to start from when there is no RTC; start_set: whether that time is real. */
void tk_clock_init(uint64_t start_ms, bool start_set);
uint64_t tk_clock_now(void);
/* SET_TIME: a soft set (force false) never moves the clock back. Returns whether the clock was set. */
bool tk_clock_set(uint64_t ms, bool force);
/* TK_CLOCK_UNSET | TK_CLOCK_UNRELIABLE (proto.h). */
uint8_t tk_clock_flags(void);
/* Does RTC work that is due; *next_tick gets the hal_millis() time of the next, if any (returns false: none). */
bool tk_clock_poll(uint32_t *next_tick);

#endif
