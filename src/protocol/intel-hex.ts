import { TokenkitError } from '../errors';
import { PROTOCOL_MESSAGES } from './error-texts';

/**
 * What is wrong with an Intel HEX file: not a record (or a record of the wrong length), a wrong checksum,
 * a record type no AVR image has, data beyond program memory, no end record, no program bytes, or lines
 * after the end record. Callers branch on this, never on the message.
 */
export type IntelHexProblem = 'syntax' | 'checksum' | 'record-type' | 'too-large' | 'no-end' | 'empty' | 'after-end';

const KEYS = {
  syntax: 'protocol.hex.syntax',
  checksum: 'protocol.hex.checksum',
  'record-type': 'protocol.hex.recordType',
  'too-large': 'protocol.hex.tooLarge',
  'no-end': 'protocol.hex.noEnd',
  empty: 'protocol.hex.empty',
  'after-end': 'protocol.hex.afterEnd',
} as const satisfies Record<IntelHexProblem, keyof typeof PROTOCOL_MESSAGES>;

/** A file that is not a usable Intel HEX image. `line` (1-based) when the problem is one line's. Exit 2. */
export class IntelHexError extends TokenkitError {
  readonly problem: IntelHexProblem;
  readonly file: string;
  readonly line: number | undefined;
  constructor(
    problem: IntelHexProblem,
    params: { file: string; line?: number; address?: string; recordType?: string; maxBytes?: number },
  ) {
    super(PROTOCOL_MESSAGES, KEYS[problem], params);
    this.problem = problem;
    this.file = params.file;
    this.line = params.line;
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

const RECORD = /^:([0-9A-Fa-f]{2}){5,}$/;
const hex = (n: number, width = 2) => `0x${n.toString(16).padStart(width, '0')}`;

/**
 * Parses Intel HEX, the format avr-objcopy writes: record types 00 (data), 01 (end), 02 and 04 (extended
 * segment and linear address); 03 and 05 (start addresses) are accepted and ignored. Every checksum is
 * checked. `maxBytes` bounds the image (an ATmega328P has 32 KiB of flash), so a stray address cannot make
 * a huge buffer. The one parser of the host side (`tokenkit firmware flash`) and the AVR emulator.
 * `file` only names the source in errors.
 */
export function parseIntelHex(text: string, file = 'hex', maxBytes = 0x10000): HexImage {
  const lines = text.split(/\r?\n/);
  const image = new Uint8Array(maxBytes).fill(0xff);
  const set = new Uint8Array(maxBytes);
  let base = 0;
  let ended = false;
  let highest = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const at = { file, line: i + 1 };
    if (ended) throw new IntelHexError('after-end', at);
    if (!RECORD.test(line)) throw new IntelHexError('syntax', at);
    const rec = Buffer.from(line.slice(1), 'hex');
    const length = rec[0]!;
    if (rec.length !== length + 5) throw new IntelHexError('syntax', at);
    let sum = 0;
    for (const b of rec) sum = (sum + b) & 0xff;
    if (sum !== 0) throw new IntelHexError('checksum', at);
    const offset = (rec[1]! << 8) | rec[2]!;
    const type = rec[3]!;
    const data = rec.subarray(4, 4 + length);
    switch (type) {
      case 0x00: {
        const start = base + offset;
        if (start + length > maxBytes)
          throw new IntelHexError('too-large', { ...at, address: hex(start + length - 1), maxBytes });
        image.set(data, start);
        set.fill(1, start, start + length);
        highest = Math.max(highest, start + length);
        break;
      }
      case 0x01:
        ended = true;
        break;
      case 0x02:
      case 0x04:
        if (length !== 2) throw new IntelHexError('syntax', at);
        base = type === 0x02 ? ((data[0]! << 8) | data[1]!) * 16 : ((data[0]! << 8) | data[1]!) << 16;
        break;
      case 0x03:
      case 0x05:
        break;
      default:
        throw new IntelHexError('record-type', { ...at, recordType: hex(type) });
    }
  }
  if (!ended) throw new IntelHexError('no-end', { file });
  const segments: { start: number; end: number }[] = [];
  let dataBytes = 0;
  for (let a = 0; a < highest; a++) {
    if (!set[a]) continue;
    dataBytes++;
    const last = segments[segments.length - 1];
    if (last && last.end === a) last.end = a + 1;
    else segments.push({ start: a, end: a + 1 });
  }
  if (dataBytes === 0) throw new IntelHexError('empty', { file });
  return { bytes: image.slice(0, highest), dataBytes, segments };
}
