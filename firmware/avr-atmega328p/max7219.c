/*
 * The display: a MAX7219 8-digit 7-segment module on hardware SPI, Code B decode on all digits. Digit
 * register 1 is the rightmost digit. What each state looks like is written down in firmware/README.md.
 */
#include <avr/io.h>
#include <string.h>

#include "board.h"
#include "hal.h"

#define REG_DECODE 0x09
#define REG_INTENSITY 0x0A
#define REG_SCAN_LIMIT 0x0B
#define REG_SHUTDOWN 0x0C
#define REG_TEST 0x0F
#define DASH 0x0A
#define CHAR_H 0x0C
#define CHAR_L 0x0D
#define BLANK 0x0F
#define DP 0x80
#define PAGE_MS 2000u

static void put(uint8_t reg, uint8_t value) {
  PORTB &= (uint8_t)~_BV(PB2); /* LOAD low */
  SPDR = reg;
  while (!(SPSR & _BV(SPIF))) {
  }
  SPDR = value;
  while (!(SPSR & _BV(SPIF))) {
  }
  PORTB |= _BV(PB2); /* latched on the rising edge */
}

void max7219_init(void) {
  DDRB |= _BV(PB2) | _BV(PB3) | _BV(PB5); /* SS must be an output for master mode */
  PORTB |= _BV(PB2);
  SPCR = _BV(SPE) | _BV(MSTR); /* 4 MHz, mode 0 */
  put(REG_TEST, 0);
  put(REG_DECODE, 0xFF);
  put(REG_SCAN_LIMIT, 7);
  put(REG_INTENSITY, 0x08);
  put(REG_SHUTDOWN, 0);
}

/* Digits left to right, then on. */
static void show8(const uint8_t d[8]) {
  for (uint8_t i = 0; i < 8; i++) put((uint8_t)(8u - i), d[i]);
  put(REG_SHUTDOWN, 1);
}

static uint8_t digit(char c) { return (uint8_t)(c - '0'); }

/* n digits of s at position at. */
static void place(uint8_t d[8], uint8_t at, const char *s, uint8_t n) {
  for (uint8_t i = 0; i < n && at + i < 8; i++) d[at + i] = digit(s[i]);
}

static void code_screen(uint8_t d[8], const tk_display_t *s) {
  uint8_t n = s->code_len;
  if (n <= 6) {
    /* code on the left six digits, seconds left (00-99) on the right two */
    uint32_t sec = (s->remaining_ms + 999u) / 1000u;
    if (sec > 99) sec = 99;
    place(d, 0, s->code, n);
    d[6] = (uint8_t)(sec / 10u);
    d[7] = (uint8_t)(sec % 10u);
  } else if (n <= 8) {
    place(d, 0, s->code, n); /* 7 or 8 digits: no room for the countdown */
  } else {
    /* 9-10 digits: two pages, "1-" + first five, "2-" + the rest, PAGE_MS each */
    uint8_t page = (uint8_t)((s->shown_ms / PAGE_MS) & 1u);
    d[0] = (uint8_t)(page + 1u);
    d[1] = DASH;
    place(d, 3, s->code + 5u * page, page ? (uint8_t)(n - 5u) : 5u);
  }
}

void hal_display_show(const tk_display_t *s) {
  uint8_t d[8];
  memset(d, BLANK, sizeof d);
  switch (s->kind) {
    case TK_SHOW_CODE:
      code_screen(d, s);
      if (s->clock_flags) d[7] |= DP; /* the clock is unset or unreliable: the code may be wrong */
      break;
    case TK_SHOW_DIGITS:
      code_screen(d, s);
      break;
    case TK_SHOW_NOT_PROVISIONED:
      memset(d, DASH, sizeof d);
      break;
    case TK_SHOW_STATUS: {
      /* four pages, PAGE_MS each, round and round until the display times out */
      uint8_t page = (uint8_t)((s->shown_ms / PAGE_MS) % 4u);
      if (page < 2) {
        d[0] = (uint8_t)(page + 1u); /* serial: "1- 12345", "2- 67890" */
        d[1] = DASH;
        place(d, 3, s->serial + 5u * page, 5);
      } else if (page == 2) {
        place(d, 0, s->activation, 8); /* activation code, grouped 4.4 */
        d[3] |= DP;
      } else {
        /* battery: "H" (healthy) or "L" (low) on the left, percent on the right */
        uint8_t p = s->battery_percent;
        d[0] = s->low_battery ? CHAR_L : CHAR_H;
        if (p >= 100) d[5] = 1;
        if (p >= 10) d[6] = (uint8_t)((p / 10u) % 10u);
        d[7] = (uint8_t)(p % 10u);
      }
      break;
    }
    default:
      put(REG_SHUTDOWN, 0); /* off = shutdown */
      return;
  }
  show8(d);
}
