/* The companion board (docs/hardware.md, firmware/README.md): ATmega328P at 16 MHz, Uno or Nano. */
#ifndef TK_BOARD_H
#define TK_BOARD_H

#include <stdbool.h>
#include <stdint.h>

/* MAX7219 8-digit module on hardware SPI: DIN = PB3 (D11), CLK = PB5 (D13), LOAD/CS = PB2 (D10). */
void max7219_init(void);

/* DS3231 on TWI (A4 SDA, A5 SCL), 100 kHz. */
void ds3231_init(void);

#endif
