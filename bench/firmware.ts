/**
 * The C firmware on the ATmega328P: image sizes per algorithm set (avr-size, via `make -C firmware
 * variants`) and, in avr8js at 16 MHz board time, PROVISION and press-to-code times and the stack high-water
 * mark per algorithm. Board time comes from cycles, so the times are exact for the emulated chip, whatever
 * the host's speed. Press to code: from the first byte of the BUTTON event (the board has just decoded
 * PRESS) to the last byte of the CODE reply, on the wire at 115200 baud (BUTTON, CODE_SHOWN and CODE are
 * ~60 bytes, ~5 ms of that).
 *   node --import tsx bench/firmware.ts [--json]      (or npm run bench -- firmware)
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
  stackHighWaterBytes: number;
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
    const ram = /static RAM \(.data \+ .bss\)\s+(\d+)\s+(\d+)/.exec(line);
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
      rows.push({
        algorithm,
        // From the end of the PROVISION frame's transmission by the host (~50 bytes at 11.5 bytes/ms) is
        // not observable here; this is from the write to the STATUS reply, an upper bound.
        provisionMs: +((status.lastCycle - provisionAt) / CYCLES_PER_MS).toFixed(1),
        replaceMs: +((replaced.lastCycle - replaceAt) / CYCLES_PER_MS).toFixed(1),
        pressToCodeMs: +((code.lastCycle - button.firstCycle) / CYCLES_PER_MS).toFixed(1),
        budgetMs,
        stackHighWaterBytes: board.stackHighWaterBytes(),
      });
    } finally {
      await board.close();
    }
  }
  return rows;
}

export async function run(opts: {
  json: boolean;
  quick: boolean;
}): Promise<{ sizes: SizeRow[]; timings: TimingRow[] }> {
  const result = { sizes: sizes(), timings: await timings() };
  if (!opts.json) {
    console.table(result.sizes);
    console.table(result.timings);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = process.argv.includes('--json');
  const result = await run({ json, quick: false });
  if (json) console.log(JSON.stringify(result, null, 2));
}
