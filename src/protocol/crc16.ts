/**
 * CRC-16/CCITT-FALSE (a.k.a. CRC-16/IBM-3740): width 16, poly 0x1021, init 0xFFFF, no reflection,
 * xorout 0x0000. Check value for ASCII "123456789" is 0x29B1. Chosen because every MCU vendor library and
 * most C snippets implement exactly this variant.
 */
export const CRC16_INIT = 0xffff;
export const CRC16_CHECK = 0x29b1;

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[i] = crc;
  }
  return table;
})();

/** CRC over bytes[start, end). Pass `crc` to continue a running computation. */
export function crc16(bytes: Uint8Array, start = 0, end = bytes.length, crc = CRC16_INIT): number {
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >>> 8) ^ bytes[i]!) & 0xff]!;
  return crc;
}
