import { describe, expect, it } from 'vitest';
import { IntelHexError, parseIntelHex } from '../../src/device/flash/intel-hex';
import { exitCodeFor } from '../../src/errors';

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

  const bad: [string, string, RegExp][] = [
    ['a wrong checksum', `:0100000001FF\n${END}`, /line 1: checksum/],
    ['a text file', 'hello\n', /line 1: a record is/],
    ['no end record (cut short)', record(0, 0, [1]), /no end-of-file record/],
    ['data beyond program memory', `${record(4, 0, [0, 1])}\n${record(0, 0, [1])}\n${END}`, /beyond/],
    ['a length that does not match', `:0200000001FD\n${END}`, /length byte/],
    ['an empty file', '', /no records/],
  ];
  for (const [name, text, message] of bad) {
    it(`refuses ${name} with one line naming the line, exit 2`, () => {
      let error: unknown;
      try {
        parseIntelHex(text, 'x.hex');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(IntelHexError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/^x\.hex is not an Intel HEX file/);
      expect((error as Error).message).not.toContain('\n');
      expect(exitCodeFor(error)).toBe(2);
    });
  }
});
