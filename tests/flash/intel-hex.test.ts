import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/errors';
import { IntelHexError, parseIntelHex } from '../../src/protocol/index';

/** Builds one record with a correct checksum. */
function record(type: number, address: number, data: number[]): string {
  const body = [data.length, address >> 8, address & 0xff, type, ...data];
  const sum = (0x100 - (body.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return `:${Buffer.from([...body, sum])
    .toString('hex')
    .toUpperCase()}`;
}
const END = ':00000001FF';

describe('Intel HEX', () => {
  it('places data records at their addresses, gaps erased (0xFF), and counts what it sets', () => {
    const text = [record(0, 0, [1, 2, 3, 4]), record(0, 0x10, [5, 6]), record(0, 4, [7]), END, ''].join('\r\n');
    const image = parseIntelHex(text);
    expect([...image.bytes]).toEqual([1, 2, 3, 4, 7, ...new Array(11).fill(0xff), 5, 6]);
    expect(image.dataBytes).toBe(7);
    expect(image.segments).toEqual([
      { start: 0, end: 5 },
      { start: 0x10, end: 0x12 },
    ]);
  });

  it('follows extended address records', () => {
    const image = parseIntelHex([record(2, 0, [0x00, 0x10]), record(0, 0, [0xaa]), END].join('\n'));
    expect(image.bytes.length).toBe(0x101);
    expect(image.bytes[0x100]).toBe(0xaa);
  });

  // The one parser of the host (firmware flash) and the AVR emulator: every problem a typed kind, one line
  // in both languages naming the file (and the line), exit 2.
  const bad: [string, string, string, number | undefined][] = [
    ['a wrong checksum', `:0100000001FF\n${END}`, 'checksum', 1],
    ['a text file', `hello\n${END}`, 'syntax', 1],
    ['a record too short', `:00000001\n${END}`, 'syntax', 1],
    ['a length that does not match', `:0200000001FD\n${END}`, 'syntax', 1],
    ['an address record of the wrong length', `${record(4, 0, [0, 0, 0])}\n${END}`, 'syntax', 1],
    ['data beyond program memory', `${record(4, 0, [0, 1])}\n${record(0, 0, [1])}\n${END}`, 'too-large', 2],
    ['an unknown record type', `${record(0x07, 0, [1])}\n${END}`, 'record-type', 1],
    ['no end record (cut short)', record(0, 0, [1]), 'no-end', undefined],
    ['an empty file', '', 'no-end', undefined],
    ['no program bytes', END, 'empty', undefined],
    ['lines after the end record', `${record(0, 0, [1])}\n${END}\n${record(0, 1, [2])}`, 'after-end', 3],
  ];
  for (const [name, text, problem, line] of bad) {
    it(`refuses ${name}: IntelHexError{problem: ${problem}}, one line in each language, exit 2`, () => {
      let error: unknown;
      try {
        parseIntelHex(text, 'x.hex', 0x8000);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(IntelHexError);
      expect(error).toMatchObject({ problem, file: 'x.hex', line });
      const hexError = error as IntelHexError;
      for (const message of [hexError.message, hexError.localized('da')]) {
        expect(message).toMatch(/^x\.hex: /);
        expect(message).not.toContain('\n');
        expect(message).not.toMatch(/\{\w+\}/);
        if (line !== undefined) expect(message).toContain(String(line));
      }
      expect(hexError.localized('da')).not.toBe(hexError.message);
      expect(exitCodeFor(error)).toBe(2);
    });
  }
});
