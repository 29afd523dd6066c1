import { HidPacketError } from './errors';
import { MAX_FRAME_BYTES } from './messages';

/*
 * HID transport (docs/protocol.md "HID transport"): the same byte stream as serial (COBS frames with 0x00
 * delimiters) cut into transfers of at most MAX_HID_TRANSFER_BYTES, each carried in fixed-size reports as
 * CTAPHID does: one init packet with the total length, then continuation packets with sequence numbers.
 *
 *   init:         [0] 0x80 (bit 7 set; bits 0-6 reserved, sent 0, ignored)  [1..2] length u16 LE  [3..] data
 *   continuation: [0] sequence 0x00..0x7F (0 first)                          [1..] data
 *
 * Unused bytes at the end of the last report are 0x00. Reports here never include the report-id byte: the
 * board uses no numbered reports; node-hid's write needs a leading 0x00 (see `reportId` below).
 */

/** Report size of a USB full-speed interrupt endpoint; the board's descriptor declares 64-byte reports. */
export const HID_REPORT_BYTES = 64;
export const HID_INIT_FLAG = 0x80;
export const HID_INIT_HEADER_BYTES = 3;
export const HID_CONT_HEADER_BYTES = 1;
export const MAX_HID_SEQUENCE = 0x7f;
/** Largest transfer: one protocol frame on the wire (COBS bytes + delimiter). Larger writes are split. */
export const MAX_HID_TRANSFER_BYTES = MAX_FRAME_BYTES;
/** node-hid write(): first byte is the report id, 0x00 for a device without numbered reports. */
export const NODE_HID_REPORT_ID = 0x00;

export interface HidPacketOptions {
  /** Report size in bytes, without report id (default 64). */
  reportBytes?: number;
}

export interface PacketiseOptions extends HidPacketOptions {
  /** Prefix every report with this report-id byte (node-hid's write wants 0x00 first). Default: none. */
  reportId?: number;
}

/** Number of reports a transfer of `length` bytes needs (length ≥ 1). */
export function hidReportCount(length: number, reportBytes = HID_REPORT_BYTES): number {
  const first = reportBytes - HID_INIT_HEADER_BYTES;
  if (length <= first) return 1;
  return 1 + Math.ceil((length - first) / (reportBytes - HID_CONT_HEADER_BYTES));
}

/** Largest transfer the sequence numbers allow for a report size (init + 128 continuations). */
export function maxTransferForReport(reportBytes = HID_REPORT_BYTES): number {
  return reportBytes - HID_INIT_HEADER_BYTES + (MAX_HID_SEQUENCE + 1) * (reportBytes - HID_CONT_HEADER_BYTES);
}

function checkTransfer(length: number, maxTransferBytes: number): void {
  if (length < 1 || length > maxTransferBytes) {
    throw new RangeError(`a HID transfer must be 1..${maxTransferBytes} bytes, got ${length}`);
  }
}

/**
 * Writes the reports of one transfer consecutively into `out` starting at `outOffset` (each report
 * `reportBytes` long, or one byte more with `reportId`); returns the offset after the last report. The
 * caller zeroes nothing: padding is written explicitly. Throws RangeError for an empty or oversize transfer
 * (a programming error: HidLink splits writes first).
 */
export function packetiseInto(
  data: Uint8Array,
  out: Uint8Array,
  outOffset = 0,
  opts: PacketiseOptions = {},
  maxTransferBytes = MAX_HID_TRANSFER_BYTES,
): number {
  const reportBytes = opts.reportBytes ?? HID_REPORT_BYTES;
  checkTransfer(data.length, Math.min(maxTransferBytes, maxTransferForReport(reportBytes)));
  const prefix = opts.reportId === undefined ? 0 : 1;
  let pos = outOffset;
  let consumed = 0;
  let seq = -1;
  while (consumed < data.length) {
    if (prefix) out[pos++] = opts.reportId!;
    const reportEnd = pos + reportBytes;
    if (seq < 0) {
      out[pos++] = HID_INIT_FLAG;
      out[pos++] = data.length & 0xff;
      out[pos++] = data.length >>> 8;
    } else {
      out[pos++] = seq;
    }
    const take = Math.min(reportEnd - pos, data.length - consumed);
    out.set(data.subarray(consumed, consumed + take), pos);
    pos += take;
    consumed += take;
    if (pos < reportEnd) out.fill(0, pos, reportEnd);
    pos = reportEnd;
    seq++;
  }
  return pos;
}

/** The reports of one transfer, each its own array (with `reportId`, ready for node-hid's `write`). */
export function packetise(data: Uint8Array, opts: PacketiseOptions = {}): Uint8Array[] {
  const reportBytes = opts.reportBytes ?? HID_REPORT_BYTES;
  const size = reportBytes + (opts.reportId === undefined ? 0 : 1);
  const count = hidReportCount(data.length, reportBytes);
  const all = new Uint8Array(count * size);
  packetiseInto(data, all, 0, opts);
  const reports: Uint8Array[] = [];
  for (let i = 0; i < count; i++) reports.push(all.subarray(i * size, (i + 1) * size));
  return reports;
}

