/* posix port choices (see core/hal.h). */
#ifndef TK_PORT_H
#define TK_PORT_H
#define TK_STORE_BYTES 1024u /* the same size as the ATmega328P's EEPROM, so the layouts match */
#endif
