import { HidPacketError, returnedError } from './errors';
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

/** Copies n bytes; a plain loop for short runs (no subarray view allocated), set() for longer ones. */
function copyBytes(src: Uint8Array, from: number, dst: Uint8Array, to: number, n: number): void {
  if (n <= 16) for (let i = 0; i < n; i++) dst[to + i] = src[from + i]!;
  else dst.set(src.subarray(from, from + n), to);
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
  /** `out` is newly allocated (all zero): padding needs no writing. */
  fresh = false,
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
    copyBytes(data, consumed, out, pos, take);
    pos += take;
    consumed += take;
    if (pos < reportEnd && !fresh) out.fill(0, pos, reportEnd);
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
  if (count === 1) {
    const one = new Uint8Array(size);
    packetiseInto(data, one, 0, opts, MAX_HID_TRANSFER_BYTES, true);
    return [one];
  }
  const all = new Uint8Array(count * size);
  packetiseInto(data, all, 0, opts, MAX_HID_TRANSFER_BYTES, true);
  const reports: Uint8Array[] = [];
  for (let i = 0; i < count; i++) reports.push(all.subarray(i * size, (i + 1) * size));
  return reports;
}

/**
 * The reports for a byte stream of any length: cut into transfers of at most MAX_HID_TRANSFER_BYTES, each
 * packetised (what a link or a board does with each write). Empty input gives no reports.
 */
export function packetiseStream(bytes: Uint8Array, opts: PacketiseOptions = {}): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += MAX_HID_TRANSFER_BYTES) {
    reports.push(...packetise(bytes.subarray(at, Math.min(bytes.length, at + MAX_HID_TRANSFER_BYTES)), opts));
  }
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

// Most reports complete nothing: one shared, frozen empty result saves an allocation per report.
const NOTHING: readonly ReassembleResult[] = Object.freeze([]);

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
    this.maxTransferBytes = Math.min(
      opts.maxTransferBytes ?? MAX_HID_TRANSFER_BYTES,
      maxTransferForReport(this.reportBytes),
    );
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

  /**
   * Feeds one report. `start` skips a leading report-id byte without copying (e.g. 1 for a 65-byte
   * node-hid buffer); the report is report[start, start + reportBytes).
   */
  push(report: Uint8Array, start = 0): readonly ReassembleResult[] {
    const index = this.reportIndex++;
    if (report.length - start !== this.reportBytes) {
      const results = this.abandon(index);
      results.push({
        ok: false,
        error: returnedError(
          () =>
            new HidPacketError('report', index, {
              detail: `${report.length - start} bytes, expected ${this.reportBytes}`,
            }),
        ),
      });
      this.current = 'discarding';
      return results;
    }
    const first = report[start]!;
    if (first & HID_INIT_FLAG) return this.init(report, start, index);

    if (this.current !== 'in-transfer') {
      if (this.current === 'discarding') return NOTHING;
      this.current = 'discarding';
      return [{ ok: false, error: returnedError(() => new HidPacketError('stray-continuation', index)) }];
    }
    if (first !== this.nextSeq) {
      this.current = 'discarding';
      return [
        {
          ok: false,
          error: returnedError(() => new HidPacketError('sequence', index, { expected: this.nextSeq, got: first })),
        },
      ];
    }
    this.nextSeq++;
    return this.take(report, start + HID_CONT_HEADER_BYTES, start + this.reportBytes, undefined);
  }

  private init(report: Uint8Array, start: number, index: number): readonly ReassembleResult[] {
    const results = this.abandon(index);
    const length = report[start + 1]! | (report[start + 2]! << 8);
    if (length > this.maxTransferBytes) {
      this.current = 'discarding';
      results.push({
        ok: false,
        error: returnedError(() => new HidPacketError('oversize', index, { length, maxBytes: this.maxTransferBytes })),
      });
      return results;
    }
    if (length === 0) {
      this.current = 'discarding';
      results.push({
        ok: false,
        error: returnedError(() => new HidPacketError('report', index, { detail: 'init packet with length 0' })),
      });
      return results;
    }
    const first = start + HID_INIT_HEADER_BYTES;
    if (length <= this.reportBytes - HID_INIT_HEADER_BYTES) {
      // The whole transfer is in this report (every request frame is): one copy, straight out.
      this.current = 'idle';
      const done: ReassembleResult = { ok: true, data: report.slice(first, first + length) };
      if (results.length === 0) return [done];
      results.push(done);
      return results;
    }
    this.current = 'in-transfer';
    this.expectedLength = length;
    this.received = 0;
    this.nextSeq = 0;
    return this.take(
      report,
      start + HID_INIT_HEADER_BYTES,
      start + this.reportBytes,
      results.length > 0 ? results : undefined,
    );
  }

  /** An incomplete transfer is superseded: report it as missing its continuation(s). */
  private abandon(index: number): ReassembleResult[] {
    if (this.current !== 'in-transfer') return [];
    const missing = this.expectedLength - this.received;
    this.current = 'idle';
    return [
      {
        ok: false,
        error: returnedError(
          () =>
            new HidPacketError('missing-continuation', index, {
              detail: `${missing} of ${this.expectedLength} bytes never arrived (expected sequence ${this.nextSeq})`,
            }),
        ),
      },
    ];
  }

  /** Appends report[from, end) (as much as the transfer still needs). */
  private take(
    report: Uint8Array,
    from: number,
    end: number,
    results: ReassembleResult[] | undefined,
  ): readonly ReassembleResult[] {
    const take = Math.min(end - from, this.expectedLength - this.received);
    const buffer = this.buffer;
    copyBytes(report, from, buffer, this.received, take);
    this.received += take;
    if (this.received !== this.expectedLength) return results ?? NOTHING;
    this.current = 'idle';
    const done: ReassembleResult = { ok: true, data: buffer.slice(0, this.expectedLength) };
    if (!results) return [done];
    results.push(done);
    return results;
  }
}

/**
 * node-hid gives reports without the report id on Linux (hidraw), macOS and Windows for devices without
 * numbered reports; a 0x00-prefixed report (reportBytes + 1 long) is accepted too and stripped.
 */
export function stripReportId(data: Uint8Array, reportBytes = HID_REPORT_BYTES): Uint8Array {
  return reportIdBytes(data, reportBytes) ? data.subarray(1) : data;
}

/** 1 when `data` carries a leading 0x00 report id (reportBytes + 1 long), else 0: for `push(report, start)`. */
export function reportIdBytes(data: Uint8Array, reportBytes = HID_REPORT_BYTES): 0 | 1 {
  return data.length === reportBytes + 1 && data[0] === NODE_HID_REPORT_ID ? 1 : 0;
}
