import { TokenkitError } from '../../errors';
import { DEVICE_TEXTS } from '../errors';

/** A file that is not valid Intel HEX. `line` is 1-based; `problem` is English detail for the message. */
export class IntelHexError extends TokenkitError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(DEVICE_TEXTS, 'flash.hex.invalid', { file, line, problem });
  }
}

export interface HexImage {
  /** Program memory from address 0 up to the highest byte the file sets; gaps are 0xFF (erased flash). */
  bytes: Uint8Array;
  /** How many bytes the file sets (gaps not counted): what avrdude writes. */
  dataBytes: number;
  /** [start, end) byte ranges the file sets, merged where adjacent. */
  segments: { start: number; end: number }[];
}

const RECORD = /^:([0-9A-Fa-f]{2})+$/;

/**
 * Parses Intel HEX (record types 00 data, 01 end, 02 extended segment and 04 extended linear address; 03
 * and 05 start addresses are accepted and ignored). Every checksum is checked. `maxBytes` bounds the image
 * (a 328P has 32 KiB of flash), so a stray address cannot make a huge buffer.
 */
export function parseIntelHex(text: string, file = 'hex', maxBytes = 0x10000): HexImage {
  const lines = text.split(/\r?\n/);
  const image = new Uint8Array(maxBytes).fill(0xff);
  const set = new Uint8Array(maxBytes);
  let base = 0;
  let ended = false;
  let highest = 0;
  let records = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const fail = (problem: string): never => {
      throw new IntelHexError(file, i + 1, problem);
    };
    if (ended) fail('data after the end-of-file record');
    if (!RECORD.test(line)) fail('a record is ":" followed by pairs of hex digits');
    const rec = Buffer.from(line.slice(1), 'hex');
    if (rec.length < 5) fail('record too short');
    const length = rec[0]!;
    if (rec.length !== length + 5) fail(`length byte says ${length} data bytes, the line has ${rec.length - 5}`);
    let sum = 0;
    for (const b of rec) sum = (sum + b) & 0xff;
    if (sum !== 0) fail('checksum does not match');
    const offset = (rec[1]! << 8) | rec[2]!;
    const type = rec[3]!;
    const data = rec.subarray(4, 4 + length);
    records++;
    switch (type) {
      case 0x00: {
        const start = base + offset;
        if (start + length > maxBytes)
          fail(`data at 0x${start.toString(16)} lies beyond the ${maxBytes}-byte program memory`);
        image.set(data, start);
        set.fill(1, start, start + length);
        highest = Math.max(highest, start + length);
        break;
      }
      case 0x01:
        ended = true;
        break;
      case 0x02:
        if (length !== 2) fail('an extended segment address record has 2 data bytes');
        base = ((data[0]! << 8) | data[1]!) * 16;
        break;
      case 0x04:
        if (length !== 2) fail('an extended linear address record has 2 data bytes');
        base = ((data[0]! << 8) | data[1]!) << 16;
        break;
      case 0x03:
      case 0x05:
        break;
      default:
        fail(`unknown record type ${type.toString(16).padStart(2, '0')}`);
    }
  }
  if (records === 0) throw new IntelHexError(file, 1, 'no records');
  if (!ended) throw new IntelHexError(file, lines.length, 'no end-of-file record (:00000001FF): the file is cut short');
  const segments: { start: number; end: number }[] = [];
  let dataBytes = 0;
  for (let a = 0; a < highest; a++) {
    if (!set[a]) continue;
    dataBytes++;
    const last = segments[segments.length - 1];
    if (last && last.end === a) last.end = a + 1;
    else segments.push({ start: a, end: a + 1 });
  }
  return { bytes: image.slice(0, highest), dataBytes, segments };
}
