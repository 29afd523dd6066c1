/**
 * Codec benchmarks, side by side in one run:
 * - frame encoder and decoder throughput (the serial path);
 * - HID packetiser and reassembler throughput (target ≥ 100 MB/s);
 * - per-exchange codec latency, serial path vs HID path (request and reply through the whole pure stack:
 *   encode → [packetise → strip report id → reassemble] → decode, both directions). Target: HID no worse
 *   than serial by more than the packetiser's small share.
 *
 *   node --import tsx bench/codec.ts [--json] [--quick]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFirmware, serveFirmware } from '../firmware-sim/index';
import { DeviceClient } from '../src/device/index';
import {
  HidFakeBus,
  HidLink,
  HidSocketBackend,
  type Link,
  MemoryLink,
  SerialLink,
  serveHidSocket,
  startPtyPair,
} from '../src/link/index';
import {
  encodeFrame,
  FrameDecoder,
  HID_REPORT_BYTES,
  HidReassembler,
  hidReportCount,
  MAX_HID_TRANSFER_BYTES,
  type Message,
  packetise,
  packetiseInto,
  reportIdBytes,
  MessageType as T,
} from '../src/protocol/index';
import { percentile, runIfMain } from './lib';

export interface CodecRow {
  name: string;
  /** Throughput in MB/s (10^6 bytes), for throughput rows. */
  mbPerSec?: number;
  /** Operations per second (frames, transfers or exchanges). */
  opsPerSec?: number;
  /** Latency percentiles in microseconds, for exchange rows. */
  p50Us?: number;
  p99Us?: number;
  note?: string;
}

// A realistic mix: what a session of presses, time reads and events puts on the wire.
const MIX: Message[] = [
  { type: T.PRESS, requestId: 1, long: false },
  { type: T.CODE, requestId: 1, code: '287082', step: 58_907_520, remainingMs: 12_345 },
  { type: T.BUTTON, requestId: 0, long: false, host: true },
  { type: T.CODE_SHOWN, requestId: 0, code: '287082', step: 58_907_520, remainingMs: 12_345 },
  { type: T.GET_TIME, requestId: 2 },
  { type: T.TIME, requestId: 2, deviceMs: 1_767_225_600_000, adjusted: false },
  {
    type: T.INFO,
    requestId: 3,
    protocolVersion: 1,
    firmwareVersion: '1.0.0',
    profileId: 'code-display',
    serial: 'TK-4F2A9C01',
    mode: 'smart',
    capabilities: 0x5d,
    provisioned: true,
  },
  { type: T.BATTERY, requestId: 0, percent: 80, low: false },
];

function timeLoop(minMs: number, body: () => number): { ops: number; units: number; ms: number } {
  // Warm-up: let the JIT settle before timing (otherwise a short --quick run measures the interpreter).
  const warmUntil = performance.now() + Math.min(200, minMs / 2);
  while (performance.now() < warmUntil) for (let i = 0; i < 50; i++) body();
  let ops = 0;
  let units = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    for (let i = 0; i < 200; i++) {
      units += body();
      ops++;
    }
    now = performance.now();
  }
  return { ops, units, ms: now - start };
}

function latencyRow(name: string, samples: number, exchange: () => void, note: string): CodecRow {
  for (let i = 0; i < 2000; i++) exchange(); // warm-up: JIT
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    exchange();
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  times.sort();
  return {
    name,
    p50Us: +percentile(times, 50).toFixed(2),
    p99Us: +percentile(times, 99).toFixed(2),
    opsPerSec: Math.round(1e6 / percentile(times, 50)),
    note,
  };
}

