import { describe, expect, it } from 'vitest';
import { loadIntelHex, renderDisplayBlocks, renderDisplayPng } from '../../firmware-sim/avr/index';
import { IntelHexError } from '../../src/protocol/index';

function record(type: number, address: number, data: number[]): string {
  const bytes = [data.length, address >> 8, address & 0xff, type, ...data];
  const sum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return `:${[...bytes, sum].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

const EOF_RECORD = ':00000001FF';

describe('loadIntelHex', () => {
  it('places data records into a 32 KB image, the rest erased (0xFF)', () => {
    const text = [record(0, 0x0000, [0x0c, 0x94, 0x34, 0x00]), record(0, 0x7ffe, [0xaa, 0x55]), EOF_RECORD].join(
      '\r\n',
    );
    const image = loadIntelHex(text);
    expect(image.length).toBe(32768);
    expect([...image.subarray(0, 5)]).toEqual([0x0c, 0x94, 0x34, 0x00, 0xff]);
    expect([...image.subarray(0x7ffe)]).toEqual([0xaa, 0x55]);
  });

  it('honours extended segment and linear address records', () => {
    const text = [
      record(2, 0, [0x01, 0x00]),
      record(0, 0x0010, [0x11]),
      record(4, 0, [0, 0]),
      record(0, 0x20, [0x22]),
      EOF_RECORD,
    ].join('\n');
    const image = loadIntelHex(text);
    expect(image[0x1010]).toBe(0x11);
    expect(image[0x20]).toBe(0x22);
  });

  it("refuses a malformed image with the protocol layer's IntelHexError, bounded to the chip's 32 KB", () => {
    // The cases of each problem are tests/flash/intel-hex.test.ts: it is the same parser.
    const beyond = `${record(0, 0x7fff, [1, 2])}\n${EOF_RECORD}`;
    expect(() => loadIntelHex(beyond, 'board.hex')).toThrow(IntelHexError);
    expect(() => loadIntelHex(beyond, 'board.hex')).toThrow(
      /board\.hex: line 1 writes to address 0x8000, beyond the 32768 bytes/,
    );
    expect(() => loadIntelHex(':0400000001020304F0\n' + EOF_RECORD, 'board.hex')).toThrow(
      /line 1 has a wrong checksum/,
    );
  });
});

describe('display pictures', () => {
  it('block art shows lit segments of each digit and the gap before the countdown', () => {
    const rows = renderDisplayBlocks({
      on: true,
      digits: '12345617',
      dots: '        ',
      code: '123456',
      remainingSec: 17,
      intensity: 8,
    });
    expect(rows).toHaveLength(5);
    // '1' lights only b and c: its top row is unlit, '2' lights a.
    expect(rows[0]!.slice(0, 5)).toBe(' ░░░ ');
    expect(rows[0]!.slice(6, 11)).toBe(' ███ ');
    const off = renderDisplayBlocks({ on: false, digits: '        ', dots: '        ', intensity: 8 });
    expect(off.join('')).not.toContain('█');
  });

  it('the PNG is a valid image whose lit pixels grow with the number of lit segments', async () => {
    const { PNG } = await import('pngjs');
    const count = (png: Buffer) => {
      const img = PNG.sync.read(png);
      let lit = 0;
      for (let i = 0; i < img.data.length; i += 4) if (img.data[i]! > 150) lit++;
      return lit;
    };
    const eights = count(renderDisplayPng({ on: true, digits: '88888888', dots: '        ', intensity: 15 }));
    const ones = count(renderDisplayPng({ on: true, digits: '11111111', dots: '        ', intensity: 15 }));
    const dark = count(renderDisplayPng({ on: false, digits: '        ', dots: '........', intensity: 15 }));
    expect(dark).toBe(0);
    expect(ones).toBeGreaterThan(0);
    expect(eights).toBeGreaterThan(ones * 3);
    const dotted = count(renderDisplayPng({ on: true, digits: '11111111', dots: '       .', intensity: 15 }));
    expect(dotted).toBeGreaterThan(ones);
  });

  it('a lit decimal point shows in the block art after its digit, on the bottom row', () => {
    const base = { on: true, digits: '12345617', code: '123456', remainingSec: 17, intensity: 8 };
    const plain = renderDisplayBlocks({ ...base, dots: '        ' });
    const dotted = renderDisplayBlocks({ ...base, dots: '       .' });
    expect(dotted.slice(0, 4)).toEqual(plain.slice(0, 4));
    expect(plain[4]!.endsWith('░')).toBe(true);
    expect(dotted[4]!.endsWith('█')).toBe(true);
    expect(dotted[4]!.slice(0, -1)).toBe(plain[4]!.slice(0, -1));
  });
});
