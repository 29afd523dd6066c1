/* The firmware core's entry points for a port's main loop. All calls come from the main loop, never from
   an interrupt handler: an ISR only queues bytes or notes a pin change, and the loop calls these. */
#ifndef TK_TK_H
#define TK_TK_H

#include <stdbool.h>
#include <stdint.h>

#include "clock.h"

#define TK_FIRMWARE_VERSION "1.0.0"

typedef enum { TK_MODE_SMART = 0, TK_MODE_DISPLAY = 1 } tk_mode_t;

typedef struct {
  tk_mode_t mode;
  /* Board time to start from when there is no RTC, and whether it is a real time. */
  tk_time_t start;
  bool start_set;
} tk_boot_t;

/* Boots: reads the store (making the identity on first boot), starts the clock. */
void tk_init(const tk_boot_t *boot);
/* One received byte. Whole frames are handled at once: replies and events go out through hal_tx. */
void tk_rx_byte(uint8_t byte);
/* The port's receive buffer overran: the frame in progress is corrupt (answered ERROR BAD_CRC). */
void tk_rx_lost(void);
/* The button pin changed (debounced by the core). */
void tk_button_changed(void);
/* Runs due timers (display timeout, step boundary, countdown refresh, debounce, RTC work). */
void tk_poll(void);
/* Milliseconds until tk_poll has work (0: now); UINT32_MAX: nothing scheduled. */
uint32_t tk_idle_ms(void);
/* The serial number (10 digits), for the port's ready line. */
const char *tk_serial(void);

#endif
