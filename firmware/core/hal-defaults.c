/* Defaults for the Optional hooks of hal.h, as weak symbols: a port overrides any of them by defining it. */
#include "hal.h"

__attribute__((weak)) tk_rtc_t hal_rtc_read(uint32_t *unix_sec, uint16_t *late_ms) {
  (void)unix_sec;
  (void)late_ms;
  return TK_RTC_ABSENT;
}

__attribute__((weak)) bool hal_rtc_write(uint32_t unix_sec, uint16_t late_ms) {
  (void)unix_sec;
  (void)late_ms;
  return false;
}

__attribute__((weak)) bool hal_button_down(void) { return false; }

__attribute__((weak)) void hal_display_show(const tk_display_t *d) { (void)d; }

__attribute__((weak)) uint8_t hal_battery_percent(void) { return 100; }

__attribute__((weak)) void hal_store_discard(uint16_t addr, uint16_t n) {
  (void)addr;
  (void)n;
}
