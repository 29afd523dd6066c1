/**
 * The C firmware on the ATmega328P: image sizes per algorithm set (avr-size, via `make -C firmware
 * variants`) and, in avr8js at 16 MHz board time, PROVISION and press-to-code times and the stack high-water
 * mark per algorithm. Board time comes from cycles, so the times are exact for the emulated chip, whatever
 * the host's speed. Press to code: from the first byte of the BUTTON event (the board has just decoded
 * PRESS) to the last byte of the CODE reply, on the wire at 115200 baud (BUTTON, CODE_SHOWN and CODE are
 * ~60 bytes, ~5 ms of that).
 * Button to code: from the release of a short press on D2 (a short press is known only at release) to the
 * last byte of CODE_SHOWN; it includes the firmware's 20 ms debounce.
 * Emulator speed: simulated MHz per host CPU second (16 = real time on one core), unpaced (virtual time, as the
 * tests run) with the harness's fast-forward (sleep, idle timer ticks and EEPROM busy-waits skipped) and
 * without it, and paced to the wall clock (as people use it), with the host CPU it costs and how far
 * board time trails the wall clock.
 *   node --import tsx bench/firmware.ts [--json] [--quick]   (npm run bench:firmware, npm run bench -- firmware)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AvrBoard, CYCLES_PER_MS, readIntelHexFile } from '../firmware-sim/avr/index';
import { encodeFrame, FrameDecoder, MessageType } from '../src/protocol/index';

const FIRMWARE_DIR = fileURLToPath(new URL('../firmware', import.meta.url));

export interface SizeRow {
  build: string;
  flashBytes: number;
  flashBudget: number;
  ramBytes: number;
  ramBudget: number;
}

export interface TimingRow {
  algorithm: string;
  /** First PROVISION on an erased EEPROM. */
  provisionMs: number;
  /** PROVISION replacing a secret (after the board erased the slot it will write in the background). */
  replaceMs: number;
  pressToCodeMs: number;
  budgetMs: number;
  buttonToCodeMs: number;
  stackHighWaterBytes: number;
}

export interface SpeedRow {
  run: string;
  boardSec: number;
  hostSec: number;
  /** Host CPU seconds this process spent (the machine may be shared: MHz are per CPU second). */
  cpuSec: number;
  /** Simulated MHz per host CPU second (16 = real time on one core). */
  mhz: number;
  /** Paced only: host CPU spent, as a share of one core. */
  cpuPercent?: number;
  /** Paced only: how far board time trailed the wall clock at the end. */
  lagMs?: number;
}

