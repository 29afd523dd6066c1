import { AvrImageError } from './errors';

/** Program flash of the ATmega328P (32 KB, of which the bootloader may take the top 0.5-2 KB). */
export const ATMEGA328P_FLASH_BYTES = 0x8000;

/**
 * Reads an Intel HEX file (the format avr-objcopy writes) into a 32 KB program image, unused bytes 0xFF
 * like erased flash. Record types 00 (data), 01 (end), 02/04 (segment/linear base) and 03/05 (start
 * address, ignored) are accepted. Throws AvrImageError naming the line for a malformed record, a bad
 * checksum, data outside the 32 KB, a missing end record, or a file without program bytes.
 * `file` only names the source in errors.
 */
export function loadIntelHex(text: string, file = 'firmware.hex'): Uint8Array {
  const image = new Uint8Array(ATMEGA328P_FLASH_BYTES).fill(0xff);
  let base = 0;
  let sawData = false;
  let sawEnd = false;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = lines[index]!.trim();
    if (line === '') continue;
    if (sawEnd) break; // anything after the end record is not part of the image
    if (!/^:([0-9A-Fa-f]{2}){5,}$/.test(line)) throw new AvrImageError('syntax', { file, line: lineNo });
    const bytes = new Uint8Array((line.length - 1) / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(line.slice(1 + i * 2, 3 + i * 2), 16);
    const count = bytes[0]!;
    if (bytes.length !== count + 5) throw new AvrImageError('syntax', { file, line: lineNo });
    let sum = 0;
    for (const b of bytes) sum = (sum + b) & 0xff;
    if (sum !== 0) throw new AvrImageError('checksum', { file, line: lineNo });
    const offset = (bytes[1]! << 8) | bytes[2]!;
    const type = bytes[3]!;
    const data = bytes.subarray(4, 4 + count);
    switch (type) {
      case 0x00: {
        const address = base + offset;
        if (address + count > ATMEGA328P_FLASH_BYTES) {
          throw new AvrImageError('too-large', {
            file,
            line: lineNo,
            address: `0x${(address + count - 1).toString(16)}`,
          });
        }
        image.set(data, address);
        if (count > 0) sawData = true;
        break;
      }
      case 0x01:
        sawEnd = true;
        break;
      case 0x02:
        if (count !== 2) throw new AvrImageError('syntax', { file, line: lineNo });
        base = ((data[0]! << 8) | data[1]!) * 16;
        break;
      case 0x04:
        if (count !== 2) throw new AvrImageError('syntax', { file, line: lineNo });
        base = ((data[0]! << 8) | data[1]!) << 16;
        break;
      case 0x03:
      case 0x05:
        break;
      default:
        throw new AvrImageError('record-type', {
          file,
          line: lineNo,
          recordType: `0x${type.toString(16).padStart(2, '0')}`,
        });
    }
  }
  if (!sawEnd) throw new AvrImageError('no-end', { file });
  if (!sawData) throw new AvrImageError('empty', { file });
  return image;
}
