/*
 * DS3231 real-time clock on TWI at 100 kHz, address 0x68: registers 0x00-0x06 hold BCD time (kept in UTC),
 * 0x0E control, 0x0F status with OSF (bit 7): the oscillator stopped (power lost with no coin cell, or
 * never set). Every bus wait is bounded, so a missing or stuck module reads as absent instead of hanging.
 */
#include <avr/io.h>
#include <avr/pgmspace.h>

#include "board.h"
#include "hal.h"

#define DS3231_ADDR 0x68u
#define TWI_WAIT_LOOPS 2000u /* ~1.5 ms at 16 MHz; one byte at 100 kHz takes 90 us */

static bool twi_wait(void) {
  for (uint16_t i = 0; i < TWI_WAIT_LOOPS; i++)
    if (TWCR & _BV(TWINT)) return true;
  return false;
}

static uint8_t twi_status(void) { return TWSR & 0xF8u; }

static bool twi_start(uint8_t addr_rw) {
  TWCR = _BV(TWINT) | _BV(TWSTA) | _BV(TWEN);
  if (!twi_wait() || (twi_status() != 0x08 && twi_status() != 0x10)) return false;
  TWDR = addr_rw;
  TWCR = _BV(TWINT) | _BV(TWEN);
  if (!twi_wait()) return false;
  return twi_status() == 0x18 || twi_status() == 0x40; /* SLA+W or SLA+R acknowledged */
}

static bool twi_write(uint8_t b) {
  TWDR = b;
  TWCR = _BV(TWINT) | _BV(TWEN);
  return twi_wait() && twi_status() == 0x28;
}

static bool twi_read(uint8_t *b, bool ack) {
  TWCR = _BV(TWINT) | _BV(TWEN) | (ack ? _BV(TWEA) : 0);
  if (!twi_wait()) return false;
  *b = TWDR;
  return true;
}

static void twi_stop(void) { TWCR = _BV(TWINT) | _BV(TWSTO) | _BV(TWEN); }

static bool read_regs(uint8_t reg, uint8_t *buf, uint8_t n) {
  bool ok = twi_start((uint8_t)(DS3231_ADDR << 1)) && twi_write(reg) && twi_start((uint8_t)(DS3231_ADDR << 1 | 1));
  for (uint8_t i = 0; ok && i < n; i++) ok = twi_read(&buf[i], i + 1u < n);
  twi_stop();
  return ok;
}

static bool write_regs(uint8_t reg, const uint8_t *buf, uint8_t n) {
  bool ok = twi_start((uint8_t)(DS3231_ADDR << 1)) && twi_write(reg);
  for (uint8_t i = 0; ok && i < n; i++) ok = twi_write(buf[i]);
  twi_stop();
  return ok;
}

void ds3231_init(void) {
  TWSR = 0;                                      /* prescaler 1 */
  TWBR = (uint8_t)((F_CPU / 100000UL - 16) / 2); /* 100 kHz */
  TWCR = _BV(TWEN);
}

static uint8_t bcd(uint8_t v) { return (uint8_t)((v >> 4) * 10u + (v & 0x0Fu)); }
static uint8_t to_bcd(uint8_t v) { return (uint8_t)(((v / 10u) << 4) | (v % 10u)); }

/* The DS3231 keeps 2000-2099 (no century here): every fourth year is a leap year in that range. */
#define UNIX_2000 946684800UL
#define DAYS_1970_TO_2000 10957u
static const uint8_t MONTH_DAYS[12] PROGMEM = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static uint8_t month_days(uint8_t month0, uint8_t year) {
  return (uint8_t)(pgm_read_byte(&MONTH_DAYS[month0]) + (month0 == 1 && (year & 3u) == 0));
}

static uint16_t year_days(uint8_t year) { return (year & 3u) ? 365u : 366u; }

/* late_ms lives in the alarm-1 seconds and minutes registers (0x07 bits 0-6, 0x08 bits 0-2): battery-backed,
   and the alarm stays off (A1IE = 0 in the control register). */
tk_rtc_t hal_rtc_read(uint32_t *unix_sec, uint16_t *late_ms) {
  uint8_t r[9], status;
  if (!read_regs(0x00, r, sizeof r) || !read_regs(0x0F, &status, 1)) return TK_RTC_ABSENT;
  uint8_t sec = bcd(r[0] & 0x7F), min = bcd(r[1] & 0x7F), hour = bcd(r[2] & 0x3F);
  uint8_t day = bcd(r[4] & 0x3F), month = bcd(r[5] & 0x1F), year = bcd(r[6]);
  uint16_t late = (uint16_t)((r[8] & 0x07u) << 7 | (r[7] & 0x7Fu));
  *late_ms = late < 1000u ? late : 0u;
  *unix_sec = UNIX_2000;
  /* 12-hour mode (bit 6, set by other software) or impossible values: not a time we wrote. */
  if ((r[2] & 0x40) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 59 || year > 99)
    return TK_RTC_STOPPED;
  uint16_t days = (uint16_t)(day - 1u);
  for (uint8_t y = 0; y < year; y++) days = (uint16_t)(days + year_days(y));
  for (uint8_t m = 0; m + 1u < month; m++) days = (uint16_t)(days + month_days(m, year));
  *unix_sec = ((uint32_t)days + DAYS_1970_TO_2000) * 86400UL + (uint32_t)hour * 3600u + min * 60u + sec;
  return (status & 0x80) ? TK_RTC_STOPPED : TK_RTC_OK;
}

bool hal_rtc_write(uint32_t unix_sec, uint16_t late_ms) {
  if (unix_sec < UNIX_2000) return false; /* the DS3231 cannot hold it: the clock is reported unreliable */
  uint16_t days = (uint16_t)(unix_sec / 86400UL - DAYS_1970_TO_2000);
  uint32_t rest = unix_sec % 86400UL;
  uint8_t year = 0, month = 0;
  while (days >= year_days(year)) days = (uint16_t)(days - year_days(year++));
  if (year > 99) return false;
  while (days >= month_days(month, year)) days = (uint16_t)(days - month_days(month++, year));
  uint8_t r[9] = {to_bcd((uint8_t)(rest % 60u)),
                  to_bcd((uint8_t)((rest / 60u) % 60u)),
                  to_bcd((uint8_t)(rest / 3600u)), /* 24-hour mode */
                  1,                               /* weekday: not used */
                  to_bcd((uint8_t)(days + 1u)),
                  to_bcd((uint8_t)(month + 1u)),
                  to_bcd(year),
                  (uint8_t)(late_ms & 0x7Fu),
                  (uint8_t)(late_ms >> 7)};
  static const uint8_t control = 0x1C; /* oscillator on (EOSC = 0) on battery too, INTCN, no square wave */
  uint8_t status;
  if (!write_regs(0x00, r, sizeof r) || !write_regs(0x0E, &control, 1) || !read_regs(0x0F, &status, 1)) return false;
  status &= 0x7F; /* clear OSF: the time is valid now */
  return write_regs(0x0F, &status, 1);
}
