import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvrBoard, CYCLES_PER_MS } from '../../firmware-sim/avr/index';
import { hasTool } from '../helpers/tools';
import { compileFixture } from './avr-fixtures';

const hasAvrGcc = hasTool('avr-gcc', 'gcc-avr');

/** Collects what the firmware sends, with the board cycle of each byte. */
function capture(board: AvrBoard): { bytes: number[]; cycles: number[] } {
  const out = { bytes: [] as number[], cycles: [] as number[] };
  board.onTransmit((byte, cycle) => {
    out.bytes.push(byte);
    out.cycles.push(cycle);
  });
  return out;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s >>> 24;
  };
}

const bcd = (n: number) => ((Math.floor(n / 10) << 4) | (n % 10)) & 0xff;
const unbcd = (b: number) => (b >> 4) * 10 + (b & 0x0f);

describe.skipIf(!hasAvrGcc)('AVR harness peripherals (C fixtures built with avr-gcc)', () => {
  let programs: Record<string, Uint8Array>;
  const boards: AvrBoard[] = [];
  const make = (name: string, opts: Parameters<typeof AvrBoard.create>[0] = {}) => {
    const board = AvrBoard.create({
      program: programs[name]!,
      rtc: { startMs: Date.UTC(2026, 0, 15, 12, 0, 0) },
      ...opts,
    });
    boards.push(board);
    return board;
  };
  let tmp: string;

  beforeAll(() => {
    programs = {};
    for (const name of ['usart-echo', 'twi-rtc', 'spi-max7219', 'eeprom-counter', 'timer-sleep', 'stack']) {
      programs[name] = compileFixture(name);
    }
    tmp = mkdtempSync(join(tmpdir(), 'tokenkit-avr-'));
  });
  afterAll(async () => {
    for (const b of boards) await b.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('USART: a 2,000-byte burst echoes back complete and in order (UDRE level, RXC kept, paced RX queue)', async () => {
    const board = make('usart-echo');
    const seen = capture(board);
    const next = seeded(8);
    const sent = Uint8Array.from({ length: 2000 }, () => next());
    await board.runFor(5); // boot
    // Bursts with pauses between: the TX ring runs dry after each, so the UDRE handler turns its
    // interrupt off and must be called again when the next burst re-enables it.
    for (let offset = 0; offset < sent.length; offset += 250) {
      await board.link.write(sent.subarray(offset, offset + 250));
      await board.runFor(offset === 0 ? 40 : 2);
    }
    await board.runUntil(() => seen.bytes.length >= sent.length, 1000);
    expect(seen.bytes.length).toBe(sent.length);
    expect(Uint8Array.from(seen.bytes)).toEqual(sent);
    // Line rate: 10 bits at 117,647 baud (UBRR 16 with U2X) is 1,360 cycles a byte, both ways.
    for (let i = 1; i < 250; i++) expect(seen.cycles[i]! - seen.cycles[i - 1]!).toBeGreaterThanOrEqual(1360);
  });

  it('USART: bytes the host sends before the firmware enables its receiver wait in the queue', async () => {
    const board = make('usart-echo');
    const seen = capture(board);
    await board.link.write(Uint8Array.from([1, 2, 3]));
    expect(await board.runUntil(() => seen.bytes.length >= 3, 100)).toBe(true);
    expect(seen.bytes).toEqual([1, 2, 3]);
  });

  it('the link delivers what the firmware sent and follows the Link contract on close', async () => {
    const board = make('usart-echo');
    const chunks: Uint8Array[] = [];
    board.link.onData((c) => chunks.push(c));
    let closedWith: unknown = 'open';
    board.link.onClose((e) => (closedWith = e));
    await board.link.write(Uint8Array.from([0x41, 0x42]));
    await board.runFor(10);
    expect(Buffer.concat(chunks).toString()).toBe('AB');
    await board.close();
    expect(closedWith).toMatchObject({ disconnected: true });
    await expect(board.link.write(Uint8Array.from([1]))).rejects.toMatchObject({ name: 'LinkClosedError' });
    await expect(board.runFor(1)).rejects.toMatchObject({ name: 'AvrBoardClosedError' });
  });

  it('TWI: the DS3231 answers with its time in BCD and the status register', async () => {
    const startMs = Date.UTC(2026, 0, 15, 23, 59, 58, 500);
    const board = make('twi-rtc', { rtc: { startMs } });
    const seen = capture(board);
    await board.runFor(1);
    await board.link.write(Uint8Array.from([0x72])); // 'r'
    expect(await board.runUntil(() => seen.bytes.length >= 8, 100)).toBe(true);
    const r = seen.bytes;
    const read = Date.UTC(
      2000 + unbcd(r[6]!),
      unbcd(r[5]! & 0x1f) - 1,
      unbcd(r[4]!),
      unbcd(r[2]!),
      unbcd(r[1]!),
      unbcd(r[0]!),
    );
    const expected = Math.floor(board.rtc.nowMs() / 1000) * 1000;
    expect(read).toBeLessThanOrEqual(expected);
    expect(read).toBeGreaterThanOrEqual(expected - 1000);
    expect(r[7]! & 0x80).toBe(0); // OSF clear: the time was set
    // 23:59:58.5 + a few ms: still the 15th; weekday register counts 1..7
    expect(unbcd(r[4]!)).toBe(15);
    expect(r[3]).toBeGreaterThanOrEqual(1);
    expect(r[3]).toBeLessThanOrEqual(7);
  });

  it('TWI: the firmware sets the time (applied at STOP, the second restarts) and clears OSF', async () => {
    const board = make('twi-rtc', { rtc: { startMs: 0, stopped: false, oscillatorStopFlag: true } });
    const seen = capture(board);
    expect(board.rtc.oscillatorStopFlag).toBe(true);
    await board.runFor(1);
    const t = [bcd(3), bcd(2), bcd(1), 5, bcd(4), bcd(7), bcd(31)]; // 2031-07-04 01:02:03
    await board.link.write(Uint8Array.from([0x77, ...t]));
    expect(await board.runUntil(() => seen.bytes.includes(0x6b), 100)).toBe(true);
    const setAtMs = Date.UTC(2031, 6, 4, 1, 2, 3);
    expect(board.rtc.oscillatorStopFlag).toBe(false);
    expect(board.rtc.nowMs()).toBeGreaterThanOrEqual(setAtMs);
    expect(board.rtc.nowMs()).toBeLessThan(setAtMs + 10);
    await board.link.write(Uint8Array.from([0x72]));
    expect(await board.runUntil(() => seen.bytes.length >= 9, 100)).toBe(true);
    expect(seen.bytes.slice(1, 8)).toEqual([bcd(3), bcd(2), bcd(1), 5, bcd(4), bcd(7), bcd(31)]);
  });

  it('TWI: drift in ppm, a stopped oscillator, and no module fitted', async () => {
    const fast = make('twi-rtc', { rtc: { startMs: 1_000_000, driftPpm: 50_000 } });
    await fast.runFor(200);
    expect(fast.rtc.nowMs()).toBeCloseTo(1_000_000 + 200 * 1.05, 3);

    const stopped = make('twi-rtc', { rtc: { startMs: 5_000, stopped: true } });
    const seen = capture(stopped);
    await stopped.runFor(1);
    await stopped.link.write(Uint8Array.from([0x72]));
    expect(await stopped.runUntil(() => seen.bytes.length >= 8, 100)).toBe(true);
    expect(seen.bytes[7]! & 0x80).toBe(0x80); // OSF
    await stopped.runFor(200);
    expect(stopped.rtc.nowMs()).toBe(5_000);

    const none = make('twi-rtc', { rtc: false });
    const probe = capture(none);
    await none.runFor(1);
    await none.link.write(Uint8Array.from([0x70])); // 'p'
    expect(await none.runUntil(() => probe.bytes.length >= 1, 100)).toBe(true);
    expect(probe.bytes[0]).toBe(0);
    const fitted = make('twi-rtc');
    const probe2 = capture(fitted);
    await fitted.runFor(1);
    await fitted.link.write(Uint8Array.from([0x70]));
    expect(await fitted.runUntil(() => probe2.bytes.length >= 1, 100)).toBe(true);
    expect(probe2.bytes[0]).toBe(1);
  });

  it('SPI: MAX7219 register writes decode to the digits a person sees, with code and countdown', async () => {
    const board = make('spi-max7219');
    const seen = capture(board);
    // Each answer comes right after the register writes; the decoded display counts once settled (2 ms).
    const answered = (n: number) =>
      board.runUntil(
        () => seen.bytes.length >= n && board.boardTimeMs() - seen.cycles[n - 1]! / CYCLES_PER_MS > 3,
        100,
      );
    const changes: string[] = [];
    board.onDisplay((d) => changes.push(d.digits));
    expect(await answered(1)).toBe(true);
    expect(board.display).toMatchObject({ on: true, digits: '        ', intensity: 8 });
    expect(board.display.code).toBeUndefined();

    await board.link.write(Uint8Array.from([1, 2, 3, 4, 5, 6, 1, 7]));
    expect(await answered(2)).toBe(true);
    expect(board.display).toMatchObject({ on: true, digits: '12345617', code: '123456', remainingSec: 17 });

    await board.link.write(Uint8Array.from([0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0f, 0x0f]));
    expect(await answered(3)).toBe(true);
    expect(board.display.digits).toBe('------  ');
    expect(board.display.code).toBeUndefined();

    // A power cut takes the module's supply too: dark at once.
    const other = make('spi-max7219');
    const otherSeen = capture(other);
    await other.runUntil(() => otherSeen.bytes.length >= 1, 100);
    await other.link.write(Uint8Array.from([1, 2, 3, 4, 5, 6, 1, 7]));
    await other.runUntil(() => otherSeen.bytes.length >= 2, 100);
    await other.runFor(5);
    expect(other.display.on).toBe(true);
    const seenOff: boolean[] = [];
    other.onDisplay((d) => seenOff.push(d.on));
    other.cutPower();
    expect(other.display).toMatchObject({ on: false, digits: '        ' });
    expect(seenOff).toEqual([false]);

    await board.link.write(Uint8Array.from([0xee]));
    expect(await answered(4)).toBe(true);
    expect(board.display.on).toBe(false);
    expect(changes).toContain('12345617');
  });

  it('EEPROM: a boot counter survives power cycles in a file and starts from a given image', async () => {
    const file = join(tmp, 'eeprom.bin');
    for (const expected of [1, 2, 3]) {
      const board = make('eeprom-counter', { eepromFile: file });
      const seen = capture(board);
      expect(await board.runUntil(() => seen.bytes.length >= 3, 100)).toBe(true);
      expect(seen.bytes[0]! | (seen.bytes[1]! << 8)).toBe(expected);
      expect(seen.bytes[2]).toBe(0xff);
      await board.close();
    }
    const image = new Uint8Array(1024).fill(0xff);
    image[0x10] = 41;
    image[0x11] = 0;
    image[0x3ff] = 0x5a;
    const board = make('eeprom-counter', { eeprom: image });
    const seen = capture(board);
    expect(await board.runUntil(() => seen.bytes.length >= 3, 100)).toBe(true);
    expect(seen.bytes).toEqual([42, 0, 0x5a]);
    expect(board.eeprom[0x10]).toBe(42);
    expect(image[0x10]).toBe(41); // the caller's image is copied, not written
  });

  it('Timer1 compare deadlines arrive on time while the CPU sleeps; the button on D2 wakes it', async () => {
    const board = make('timer-sleep');
    const seen = capture(board);
    await board.runFor(1000);
    const ticks = seen.cycles.filter((_, i) => seen.bytes[i] === 0x54);
    expect(ticks.length).toBe(9);
    const periodCycles = 1563 * 1024;
    for (let i = 1; i < ticks.length; i++) {
      expect(Math.abs(ticks[i]! - ticks[i - 1]! - periodCycles)).toBeLessThan(200);
    }
    // The idle firmware sleeps: nearly all of its board time was skipped, not executed.
    expect(board.sleepCycles / board.boardCycles()).toBeGreaterThan(0.95);
    board.press(50);
    await board.runFor(20);
    expect(seen.bytes).toContain(0x42);
    expect(board.boardTimeMs()).toBeCloseTo(1020, 6);
    expect(board.boardCycles()).toBe(1020 * CYCLES_PER_MS);
  });

  it('2 KB of SRAM: the stack starts below RAMEND 0x08FF and its high-water mark follows the recursion depth', async () => {
    const board = make('stack');
    const seen = capture(board);
    expect(await board.runUntil(() => seen.bytes.length >= 2, 100)).toBe(true);
    // RAMEND 0x08FF less the return address the startup code's `call main` pushed.
    expect((seen.bytes[0]! << 8) | seen.bytes[1]!).toBe(0x08ff - 2);
    const shallow = board.stackHighWaterBytes();
    await board.link.write(Uint8Array.of(20));
    expect(await board.runUntil(() => seen.bytes.length >= 3, 100)).toBe(true);
    const deep = board.stackHighWaterBytes();
    // 20 frames of at least 40 bytes plus a return address each, and no more than 2 KB.
    expect(deep - shallow).toBeGreaterThanOrEqual(20 * 42);
    expect(deep).toBeLessThan(2048);
  });

  it('a reset reboots the chip with its EEPROM kept; board time keeps counting; reconnect gives a fresh link', async () => {
    const board = make('eeprom-counter');
    const seen = capture(board);
    expect(await board.runUntil(() => seen.bytes.length >= 3, 100)).toBe(true);
    const beforeMs = board.boardTimeMs();
    const link = board.reconnect({ reset: true });
    expect(link).not.toBe(undefined);
    expect(board.link).toBe(link);
    const chunks: Uint8Array[] = [];
    link.onData((c) => chunks.push(c));
    await board.runFor(20);
    expect(board.boardTimeMs()).toBeCloseTo(beforeMs + 20, 2);
    expect(Buffer.concat(chunks)[0]).toBe(2); // the boot counter: the second boot
  });
});
