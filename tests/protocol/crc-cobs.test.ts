import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRC16_CHECK, cobsDecode, cobsEncode, cobsMaxEncodedLength, crc16 } from '../../src/protocol/index';
import { fromHex, hex } from './arbitraries';
import { referenceCobsEncode, referenceCrc16 } from './reference';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the catalogue check value 0x29B1 for "123456789"', () => {
    // 0x29B1 is the published check value of CRC-16/CCITT-FALSE (CRC-16/IBM-3740), not computed here.
    expect(CRC16_CHECK).toBe(0x29b1);
    expect(crc16(ascii('123456789'))).toBe(0x29b1);
    expect(referenceCrc16(ascii('123456789'))).toBe(0x29b1);
  });

  it('is the init value for no bytes, and matches the bitwise reference on any input', () => {
    expect(crc16(new Uint8Array())).toBe(0xffff);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => crc16(bytes) === referenceCrc16(bytes)));
  });

  it('continues a running CRC across split input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), (bytes, cut) => {
        const at = cut % (bytes.length + 1);
        return crc16(bytes, at, bytes.length, crc16(bytes, 0, at)) === crc16(bytes);
      }),
    );
  });
});

describe('COBS', () => {
  // The worked examples of the COBS article (Wikipedia, "Consistent Overhead Byte Stuffing"), without delimiter.
  const seq = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const examples: [string, number[], number[]][] = [
    ['a zero', [0x00], [0x01, 0x01]],
    ['two zeros', [0x00, 0x00], [0x01, 0x01, 0x01]],
    ['zero, byte, zero', [0x00, 0x11, 0x00], [0x01, 0x02, 0x11, 0x01]],
    ['zero inside', [0x11, 0x22, 0x00, 0x33], [0x03, 0x11, 0x22, 0x02, 0x33]],
    ['no zero', [0x11, 0x22, 0x33, 0x44], [0x05, 0x11, 0x22, 0x33, 0x44]],
    ['trailing zeros', [0x11, 0x00, 0x00, 0x00], [0x02, 0x11, 0x01, 0x01, 0x01]],
    ['254 non-zero bytes', seq(0x01, 0xfe), [0xff, ...seq(0x01, 0xfe)]],
    ['zero then 254 bytes', [0x00, ...seq(0x01, 0xfe)], [0x01, 0xff, ...seq(0x01, 0xfe)]],
    ['255 non-zero bytes', seq(0x01, 0xff), [0xff, ...seq(0x01, 0xfe), 0x02, 0xff]],
    ['254 bytes then zero', [...seq(0x02, 0xff), 0x00], [0xff, ...seq(0x02, 0xff), 0x01, 0x01]],
    ['253 bytes, zero, byte', [...seq(0x03, 0xff), 0x00, 0x01], [0xfe, ...seq(0x03, 0xff), 0x02, 0x01]],
  ];
  it.each(examples)('encodes and decodes the article example: %s', (_name, input, encoded) => {
    expect(hex(cobsEncode(Uint8Array.from(input)))).toBe(hex(Uint8Array.from(encoded)));
    expect(hex(cobsDecode(Uint8Array.from(encoded)))).toBe(hex(Uint8Array.from(input)));
    expect(referenceCobsEncode(input)).toEqual(encoded);
  });

  it('round-trips any bytes, never emits 0x00, matches the reference, stays within the stated bound', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (bytes) => {
        const encoded = cobsEncode(bytes);
        expect(encoded.includes(0)).toBe(false);
        expect(encoded.length).toBeLessThanOrEqual(cobsMaxEncodedLength(bytes.length));
        expect([...encoded]).toEqual(referenceCobsEncode([...bytes]));
        expect(hex(cobsDecode(encoded))).toBe(hex(bytes));
      }),
    );
  });

  it('adds exactly one byte for inputs up to 254 bytes (what bounds a frame at 256 bytes)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 254 }), (bytes) => cobsEncode(bytes).length === bytes.length + 1));
  });

  it('rejects a code byte pointing past the end and an embedded zero', () => {
    expect(() => cobsDecode(fromHex('05 11 22'))).toThrow(RangeError);
    expect(() => cobsDecode(fromHex('03 11 00'))).toThrow(RangeError);
  });
});
