/* ATmega328P port choices (see core/hal.h): tables in flash, read with LPM. */
#ifndef TK_PORT_H
#define TK_PORT_H
#include <avr/pgmspace.h>
#define TK_STORE_BYTES 1024u /* internal EEPROM */
#define TK_ROM PROGMEM
#define TK_ROM_U8(p) pgm_read_byte(p)
#define TK_ROM_U32(p) pgm_read_dword(p)
#endif
