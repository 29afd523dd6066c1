/*
 * DS3231 real-time clock on TWI at 100 kHz, address 0x68: registers 0x00-0x06 hold BCD time (kept in UTC),
 * 0x0E control, 0x0F status with OSF (bit 7): the oscillator stopped (power lost with no coin cell, or
 * never set). Every bus wait is bounded, so a missing or stuck module reads as absent instead of hanging.
 */
#include <avr/io.h>

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
  TWSR = 0;                                 /* prescaler 1 */
  TWBR = (uint8_t)((F_CPU / 100000UL - 16) / 2); /* 100 kHz */
  TWCR = _BV(TWEN);
}

static uint8_t bcd(uint8_t v) { return (uint8_t)((v >> 4) * 10u + (v & 0x0Fu)); }
static uint8_t to_bcd(uint8_t v) { return (uint8_t)(((v / 10u) << 4) | (v % 10u)); }

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms, years 2000-2099 here). */
static uint16_t days_from_civil(uint16_t y, uint8_t m, uint8_t d) {
  y = (uint16_t)(y - (m <= 2));
  uint16_t era_y = (uint16_t)(y - 2000u); /* 2000 starts a 400-year era */
  uint16_t mp = (uint16_t)((m + 9u) % 12u);
  uint16_t doy = (uint16_t)((153u * mp + 2u) / 5u + d - 1u);
  uint32_t doe = (uint32_t)era_y * 365u + era_y / 4u - era_y / 100u + doy;
  return (uint16_t)(10957u + 60u + doe); /* 2000-03-01 is day 11,017 */
}

tk_rtc_t hal_rtc_read(uint32_t *unix_sec) {
  uint8_t r[7], status;
  if (!read_regs(0x00, r, sizeof r) || !read_regs(0x0F, &status, 1)) return TK_RTC_ABSENT;
  uint8_t sec = bcd(r[0] & 0x7F), min = bcd(r[1] & 0x7F), hour = bcd(r[2] & 0x3F);
  if (r[2] & 0x40) { /* 12-hour mode (set by other software): convert */
    hour = bcd(r[2] & 0x1F) % 12u;
    if (r[2] & 0x20) hour = (uint8_t)(hour + 12u);
  }
  uint8_t day = bcd(r[4] & 0x3F), month = bcd(r[5] & 0x1F);
  uint16_t year = (uint16_t)(2000u + bcd(r[6]));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 59) {
    *unix_sec = 946684800UL; /* garbage registers: report 2000-01-01 and "stopped" */
    return TK_RTC_STOPPED;
  }
  *unix_sec = (uint32_t)days_from_civil(year, month, day) * 86400UL + (uint32_t)hour * 3600u + min * 60u + sec;
  return (status & 0x80) ? TK_RTC_STOPPED : TK_RTC_OK;
}

bool hal_rtc_write(uint32_t unix_sec) {
  uint16_t days = (uint16_t)(unix_sec / 86400UL);
  uint32_t rest = unix_sec % 86400UL;
  /* civil_from_days for days since 2000-03-01 */
  uint16_t doe = (uint16_t)(days - 11017u);
  uint16_t yoe = (uint16_t)((doe - doe / 1460u + doe / 36524u) / 365u);
  uint16_t doy = (uint16_t)(doe - (365u * yoe + yoe / 4u - yoe / 100u));
  uint8_t mp = (uint8_t)((5u * doy + 2u) / 153u);
  uint8_t d = (uint8_t)(doy - (153u * mp + 2u) / 5u + 1u);
  uint8_t m = (uint8_t)(mp < 10 ? mp + 3u : mp - 9u);
  uint16_t y = (uint16_t)(2000u + yoe + (m <= 2));
  uint8_t r[7] = {to_bcd((uint8_t)(rest % 60u)),
                  to_bcd((uint8_t)((rest / 60u) % 60u)),
                  to_bcd((uint8_t)(rest / 3600u)), /* 24-hour mode */
                  (uint8_t)((days + 4u) % 7u + 1u),   /* weekday 1-7, 1 = Monday... unused by us */
                  to_bcd(d),
                  to_bcd(m),
                  to_bcd((uint8_t)(y % 100u))};
  static const uint8_t control = 0x1C; /* oscillator on (EOSC = 0) on battery too, INTCN, no square wave */
  uint8_t status;
  if (!write_regs(0x00, r, sizeof r) || !write_regs(0x0E, &control, 1) || !read_regs(0x0F, &status, 1)) return false;
  status &= 0x7F; /* clear OSF: the time is valid now */
  return write_regs(0x0F, &status, 1);
}