/**
 * Reassembler state:
 * - 'idle': waiting for an init packet.
 * - 'in-transfer': an init packet arrived; collecting continuations in sequence.
 * - 'discarding': the current transfer failed; continuations are dropped silently until the next init.
 */
export type ReassemblerState = 'idle' | 'in-transfer' | 'discarding';

export type ReassembleResult = { ok: true; data: Uint8Array } | { ok: false; error: HidPacketError };

/**
 * Turns received reports back into transfers. Contract: `push` never throws; it holds at most one transfer
 * (≤ MAX_HID_TRANSFER_BYTES); a wrong sequence, a missing continuation (an init arrives mid-transfer), a
 * stray continuation and an oversize length each give a typed HidPacketError; an init packet always starts
 * afresh, so it recovers at the next init. Reports must be exactly `reportBytes` long (no report id).
 */
export class HidReassembler {
  private readonly reportBytes: number;
  private readonly maxTransferBytes: number;
  private buffer: Uint8Array;
  private expectedLength = 0;
  private received = 0;
  private nextSeq = 0;
  private reportIndex = 0;
  private current: ReassemblerState = 'idle';

  constructor(opts: HidPacketOptions & { maxTransferBytes?: number } = {}) {
    this.reportBytes = opts.reportBytes ?? HID_REPORT_BYTES;
    this.maxTransferBytes = Math.min(opts.maxTransferBytes ?? MAX_HID_TRANSFER_BYTES, maxTransferForReport(this.reportBytes));
    this.buffer = new Uint8Array(this.maxTransferBytes);
  }

  get state(): ReassemblerState {
    return this.current;
  }

  /** Bytes of the incomplete transfer held right now. */
  get bufferedBytes(): number {
    return this.current === 'in-transfer' ? this.received : 0;
  }

  reset(): void {
    this.current = 'idle';
    this.received = 0;
    this.reportIndex = 0;
  }

  push(report: Uint8Array): ReassembleResult[] {
    const index = this.reportIndex++;
    if (report.length !== this.reportBytes) {
      const results = this.abandon(index);
      results.push({
        ok: false,
        error: new HidPacketError('report', index, { detail: `${report.length} bytes, expected ${this.reportBytes}` }),
      });
      this.current = 'discarding';
      return results;
    }
    const first = report[0]!;
    if (first & HID_INIT_FLAG) return this.init(report, index);

    if (this.current !== 'in-transfer') {
      if (this.current === 'discarding') return [];
      this.current = 'discarding';
      return [{ ok: false, error: new HidPacketError('stray-continuation', index) }];
    }
    if (first !== this.nextSeq) {
      this.current = 'discarding';
      return [{ ok: false, error: new HidPacketError('sequence', index, { expected: this.nextSeq, got: first }) }];
    }
    this.nextSeq++;
    return this.take(report, HID_CONT_HEADER_BYTES, []);
  }

  private init(report: Uint8Array, index: number): ReassembleResult[] {
    const results = this.abandon(index);
    const length = report[1]! | (report[2]! << 8);
    if (length > this.maxTransferBytes) {
      this.current = 'discarding';
      results.push({ ok: false, error: new HidPacketError('oversize', index, { length, maxBytes: this.maxTransferBytes }) });
      return results;
    }
    if (length === 0) {
      this.current = 'discarding';
      results.push({ ok: false, error: new HidPacketError('report', index, { detail: 'init packet with length 0' }) });
      return results;
    }
    this.current = 'in-transfer';
    this.expectedLength = length;
    this.received = 0;
    this.nextSeq = 0;
    return this.take(report, HID_INIT_HEADER_BYTES, results);
  }

  /** An incomplete transfer is superseded: report it as missing its continuation(s). */
  private abandon(index: number): ReassembleResult[] {
    if (this.current !== 'in-transfer') return [];
    const missing = this.expectedLength - this.received;
    this.current = 'idle';
    return [
      {
        ok: false,
        error: new HidPacketError('missing-continuation', index, {
          detail: `${missing} of ${this.expectedLength} bytes never arrived (expected sequence ${this.nextSeq})`,
        }),
      },
    ];
  }

  private take(report: Uint8Array, headerBytes: number, results: ReassembleResult[]): ReassembleResult[] {
    const take = Math.min(this.reportBytes - headerBytes, this.expectedLength - this.received);
    this.buffer.set(report.subarray(headerBytes, headerBytes + take), this.received);
    this.received += take;
    if (this.received === this.expectedLength) {
      results.push({ ok: true, data: this.buffer.slice(0, this.expectedLength) });
      this.current = 'idle';
    }
    return results;
  }
}

/**
 * node-hid gives reports without the report id on Linux (hidraw), macOS and Windows for devices without
 * numbered reports; a 0x00-prefixed report (reportBytes + 1 long) is accepted too and stripped.
 */
export function stripReportId(data: Uint8Array, reportBytes = HID_REPORT_BYTES): Uint8Array {
  return data.length === reportBytes + 1 && data[0] === NODE_HID_REPORT_ID ? data.subarray(1) : data;
}
