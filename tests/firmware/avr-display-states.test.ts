import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvrBoard } from '../../firmware-sim/avr/index';
import { DeviceClient } from '../../src/device/index';
import { MessageType } from '../../src/protocol/messages';
import { companionFirmware, hasAvrToolchain } from './avr-build';
import { drive, frameLog } from './avr-drive';

// The screens of firmware/README.md "What the 8 digits show", read off the emulated MAX7219.
const SECRET = new TextEncoder().encode('12345678901234567890');
const START_MS = Date.UTC(2026, 6, 1, 10, 0, 5);

describe.skipIf(!hasAvrToolchain())('the C firmware screens on the emulated MAX7219', () => {
  let board: AvrBoard;
  let client: DeviceClient;
  let log: ReturnType<typeof frameLog>;

  beforeAll(async () => {
    board = AvrBoard.create({ program: companionFirmware(), rtc: { startMs: START_MS }, seed: 5 });
    log = frameLog(board);
    await board.runFor(1_800);
    client = await drive(board, DeviceClient.overLink(board.link));
  });
  afterAll(async () => {
    await client?.close();
    await board?.close();
  });

  it('a press before provisioning shows dashes', async () => {
    board.press(80);
    await board.runFor(300);
    expect(board.display).toMatchObject({ on: true, digits: '--------' });
  });

  it('a long press pages through the serial (two halves), the activation code and the battery', async () => {
    const serial = client.info.serial;
    board.press(1_600);
    await board.runUntil(() => log.frames.some((f) => f.message.type === MessageType.BATTERY), 3_000);
    await board.runFor(300);
    expect(board.display.digits).toBe(`1- ${serial.slice(0, 5)}`);
    await board.runFor(2_000);
    expect(board.display.digits).toBe(`2- ${serial.slice(5)}`);
    await board.runFor(2_000);
    expect(board.display.digits).toMatch(/^\d{8}$/);
    expect(board.display.dots).toBe('   .    '); // grouped 4.4
    await board.runFor(2_000);
    expect(board.display.digits).toBe('H    100');
  });

  it('8-digit codes fill the display; 10-digit codes show in two pages', async () => {
    for (const digits of [8, 10] as const) {
      await drive(board, client.provision({ secret: SECRET, digits, periodSec: 60 }));
      const result = await drive(board, client.press());
      if (result.kind !== 'code') throw new Error('expected a code');
      await board.runFor(300);
      // A healthy DS3231: the clock is trusted, no decimal point.
      expect(board.display.dots).toBe('        ');
      if (digits === 8) expect(board.display.digits).toBe(result.code);
      else {
        expect(board.display.digits).toBe(`1- ${result.code.slice(0, 5)}`);
        await board.runFor(2_000);
        expect(board.display.digits).toBe(`2- ${result.code.slice(5)}`);
      }
    }
  });
});

describe.skipIf(!hasAvrToolchain())('the clock-not-trusted decimal point on the emulated MAX7219', () => {
  // firmware/README.md: a code shown while INFO's clockFlags is not 0 lights the rightmost decimal point.
  const cases = [
    { name: 'no DS3231 fitted', rtc: false as const, clock: { unset: true, unreliable: true } },
    {
      name: 'a DS3231 whose oscillator-stop flag is set',
      rtc: { startMs: START_MS, oscillatorStopFlag: true },
      clock: { unset: true, unreliable: false },
    },
    { name: 'a healthy DS3231', rtc: { startMs: START_MS }, clock: { unset: false, unreliable: false } },
  ];
  for (const { name, rtc, clock } of cases) {
    const trusted = !clock.unset && !clock.unreliable;
    it(`${name}: the point is ${trusted ? 'dark' : 'lit'}`, async () => {
      const board = AvrBoard.create({ program: companionFirmware(), rtc, seed: 7 });
      try {
        await board.runFor(1_800);
        const client = await drive(board, DeviceClient.overLink(board.link));
        expect(client.info.clock).toEqual(clock);
        await drive(board, client.provision({ secret: SECRET, digits: 6, periodSec: 30 }));
        const result = await drive(board, client.press());
        if (result.kind !== 'code') throw new Error('expected a code');
        await board.runFor(300);
        expect(board.display.code).toBe(result.code);
        expect(board.display.dots).toBe(trusted ? '        ' : '       .');
        await client.close();
      } finally {
        await board.close();
      }
    });
  }
});

describe.skipIf(!hasAvrToolchain())('the countdown at a step boundary on the emulated MAX7219', () => {
  it('keeps the old code with 01 while the next one is computed: never 00', async () => {
    const board = AvrBoard.create({ program: companionFirmware(), rtc: { startMs: START_MS }, seed: 9 });
    const changes: { atMs: number; remainingSec: number | undefined }[] = [];
    board.onDisplay((d) => changes.push({ atMs: board.boardTimeMs(), remainingSec: d.remainingSec }));
    try {
      await board.runFor(1_800);
      const client = await drive(board, DeviceClient.overLink(board.link));
      // SHA-512: the slowest HMAC (~80 ms at 16 MHz), so the old code is up longest past the boundary.
      await drive(board, client.provision({ secret: SECRET, digits: 6, periodSec: 30, algorithm: 'sha512' }));
      // A PRESS 40 ms past a whole second before the boundary: the display's once-a-second refresh then
      // falls just after the boundary, while the next code's HMAC is still to come.
      const boundaryBoardMs = 30_000 - (START_MS % 30_000);
      await board.runFor(boundaryBoardMs - 3_040 - board.boardTimeMs());
      const result = await drive(board, client.press());
      if (result.kind !== 'code') throw new Error('expected a code');
      await board.runFor(boundaryBoardMs + 400 - board.boardTimeMs());
      expect(changes.filter((c) => c.atMs > boundaryBoardMs - 3_500).map((c) => c.remainingSec)).toEqual([3, 2, 1, 30]);
      await client.close();
    } finally {
      await board.close();
    }
  });
});
