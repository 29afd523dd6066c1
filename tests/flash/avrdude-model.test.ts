import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type ArduinoApplication, ArduinoBoard } from '../../firmware-sim/avr/arduino-board';
import { ATMEGA328P, OPTIBOOT } from '../../firmware-sim/avr/stk500';
import { openTtyPort } from '../../firmware-sim/tty-port';
import { startPtyPair } from '../../src/link/pty-pair';
import { parseIntelHex } from '../../src/protocol/index';
import { hasTool } from '../helpers/tools';

const SHIPPED_HEX = fileURLToPath(new URL('../../firmware/prebuilt/tokenkit-atmega328p.hex', import.meta.url));

/** The shipped firmware; before it exists, a small image built here with avr-gcc (gcc-avr, needed in CI too). */
function firmwareHex(dir: string): string {
  if (existsSync(SHIPPED_HEX)) return SHIPPED_HEX;
  const c = join(dir, 'image.c');
  writeFileSync(
    c,
    '#include <avr/io.h>\nconst char pad[600] __attribute__((used)) = "tokenkit flash test";\nint main(void){DDRB=0xff;for(;;)PORTB^=0xff;}\n',
  );
  const elf = join(dir, 'image.elf');
  const hex = join(dir, 'image.hex');
  for (const [bin, args] of [
    ['avr-gcc', ['-mmcu=atmega328p', '-Os', '-o', elf, c]],
    ['avr-objcopy', ['-O', 'ihex', elf, hex]],
  ] as const) {
    const r = spawnSync(bin, [...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} failed: ${r.stderr}`);
  }
  return hex;
}

function runAvrdude(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('avrdude', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

const tools = hasTool('socat', 'socat') && hasTool('avrdude', 'avrdude') && hasTool('avr-gcc', 'gcc-avr');

describe.skipIf(!tools)('real avrdude flashes the emulated Arduino through the STK500v1 model on a pty', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function board(startApplication: (m: { flash: Uint8Array }) => Promise<ArduinoApplication>) {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-flash-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const pair = await startPtyPair();
    cleanup.push(() => pair.stop());
    const tty = openTtyPort(pair.boardPath);
    cleanup.push(() => tty.close());
    const arduino = ArduinoBoard.start({ port: tty.port, startApplication, startInBootloader: false });
    cleanup.push(() => arduino.stop());
    return { dir, pair, arduino };
  }

  it('writes and verifies the firmware; program memory then equals the hex, and the image boots', async () => {
    let booted: Uint8Array | undefined;
    const { dir, pair, arduino } = await board(async ({ flash }) => {
      booted = flash;
      return { write() {}, onData: () => () => {}, stop() {} };
    });
    const hex = firmwareHex(dir);
    // A pty has no DTR: put the board in its bootloader where avrdude's reset pulse would.
    await arduino.reset({ idleTimeoutMs: 60_000 });
    const { code, output } = await runAvrdude([
      '-c',
      'arduino',
      '-p',
      'm328p',
      '-P',
      pair.hostPath,
      '-b',
      '115200',
      '-U',
      `flash:w:${hex}:i`,
    ]);
    expect(output).toMatch(/device signature = 0x1e950f/);
    expect(output).toMatch(/bytes of flash verified/);
    expect(code).toBe(0);

    const image = parseIntelHex(readFileSync(hex, 'utf8'), hex);
    const memory = arduino.programMemory;
    for (const { start, end } of image.segments)
      expect(Buffer.from(memory.subarray(start, end)).equals(Buffer.from(image.bytes.subarray(start, end)))).toBe(true);
    // Nothing else was touched: the rest of the application area is still erased.
    const appEnd = ATMEGA328P.flashBytes - OPTIBOOT.bootSectionBytes;
    const lastPage = Math.ceil(image.bytes.length / ATMEGA328P.pageBytes) * ATMEGA328P.pageBytes;
    expect(memory.subarray(lastPage, appEnd).every((b) => b === 0xff)).toBe(true);
    expect(arduino.bootloaderStats!.pagesWritten).toBe(Math.ceil(image.dataBytes / ATMEGA328P.pageBytes));

    // LEAVE_PROGMODE starts the application from what was written.
    const { until } = await import('../helpers/wait');
    await until('the application to boot', () => arduino.phase === 'application');
    expect(Buffer.from(booted!.subarray(0, image.bytes.length)).equals(Buffer.from(image.bytes))).toBe(true);
  });

  it('a board that is not in its bootloader: avrdude gives up "not in sync" and writes nothing', async () => {
    const { pair, arduino } = await board(async () => ({ write() {}, onData: () => () => {}, stop() {} }));
    const { code, output } = await runAvrdude([
      '-c',
      'arduino',
      '-p',
      'm328p',
      '-P',
      pair.hostPath,
      '-b',
      '115200',
      '-x',
      'attempts=1',
      '-U',
      'flash:w:/dev/null:i',
    ]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/not in sync/);
    expect(arduino.phase).toBe('no-application');
  });
});
