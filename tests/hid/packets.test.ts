import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzHidPath } from '../../bench/fuzz';
import {
  encodeFrame,
  HID_REPORT_BYTES,
  HidPacketError,
  HidReassembler,
  hidReportCount,
  MAX_HID_TRANSFER_BYTES,
  packetise,
  packetiseInto,
  packetiseStream,
  type ReassembleResult,
  reportIdBytes,
  stripReportId,
  MessageType as T,
} from '../../src/protocol/index';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (n: number, f: (i: number) => number) => Uint8Array.from({ length: n }, (_, i) => f(i));

/** Reference packetiser straight from docs/protocol.md §9, one report at a time. */
function referenceReports(data: Uint8Array): string[] {
  const reports: string[] = [];
  const init = new Uint8Array(64);
  init[0] = 0x80;
  init[1] = data.length % 256;
  init[2] = Math.floor(data.length / 256);
  init.set(data.subarray(0, 61), 3);
  reports.push(hex(init));
  for (let seq = 0, at = 61; at < data.length; seq++, at += 63) {
    const cont = new Uint8Array(64);
    cont[0] = seq;
    cont.set(data.subarray(at, at + 63), 1);
    reports.push(hex(cont));
  }
  return reports;
}

function feed(r: HidReassembler, reports: Uint8Array[]): ReassembleResult[] {
  return reports.flatMap((report) => r.push(report));
}
const kinds = (results: readonly ReassembleResult[]) =>
  results.map((x) => (x.ok ? `ok:${x.data.length}` : x.error.kind));

describe('HID packetiser: hex vectors', () => {
  it('a 9-byte PRESS frame fits one init report, zero padded', () => {
    const frame = encodeFrame({ type: T.PRESS, requestId: 6, long: false });
    expect(hex(frame)).toBe('040105060103b8b500');
    expect(packetise(frame).map(hex)).toEqual([`800900${hex(frame)}${'00'.repeat(64 - 3 - 9)}`]);
  });

  it('61 bytes need one report, 62 need two; 256 need five', () => {
    const d61 = bytes(61, (i) => i + 1);
    expect(packetise(d61).map(hex)).toEqual([`803d00${hex(d61)}`]);
    const d62 = bytes(62, (i) => i + 1);
    expect(packetise(d62).map(hex)).toEqual([`803e00${hex(d62.subarray(0, 61))}`, `003e${'00'.repeat(62)}`]);
    const d256 = bytes(256, (i) => (i * 7 + 3) & 0xff);
    const reports = packetise(d256).map(hex);
    expect(reports).toHaveLength(5);
    expect(reports[0]!.slice(0, 6)).toBe('800001');
    expect(reports.map((r) => r.slice(0, 2))).toEqual(['80', '00', '01', '02', '03']);
    expect(reports).toEqual(referenceReports(d256));
  });

  it('with reportId every report is 65 bytes led by 0x00 (node-hid write)', () => {
    const data = bytes(100, (i) => 255 - i);
    const withId = packetise(data, { reportId: 0 });
    expect(withId.map((r) => r.length)).toEqual([65, 65]);
    expect(withId.map((r) => hex(r))).toEqual(referenceReports(data).map((r) => `00${r}`));
    expect(withId.map((r) => hex(stripReportId(r)))).toEqual(referenceReports(data));
  });

  it('report counts follow 1 + ceil((n − 61) / 63)', () => {
    expect([1, 61, 62, 124, 125, 187, 188, 250, 251, 256].map((n) => hidReportCount(n))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
  });

  it('rejects empty and oversize transfers (a caller bug, HidLink splits first)', () => {
    expect(() => packetise(new Uint8Array(0))).toThrow(RangeError);
    expect(() => packetise(new Uint8Array(MAX_HID_TRANSFER_BYTES + 1))).toThrow(RangeError);
  });
});

describe('HID packetiser: properties', () => {
  it('round trip for every size from 1 to the maximum frame', () => {
    for (let n = 1; n <= MAX_HID_TRANSFER_BYTES; n++) {
      const data = bytes(n, (i) => (i * 31 + n) & 0xff);
      const reports = packetise(data);
      expect(reports.map(hex)).toEqual(referenceReports(data));
      const r = new HidReassembler();
      const results = feed(r, reports);
      expect(results).toHaveLength(1);
      expect(results[0]!.ok && hex(results[0]!.data)).toBe(hex(data));
      expect(r.state).toBe('idle');
    }
  });

  it('round trip of random transfers back to back, any content', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: MAX_HID_TRANSFER_BYTES }), { minLength: 1, maxLength: 10 }),
        (transfers) => {
          const r = new HidReassembler();
          const results = feed(
            r,
            transfers.flatMap((t) => packetise(t)),
          );
          expect(results.map((x) => (x.ok ? hex(x.data) : x.error.kind))).toEqual(transfers.map(hex));
        },
      ),
    );
  });

  it('packetiseStream cuts any write into ≤ 256-byte transfers that reassemble to the same bytes', () => {
    expect(packetiseStream(new Uint8Array(0))).toEqual([]);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 3 * MAX_HID_TRANSFER_BYTES + 7 }), (data) => {
        const results = feed(new HidReassembler(), packetiseStream(data));
        expect(results.every((x) => x.ok && x.data.length <= MAX_HID_TRANSFER_BYTES)).toBe(true);
        expect(results.length).toBe(Math.ceil(data.length / MAX_HID_TRANSFER_BYTES));
        expect(hex(Buffer.concat(results.map((x) => (x.ok ? x.data : new Uint8Array(0)))))).toBe(hex(data));
      }),
    );
  });

  it('packetiseInto writes the same reports into one buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: MAX_HID_TRANSFER_BYTES }), fc.nat(10), (data, pad) => {
        const out = new Uint8Array(pad + 5 * 65).fill(0xee);
        const end = packetiseInto(data, out, pad, { reportId: 0 });
        expect(end - pad).toBe(hidReportCount(data.length) * 65);
        const joined = packetise(data, { reportId: 0 }).map(hex).join('');
        expect(hex(out.subarray(pad, end))).toBe(joined);
      }),
    );
  });

  it('report soup never throws, holds at most one transfer, and recovers at the next init packet', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ maxLength: 70 })), {
          maxLength: 30,
        }),
        fc.uint8Array({ minLength: 1, maxLength: MAX_HID_TRANSFER_BYTES }),
        (soup, data) => {
          const r = new HidReassembler();
          for (const report of soup) {
            const results = r.push(report);
            for (const x of results) if (!x.ok) expect(x.error).toBeInstanceOf(HidPacketError);
            expect(r.bufferedBytes).toBeLessThanOrEqual(MAX_HID_TRANSFER_BYTES);
          }
          const results = feed(r, packetise(data));
          const last = results[results.length - 1]!;
          expect(last.ok && hex(last.data)).toBe(hex(data));
        },
      ),
    );
  });
});