export async function run(opts: { json: boolean; quick: boolean }): Promise<CodecRow[]> {
  const minMs = opts.quick ? 150 : 1000;
  const samples = opts.quick ? 5_000 : 50_000;
  const rows: CodecRow[] = [];
  const frames = MIX.map((m) => encodeFrame(m));
  const mixBytes = frames.reduce((n, f) => n + f.length, 0);

  // --- serial codec throughput
  {
    let k = 0;
    const r = timeLoop(minMs, () => encodeFrame(MIX[k++ % MIX.length]!).length);
    rows.push({
      name: 'encodeFrame (message mix)',
      mbPerSec: +(r.units / 1e3 / r.ms).toFixed(1),
      opsPerSec: Math.round((r.ops / r.ms) * 1000),
    });
  }
  {
    // A 64 KiB stream of the mix, pushed in 4 KiB chunks (how a serial port delivers bursts).
    const repeat = Math.ceil(65_536 / mixBytes);
    const stream = new Uint8Array(repeat * mixBytes);
    for (let i = 0, o = 0; i < repeat; i++) for (const f of frames) stream.set(f, o), (o += f.length);
    const decoder = new FrameDecoder();
    const r = timeLoop(minMs / 10, () => {
      let n = 0;
      for (let o = 0; o < stream.length; o += 4096) n += decoder.push(stream.subarray(o, o + 4096)).length;
      return n;
    });
    rows.push({
      name: 'FrameDecoder.push (64 KiB of the mix, 4 KiB chunks)',
      mbPerSec: +((r.ops * stream.length) / 1e3 / r.ms).toFixed(1),
      opsPerSec: Math.round((r.units / r.ms) * 1000),
      note: 'ops = frames',
    });
  }

  // --- HID packetiser / reassembler throughput, on maximum-size transfers (256 bytes, 5 reports)
  const transfer = new Uint8Array(MAX_HID_TRANSFER_BYTES).map((_, i) => (i * 13 + 1) & 0xff);
  {
    const out = new Uint8Array(hidReportCount(transfer.length) * (HID_REPORT_BYTES + 1));
    const r = timeLoop(minMs, () => packetiseInto(transfer, out, 0, { reportId: 0 }));
    rows.push({
      name: 'HID packetiseInto (256-byte transfers, preallocated)',
      mbPerSec: +((r.ops * transfer.length) / 1e3 / r.ms).toFixed(1),
      opsPerSec: Math.round((r.ops / r.ms) * 1000),
      note: 'target >= 100 MB/s',
    });
  }
  {
    const r = timeLoop(minMs, () => packetise(transfer, { reportId: 0 }).length);
    rows.push({
      name: 'HID packetise (256-byte transfers, one array per report)',
      mbPerSec: +((r.ops * transfer.length) / 1e3 / r.ms).toFixed(1),
      opsPerSec: Math.round((r.ops / r.ms) * 1000),
      note: 'what HidLink.write uses',
    });
  }
  {
    const reports = packetise(transfer);
    const reassembler = new HidReassembler();
    const r = timeLoop(minMs, () => {
      let n = 0;
      for (const report of reports) n += reassembler.push(report).length;
      return n;
    });
    rows.push({
      name: 'HID reassembler (256-byte transfers)',
      mbPerSec: +((r.ops * transfer.length) / 1e3 / r.ms).toFixed(1),
      opsPerSec: Math.round((r.ops / r.ms) * 1000),
    });
  }

  // --- per-exchange codec latency: a PRESS request and its CODE reply through each pure stack
  const request: Message = { type: T.PRESS, requestId: 7, long: false };
  const reply: Message = { type: T.CODE, requestId: 7, code: '287082', step: 58_907_520, remainingMs: 12_345 };
  {
    const host = new FrameDecoder();
    const board = new FrameDecoder();
    rows.push(
      latencyRow(
        'exchange, serial codec (encode+decode both ways)',
        samples,
        () => {
          if (board.push(encodeFrame(request)).length !== 1) throw new Error('lost request');
          if (host.push(encodeFrame(reply)).length !== 1) throw new Error('lost reply');
        },
        'PRESS -> CODE',
      ),
    );
  }
  {
    // Host → board: node-hid write wants the 0x00 report id, the board sees the 64-byte report.
    // Board → host: 64-byte IN reports, node-hid read returns them without a report id.
    const host = new FrameDecoder();
    const board = new FrameDecoder();
    const hostReports = new HidReassembler();
    const boardReports = new HidReassembler();
    const carry = (
      bytes: Uint8Array,
      reassembler: HidReassembler,
      decoder: FrameDecoder,
      reportId: number | undefined,
    ) => {
      let n = 0;
      for (const report of packetise(bytes, reportId === undefined ? {} : { reportId })) {
        for (const t of reassembler.push(report, reportIdBytes(report))) if (t.ok) n += decoder.push(t.data).length;
      }
      return n;
    };
    rows.push(
      latencyRow(
        'exchange, HID path (codec + packetiser)',
        samples,
        () => {
          if (carry(encodeFrame(request), boardReports, board, 0) !== 1) throw new Error('lost request');
          if (carry(encodeFrame(reply), hostReports, host, undefined) !== 1) throw new Error('lost reply');
        },
        'PRESS -> CODE',
      ),
    );
    const requestWire = encodeFrame(request);
    const replyWire = encodeFrame(reply);
    rows.push(
      latencyRow(
        'exchange, HID packetiser alone (both ways)',
        samples,
        () => {
          for (const report of packetise(requestWire, { reportId: 0 }))
            boardReports.push(report, reportIdBytes(report));
          for (const report of packetise(replyWire)) hostReports.push(report);
        },
        'compare with the serial codec row',
      ),
    );
  }

  // --- whole exchanges through DeviceClient and a link to firmware-sim: PRESS → CODE, side by side
  const presses = opts.quick ? 300 : 3000;
  rows.push(
    await pressLatency('press via DeviceClient, MemoryLink (serial codec, in-process)', presses, async () => {
      const [host, board] = MemoryLink.pair();
      return { host, board, teardown: async () => undefined };
    }),
  );
  rows.push(
    await pressLatency('press via DeviceClient, HidLink + in-process HID bus', presses, async () => {
      const bus = new HidFakeBus();
      const b = bus.addBoard({ vendorId: 0x1209, productId: 0x0002, usagePage: 0xff00 });
      return {
        host: await HidLink.open(b.info.path, { backend: bus }),
        board: b.port,
        teardown: async () => undefined,
      };
    }),
  );
  rows.push(
    await pressLatency('press via DeviceClient, HidLink + report socket (sim --hid)', presses, async () => {
      const bus = new HidFakeBus();
      const b = bus.addBoard({ vendorId: 0x1209, productId: 0x0002, usagePage: 0xff00 });
      const dir = mkdtempSync(join(tmpdir(), 'tokenkit-bench-hid-'));
      const server = await serveHidSocket(bus, b, join(dir, 'b.sock'));
      const host = await HidLink.open(server.path, { backend: new HidSocketBackend({ dir }) });
      return {
        host,
        board: b.port,
        teardown: async () => {
          await server.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }),
  );

  // The cross-process serial path for comparison: SerialLink through a socat pty pair (needs socat).
  if (spawnSync('sh', ['-c', 'command -v socat'], { stdio: 'ignore' }).status === 0) {
    rows.push(
      await pressLatency('press via DeviceClient, SerialLink over a socat pty pair', presses, async () => {
        const pair = await startPtyPair();
        const boardLink = await SerialLink.open(pair.boardPath, { lock: false });
        const host = await SerialLink.open(pair.hostPath, { lock: false });
        return {
          host,
          board: boardLink,
          teardown: async () => {
            await boardLink.close();
            await pair.stop();
          },
        };
      }),
    );
  }

  if (!opts.json) printTable(rows);
  return rows;
}

type BoardPortLike = Parameters<typeof serveFirmware>[1];

async function pressLatency(
  name: string,
  presses: number,
  connect: () => Promise<{ host: Link; board: BoardPortLike; teardown(): Promise<void> }>,
): Promise<CodecRow> {
  const { host, board, teardown } = await connect();
  const firmware = await createFirmware({
    profile: 'code-display',
    secret: {
      secret: new TextEncoder().encode('12345678901234567890'),
      algorithm: 'sha1',
      digits: 6,
      periodSec: 30,
      t0Sec: 0,
    },
  });
  const server = serveFirmware(firmware, board);
  const client = await DeviceClient.overLink(host);
  try {
    for (let i = 0; i < 100; i++) await client.press();
    const times = new Float64Array(presses);
    for (let i = 0; i < presses; i++) {
      const t0 = process.hrtime.bigint();
      await client.press();
      times[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    times.sort();
    return {
      name,
      p50Us: +percentile(times, 50).toFixed(1),
      p99Us: +percentile(times, 99).toFixed(1),
      opsPerSec: Math.round(1e6 / percentile(times, 50)),
      note: `${presses} presses`,
    };
  } finally {
    await client.close();
    server.stop();
    firmware.stop();
    await teardown();
  }
}

function printTable(rows: CodecRow[]): void {
  const cols: (keyof CodecRow)[] = ['name', 'mbPerSec', 'opsPerSec', 'p50Us', 'p99Us', 'note'];
  const head = ['benchmark', 'MB/s', 'ops/s', 'p50 µs', 'p99 µs', 'note'];
  const cells = rows.map((r) => cols.map((c) => (r[c] === undefined ? '' : String(r[c]))));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((x, i) => (i === 0 || i === 5 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

runIfMain(import.meta.url, 'codec', run);
