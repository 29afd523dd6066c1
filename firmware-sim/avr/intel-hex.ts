import { parseIntelHex } from '../../src/protocol/index';

/** Program flash of the ATmega328P (32 KB, of which the bootloader may take the top 0.5-2 KB). */
export const ATMEGA328P_FLASH_BYTES = 0x8000;

/**
 * Reads an Intel HEX file (the format avr-objcopy writes) into a 32 KB program image, unused bytes 0xFF
 * like erased flash: the protocol layer's parser (the same that `tokenkit firmware flash` reads images
 * with), bounded to the chip's flash. Throws its IntelHexError (problem, file, line). `file` only names
 * the source in errors.
 */
export function loadIntelHex(text: string, file = 'firmware.hex'): Uint8Array {
  const image = new Uint8Array(ATMEGA328P_FLASH_BYTES).fill(0xff);
  image.set(parseIntelHex(text, file, ATMEGA328P_FLASH_BYTES).bytes);
  return image;
}