describe('HID reassembler: typed errors', () => {
  const data = bytes(200, (i) => i);
  const reports = () => packetise(data); // init + seq 0, 1, 2

  it('wrong sequence', () => {
    const [init, c0, , c2] = reports();
    const r = new HidReassembler();
    const results = feed(r, [init!, c0!, c2!]);
    expect(kinds(results)).toEqual(['sequence']);
    expect(results[0]).toMatchObject({ ok: false, error: { kind: 'sequence', offset: 2 } });
    expect((results[0] as { error: HidPacketError }).error.message).toContain('expected sequence 1, got 2');
    expect(r.state).toBe('discarding');
    expect(kinds(feed(r, reports()))).toEqual(['ok:200']);
  });

  it('missing continuation: the next init reports it, then the new transfer completes', () => {
    const [init, c0] = reports();
    const r = new HidReassembler();
    expect(feed(r, [init!, c0!])).toEqual([]);
    expect(r.bufferedBytes).toBe(124);
    const next = packetise(bytes(10, () => 7));
    expect(kinds(feed(r, next))).toEqual(['missing-continuation', 'ok:10']);
  });

  it('stray continuation (no init), reported once, then silence until an init', () => {
    const [, c0, c1] = reports();
    const r = new HidReassembler();
    const results = feed(r, [c0!, c1!]);
    expect(kinds(results)).toEqual(['stray-continuation']);
    expect(kinds(feed(r, reports()))).toEqual(['ok:200']);
  });

  it('oversize length in the init packet', () => {
    const init = new Uint8Array(64);
    init.set([0x80, 0x01, 0x01]); // 257 bytes
    const r = new HidReassembler();
    const results = r.push(init);
    expect(results).toMatchObject([{ ok: false, error: { kind: 'oversize', offset: 0 } }]);
    expect((results[0] as { error: HidPacketError }).error.message).toContain('257');
    expect(kinds(feed(r, [reports()[1]!]))).toEqual([]); // its continuations are dropped silently
    expect(kinds(feed(r, reports()))).toEqual(['ok:200']);
  });

  it('a report of the wrong size, and a zero-length init', () => {
    const r = new HidReassembler();
    expect(kinds(r.push(new Uint8Array(63)))).toEqual(['report']);
    const zero = new Uint8Array(64);
    zero[0] = 0x80;
    expect(kinds(r.push(zero))).toEqual(['report']);
    expect(kinds(feed(r, reports()))).toEqual(['ok:200']);
  });

  it('a 65-byte node-hid style report is stripped before reassembly', () => {
    const r = new HidReassembler();
    const results = feed(
      r,
      packetise(data, { reportId: 0 }).map((x) => stripReportId(x)),
    );
    expect(kinds(results)).toEqual(['ok:200']);
    expect(stripReportId(new Uint8Array(HID_REPORT_BYTES + 1).fill(1))).toHaveLength(65); // not a report id
  });
});

describe('HID reassembler: report-id offset', () => {
  it('push(report, 1) reads a 65-byte node-hid buffer in place, same result as stripping', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: MAX_HID_TRANSFER_BYTES }), (data) => {
        const r = new HidReassembler();
        const results = packetise(data, { reportId: 0 }).flatMap((report) => [
          ...r.push(report, reportIdBytes(report)),
        ]);
        expect(results.map((x) => x.ok && hex(x.data))).toEqual([hex(data)]);
      }),
    );
    expect(kinds([...new HidReassembler().push(new Uint8Array(65), 1)])).toEqual(['stray-continuation']);
  });
});

describe('HID receive path fuzz', () => {
  it('30k fault bursts (dropped, duplicated, swapped, corrupted, short, stray, random reports): typed errors, resync within one frame', () => {
    const stats = fuzzHidPath({ chunks: 30_000, seed: 20261123 });
    expect(stats.resyncs).toBe(Math.floor(30_000 / 16));
    expect(stats.messages).toBeGreaterThan(30_000);
    expect(Object.keys(stats.hidErrors).sort()).toEqual([
      'missing-continuation',
      'oversize',
      'report',
      'sequence',
      'stray-continuation',
    ]);
  });
});
