/**
 * Device latency, side by side in one run:
 * - button press to code (PRESS → CODE through DeviceClient): MemoryLink vs a socat pty through
 *   serialport with the firmware in-process vs a socat pty to firmware-sim as its own process
 *   (target over the pty: p50 < 2 ms, p99 < 10 ms);
 * - 30 simulated boards on 30 ptys at once, all pressing concurrently (target p99 < 20 ms);
 * - an idle firmware-sim process: CPU % and RSS (target < 1 %, < 80 MB);
 * - how soon after the step boundary the shown code changes: in the firmware, and as CODE_SHOWN at the
 *   host over the pty (target within 5 ms).
 *
 *   node --import tsx bench/device.ts [--json] [--quick]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFirmware, type StoredSecret, serveFirmware } from '../firmware-sim/index';
import type { Clock } from '../src/clock';
import { DeviceClient } from '../src/device/index';
import { MemoryLink } from '../src/link/memory-link';
import { type PtyPair, startPtyPair } from '../src/link/pty-pair';
import { SerialLink } from '../src/link/serial-link';
import { MessageType } from '../src/protocol/messages';
import { firmwareSimEntry } from '../tests/firmware-sim/firmware-process';
import { readyLine } from '../tests/helpers/process';
import { type BenchOptions, formatTable, machineLine, percentile, procUsage, runIfMain } from './lib';

export interface DeviceRow {
  name: string;
  n: number;
  p50Ms?: number;
  p99Ms?: number;
  maxMs?: number;
  /** Host process CPU (user + system, all threads) per press, in µs: independent of machine load. */
  hostCpuUsPerPress?: number;
  /** The firmware-sim process's CPU per press, in µs (rows with a separate board process). */
  boardCpuUsPerPress?: number;
  cpuPercent?: number;
  rssMb?: number;
  target: string;
  met: boolean;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET: StoredSecret = {
  secret: new TextEncoder().encode('12345678901234567890'),
  algorithm: 'sha1',
  digits: 6,
  periodSec: 30,
  t0Sec: 0,
};
const hiRes: Clock = { nowMs: () => performance.timeOrigin + performance.now() };
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

let lastCpuUsPerPress = 0;

async function pressLatencies(client: DeviceClient, n: number): Promise<number[]> {
  for (let i = 0; i < Math.min(50, n); i++) await client.press(); // warm up JIT and buffers
  const out: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await client.press();
    out.push(performance.now() - t0);
    if (r.kind !== 'code') throw new Error('press gave no code');
  }
  const cpu = process.cpuUsage(cpu0);
  lastCpuUsPerPress = (cpu.user + cpu.system) / n;
  return out.sort((a, b) => a - b);
}

function latencyRow(name: string, sorted: number[], p50Target: number, p99Target: number): DeviceRow {
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  return {
    name,
    n: sorted.length,
    p50Ms: round(p50),
    p99Ms: round(p99),
    maxMs: round(sorted[sorted.length - 1]!),
    hostCpuUsPerPress: round(lastCpuUsPerPress, 0),
    target: `p50 < ${p50Target} ms, p99 < ${p99Target} ms`,
    met: p50 < p50Target && p99 < p99Target,
  };
}

/** A board in this process on the board end of a pty. */
async function inProcessPtyBoard(opts: { startMs?: number } = {}) {
  const pair = await startPtyPair();
  const boardLink = await SerialLink.open(pair.boardPath, { lock: false });
  const firmware = await createFirmware({ secret: SECRET, baseClock: hiRes, ...opts });
  const server = serveFirmware(firmware, boardLink);
  return {
    pair,
    firmware,
    async stop() {
      server.stop();
      firmware.stop();
      await boardLink.close();
      await pair.stop();
    },
  };
}

/** firmware-sim as its own process: dist/firmware-sim.js when built, else the tests' esbuild bundle of it. */
function simEntry(): string {
  const dist = join(ROOT, 'dist', 'firmware-sim.js');
  return existsSync(dist) ? dist : firmwareSimEntry();
}