function make(target: string): string {
  const result = spawnSync('make', ['-s', '-C', FIRMWARE_DIR, target], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`make -C firmware ${target} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Parses the budget tables `make variants` prints. */
export function sizes(): SizeRow[] {
  const rows: SizeRow[] = [];
  let build = '';
  for (const line of make('variants').split('\n')) {
    const title = /^firmware budget \((.+)\)$/.exec(line);
    if (title) build = title[1]!;
    const flash = /flash \(.text \+ .data\)\s+(\d+)\s+(\d+)/.exec(line);
    if (flash) rows.push({ build, flashBytes: +flash[1]!, flashBudget: +flash[2]!, ramBytes: 0, ramBudget: 0 });
    const ram = /static RAM \(.data \+ .bss \+ .noinit\)\s+(\d+)\s+(\d+)/.exec(line);
    if (ram && rows.length > 0) Object.assign(rows[rows.length - 1]!, { ramBytes: +ram[1]!, ramBudget: +ram[2]! });
  }
  return rows;
}

const ALGORITHMS = [
  { algorithm: 'sha1', keyBytes: 20, budgetMs: 25 },
  { algorithm: 'sha256', keyBytes: 32, budgetMs: 60 },
  { algorithm: 'sha512', keyBytes: 64, budgetMs: 100 },
] as const;

/** PROVISION and PRESS on the emulated board, timed in board cycles from the USART's transmit events. */
export async function timings(): Promise<TimingRow[]> {
  make('avr');
  const program = readIntelHexFile(`${FIRMWARE_DIR}/build/avr-atmega328p/tokenkit.hex`);
  const rows: TimingRow[] = [];
  for (const { algorithm, keyBytes, budgetMs } of ALGORITHMS) {
    const board = AvrBoard.create({ program, rtc: { startMs: Date.UTC(2026, 0, 1) }, seed: 1 });
    const decoder = new FrameDecoder();
    const frames: { type: number; firstCycle: number; lastCycle: number }[] = [];
    let firstCycle = -1;
    board.onTransmit((byte, cycle) => {
      if (firstCycle < 0) firstCycle = cycle;
      for (const r of decoder.push(Uint8Array.of(byte))) {
        if (r.ok) frames.push({ type: r.message.type, firstCycle, lastCycle: cycle });
        firstCycle = -1;
      }
    });
    try {
      await board.runFor(2_000); // boot, RTC edge search
      const provisionAt = board.boardCycles();
      await board.link.write(
        encodeFrame({
          type: MessageType.PROVISION,
          requestId: 1,
          algorithm,
          digits: 6,
          periodSec: 30,
          t0Sec: 0,
          secret: new Uint8Array(keyBytes).fill(0x5a),
        }),
      );
      await board.runFor(1_500);
      const status = frames.find((f) => f.type === MessageType.STATUS);
      frames.length = 0;
      await board.link.write(encodeFrame({ type: MessageType.PRESS, requestId: 2, long: false }));
      await board.runFor(500);
      const button = frames.find((f) => f.type === MessageType.BUTTON);
      const code = frames.find((f) => f.type === MessageType.CODE);
      if (!status || !button || !code) throw new Error(`${algorithm}: the board did not answer PROVISION and PRESS`);
      // A second key: PROVISION writes the other slot; a third writes the first one again, which the board
      // erased in the background after the second. That is the replacement a user sees from then on.
      let replaceAt = 0;
      for (const fill of [0x33, 0x44]) {
        await board.runFor(1_000);
        frames.length = 0;
        replaceAt = board.boardCycles();
        await board.link.write(
          encodeFrame({
            type: MessageType.PROVISION,
            requestId: fill,
            algorithm,
            digits: 6,
            periodSec: 30,
            t0Sec: 0,
            secret: new Uint8Array(keyBytes).fill(fill),
          }),
        );
        await board.runFor(1_500);
      }
      const replaced = frames.find((f) => f.type === MessageType.STATUS);
      if (!replaced) throw new Error(`${algorithm}: no answer to the replacing PROVISION`);
      await board.runFor(31_000); // the display blanks
      frames.length = 0;
      board.press(80);
      const releasedAt = board.boardCycles() + 80 * CYCLES_PER_MS;
      await board.runFor(500);
      const shown = frames.find((f) => f.type === MessageType.CODE_SHOWN);
      if (!shown) throw new Error(`${algorithm}: a button press showed no code`);
      rows.push({
        algorithm,
        // From the end of the PROVISION frame's transmission by the host (~50 bytes at 11.5 bytes/ms) is
        // not observable here; this is from the write to the STATUS reply, an upper bound.
        provisionMs: +((status.lastCycle - provisionAt) / CYCLES_PER_MS).toFixed(1),
        replaceMs: +((replaced.lastCycle - replaceAt) / CYCLES_PER_MS).toFixed(1),
        pressToCodeMs: +((code.lastCycle - button.firstCycle) / CYCLES_PER_MS).toFixed(1),
        budgetMs,
        buttonToCodeMs: +((shown.lastCycle - releasedAt) / CYCLES_PER_MS).toFixed(1),
        stackHighWaterBytes: board.stackHighWaterBytes(),
      });
    } finally {
      await board.close();
    }
  }
  return rows;
}

/** A provisioned board after boot, unpaced, with its frames counted. */
async function readyBoard(
  program: Uint8Array,
  opts: { fastForward?: boolean; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {},
) {
  const board = AvrBoard.create({
    program,
    rtc: { startMs: Date.UTC(2026, 0, 1) },
    seed: 2,
    fastForward: opts.fastForward ?? true,
  });
  const decoder = new FrameDecoder();
  const replies = new Set<number>();
  board.onTransmit((byte) => {
    for (const r of decoder.push(Uint8Array.of(byte))) if (r.ok) replies.add(r.message.requestId);
  });
  await board.runFor(2_000);
  const keyBytes = { sha1: 20, sha256: 32, sha512: 64 }[opts.algorithm ?? 'sha1'];
  await board.link.write(
    encodeFrame({
      type: MessageType.PROVISION,
      requestId: 1,
      algorithm: opts.algorithm ?? 'sha1',
      digits: 6,
      periodSec: 30,
      t0Sec: 0,
      secret: new Uint8Array(keyBytes).fill(0x33),
    }),
  );
  await board.runUntil(() => replies.has(1), 2_000);
  return { board, replies };
}

function measure(board: AvrBoard): () => {
  boardSec: number;
  hostSec: number;
  cpuSec: number;
  mhz: number;
  cpuPercent: number;
} {
  const cycles0 = board.boardCycles();
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  return () => {
    const hostSec = (performance.now() - wall0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const boardSec = (board.boardCycles() - cycles0) / CYCLES_PER_MS / 1000;
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    return {
      boardSec: +boardSec.toFixed(2),
      hostSec: +hostSec.toFixed(2),
      cpuSec: +cpuSec.toFixed(2),
      mhz: +((boardSec * 16) / cpuSec).toFixed(1),
      cpuPercent: +((cpuSec / hostSec) * 100).toFixed(0),
    };
  };
}

/** Emulator speed in the ways the board is run: unpaced idle and busy, with and without fast-forward, paced. */
export async function speeds(quick = false): Promise<SpeedRow[]> {
  make('avr');
  const program = readIntelHexFile(`${FIRMWARE_DIR}/build/avr-atmega328p/tokenkit.hex`);
  const rows: SpeedRow[] = [];
  const unpaced = (run: string, m: ReturnType<ReturnType<typeof measure>>) =>
    rows.push({ run, boardSec: m.boardSec, hostSec: m.hostSec, cpuSec: m.cpuSec, mhz: m.mhz });

  for (const fastForward of [true, false]) {
    const { board } = await readyBoard(program, { fastForward });
    const idle = measure(board);
    await board.runFor(fastForward ? (quick ? 30_000 : 300_000) : quick ? 2_000 : 10_000);
    unpaced(`unpaced, idle${fastForward ? '' : ' (every instruction, no fast-forward)'}`, idle());
    board.press(80);
    const shown = measure(board);
    await board.runFor(fastForward ? 30_000 : quick ? 2_000 : 10_000);
    unpaced(`unpaced, code shown (countdown redrawn each second)${fastForward ? '' : ', no fast-forward'}`, shown());
    await board.close();
  }
  for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
    const { board, replies } = await readyBoard(program, { algorithm });
    const busy = measure(board);
    for (let id = 10; id < (quick ? 15 : 40); id++) {
      await board.link.write(encodeFrame({ type: MessageType.PRESS, requestId: id, long: false }));
      await board.runUntil(() => replies.has(id), 1_000);
    }
    unpaced(
      `unpaced, PRESS after PRESS (${{ sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' }[algorithm]})`,
      busy(),
    );
    await board.close();
  }

  // Paced: for people. A board alone, then one answering a PRESS every 250 ms of wall time.
  for (const pressEveryMs of [0, 250]) {
    const { board, replies } = await readyBoard(program);
    board.startPaced();
    const wallStart = performance.now();
    const boardStart = board.boardTimeMs();
    const m = measure(board);
    const durationMs = quick ? 2_000 : 8_000;
    let id = 100;
    while (performance.now() - wallStart < durationMs) {
      if (pressEveryMs > 0) {
        const requestId = id++;
        await board.link.write(encodeFrame({ type: MessageType.PRESS, requestId, long: false }));
      }
      await new Promise((r) => setTimeout(r, pressEveryMs || 100));
    }
    const result = m();
    const lagMs = performance.now() - wallStart - (board.boardTimeMs() - boardStart);
    rows.push({
      run: pressEveryMs ? `paced, PRESS every ${pressEveryMs} ms (SHA-1): ${replies.size - 1} answered` : 'paced, idle',
      boardSec: result.boardSec,
      hostSec: result.hostSec,
      cpuSec: result.cpuSec,
      mhz: 16,
      cpuPercent: result.cpuPercent,
      lagMs: +lagMs.toFixed(1),
    });
    await board.close();
  }
  return rows;
}

export async function run(opts: {
  json: boolean;
  quick: boolean;
}): Promise<{ sizes: SizeRow[]; timings: TimingRow[]; speeds: SpeedRow[] }> {
  const result = { sizes: sizes(), timings: await timings(), speeds: await speeds(opts.quick) };
  if (!opts.json) {
    console.table(result.sizes);
    console.table(result.timings);
    console.table(result.speeds);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = process.argv.includes('--json');
  const result = await run({ json, quick: process.argv.includes('--quick') });
  if (json) console.log(JSON.stringify(result, null, 2));
}