async function spawnSimProcess(...pairs: PtyPair[]): Promise<ChildProcess> {
  const ttys = pairs.flatMap((p) => ['--tty', p.boardPath]);
  const child = spawn(process.execPath, [simEntry(), ...ttys, '--secret', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ']);
  await readyLine(child, 'firmware-sim', /firmware-sim ready/);
  // Nothing reads its output from here on: let it drain, so a chatty board never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  return child;
}

async function boundaryLatencies(samples: number, overPty: boolean): Promise<number[]> {
  const out: number[] = [];
  const leadMs = overPty ? 400 : 150;
  for (let i = 0; i < samples; i++) {
    // Start the board clock `leadMs` before a step boundary; the boundary then falls at a known host time.
    const now = hiRes.nowMs();
    const boundaryBoardMs = (Math.floor(now / 30_000) + 10) * 30_000;
    const startMs = boundaryBoardMs - leadMs;
    const hostStart = hiRes.nowMs();
    if (!overPty) {
      const firmware = await createFirmware({ secret: SECRET, baseClock: hiRes, startMs });
      const got = new Promise<number>((resolve) => {
        firmware.onEvent((e) => {
          if (e.type === 'code-shown' && e.step === boundaryBoardMs / 30_000) resolve(hiRes.nowMs());
        });
      });
      firmware.press();
      out.push((await got) - (hostStart + leadMs));
      firmware.stop();
      continue;
    }
    const board = await inProcessPtyBoard({ startMs });
    const hostBase = hiRes.nowMs() - (board.firmware.timeMs() - startMs); // host time when board read startMs
    const client = await DeviceClient.open(SerialLink.opener(board.pair.hostPath), { reconnect: false });
    const got = new Promise<number>((resolve) => {
      client.onEvent((e) => {
        if (e.type === MessageType.CODE_SHOWN && e.step === boundaryBoardMs / 30_000) resolve(hiRes.nowMs());
      });
    });
    await client.press();
    const at = await got;
    out.push(at - (hostBase + leadMs));
    await client.close();
    await board.stop();
  }
  return out.sort((a, b) => a - b);
}

export async function run(opts: BenchOptions): Promise<DeviceRow[]> {
  const presses = opts.quick ? 200 : 1000;
  const rows: DeviceRow[] = [];

  // --- press to code: MemoryLink, pty (in-process board), pty (firmware-sim process)
  {
    const [host, board] = MemoryLink.pair();
    const firmware = await createFirmware({ secret: SECRET });
    const server = serveFirmware(firmware, board);
    const client = await DeviceClient.overLink(host);
    rows.push(latencyRow('press → code, MemoryLink (in-process)', await pressLatencies(client, presses), 2, 10));
    await client.close();
    server.stop();
    firmware.stop();
  }
  {
    const board = await inProcessPtyBoard();
    const client = await DeviceClient.open(SerialLink.opener(board.pair.hostPath), { reconnect: false });
    rows.push(
      latencyRow('press → code, socat pty, firmware in this process', await pressLatencies(client, presses), 2, 10),
    );
    await client.close();
    await board.stop();
  }
  let simProcess: ChildProcess | undefined;
  let simPair: PtyPair | undefined;
  {
    simPair = await startPtyPair();
    simProcess = await spawnSimProcess(simPair);
    const client = await DeviceClient.open(SerialLink.opener(simPair.hostPath), { reconnect: false });
    const board0 = procUsage(simProcess.pid!).cpuSec;
    const row = latencyRow(
      'press → code, socat pty, firmware-sim process',
      await pressLatencies(client, presses),
      2,
      10,
    );
    row.boardCpuUsPerPress = round(
      ((procUsage(simProcess.pid!).cpuSec - board0) * 1e6) / (presses + Math.min(50, presses)),
      0,
    );
    rows.push(row);
    await client.close();
  }

  // --- 30 boards on 30 ptys, all pressing at once (the boards in one firmware-sim process, like 30 USB
  // boards: the host process only runs the 30 clients)
  {
    const boardCount = 30;
    const perBoard = opts.quick ? 20 : 100;
    const pairs = await Promise.all(Array.from({ length: boardCount }, () => startPtyPair()));
    const boards = await spawnSimProcess(...pairs);
    const clients: DeviceClient[] = [];
    for (const p of pairs)
      clients.push(await DeviceClient.open(SerialLink.opener(p.hostPath), { reconnect: false, timeoutMs: 5000 }));
    const cpu0 = process.cpuUsage();
    const board0 = procUsage(boards.pid!).cpuSec;
    const all = (await Promise.all(clients.map((c) => pressLatencies(c, perBoard)))).flat().sort((a, b) => a - b);
    const cpu = process.cpuUsage(cpu0);
    const pressCount = boardCount * (perBoard + Math.min(50, perBoard));
    lastCpuUsPerPress = (cpu.user + cpu.system) / pressCount;
    const boardCpuUsPerPress = round(((procUsage(boards.pid!).cpuSec - board0) * 1e6) / pressCount, 0);
    rows.push({
      ...latencyRow(`press → code, ${boardCount} boards on ${boardCount} ptys at once`, all, 20, 20),
      boardCpuUsPerPress,
      target: 'p99 < 20 ms',
      met: percentile(all, 99) < 20,
    });
    await Promise.all(clients.map((c) => c.close()));
    boards.kill('SIGTERM');
    await Promise.all(pairs.map((p) => p.stop()));
  }

  // --- idle firmware-sim process: CPU and RSS after it has served the presses above
  {
    const pid = simProcess.pid!;
    await new Promise((r) => setTimeout(r, 500));
    const windowMs = opts.quick ? 2000 : 10_000;
    const before = procUsage(pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const after = procUsage(pid);
    const cpuPercent = ((after.cpuSec - before.cpuSec) / ((performance.now() - t0) / 1000)) * 100;
    const rssMb = after.rssBytes / 1e6;
    rows.push({
      name: `idle firmware-sim process (${windowMs / 1000} s window)`,
      n: 1,
      cpuPercent: round(cpuPercent, 2),
      rssMb: round(rssMb, 1),
      target: 'CPU < 1 %, RSS < 80 MB',
      met: cpuPercent < 1 && rssMb < 80,
    });
    simProcess.kill('SIGTERM');
    await simPair.stop();
  }

  // --- shown code change after the step boundary
  {
    const n = opts.quick ? 5 : 20;
    const inFw = await boundaryLatencies(n, false);
    rows.push({
      ...latencyRow('step boundary → new code shown (firmware)', inFw, 5, 5),
      target: 'within 5 ms',
      met: inFw[inFw.length - 1]! < 5,
    });
    const overPty = await boundaryLatencies(opts.quick ? 3 : 10, true);
    rows.push({
      ...latencyRow('step boundary → CODE_SHOWN at the host over the pty', overPty, 5, 5),
      target: 'within 5 ms',
      met: overPty[overPty.length - 1]! < 5,
    });
  }

  if (!opts.json) {
    // The load average says how much of the machine this run had: latency tails grow with it.
    process.stdout.write(
      `${machineLine()}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n\n`,
    );
    process.stdout.write(
      formatTable(
        [
          'benchmark',
          'n',
          'p50 ms',
          'p99 ms',
          'max ms',
          'host CPU µs/press',
          'board CPU µs/press',
          'CPU %',
          'RSS MB',
          'target',
          'met',
        ],
        rows.map((r) => [
          r.name,
          String(r.n),
          r.p50Ms?.toFixed(3) ?? '',
          r.p99Ms?.toFixed(3) ?? '',
          r.maxMs?.toFixed(3) ?? '',
          r.hostCpuUsPerPress !== undefined && r.name.startsWith('press') ? String(r.hostCpuUsPerPress) : '',
          r.boardCpuUsPerPress !== undefined ? String(r.boardCpuUsPerPress) : '',
          r.cpuPercent?.toFixed(2) ?? '',
          r.rssMb?.toFixed(1) ?? '',
          r.target,
          r.met ? 'yes' : 'NO',
        ]),
      ),
    );
  }
  return rows;
}

runIfMain(import.meta.url, 'device', run);
