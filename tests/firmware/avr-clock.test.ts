import { afterEach, describe, expect, it } from 'vitest';
import { AvrBoard } from '../../firmware-sim/avr/index';
import { DeviceClient } from '../../src/device/index';
import { companionFirmware, hasAvrToolchain } from './avr-build';
import { drive } from './avr-drive';

// The C firmware's clock (firmware/core/clock.c) against the DS3231 model, in virtual time: the CPU clock
// is the emulator's exact 16 MHz, so a drifting RTC model stands for a CPU clock that is off by as much.
const START_MS = Date.UTC(2026, 4, 17, 12, 0, 0, 250);

describe.skipIf(!hasAvrToolchain())('the C firmware clock on the emulated board (DS3231 model)', () => {
  let board: AvrBoard | undefined;
  let client: DeviceClient | undefined;
  afterEach(async () => {
    await client?.close();
    await board?.close();
    client = undefined;
    board = undefined;
  });

  async function boot(rtc: NonNullable<Parameters<typeof AvrBoard.create>[0]>['rtc']) {
    board = AvrBoard.create({ program: companionFirmware(), rtc, seed: 11 });
    await board.runFor(2_000); // boot and the first second-edge search
    client = await drive(board, DeviceClient.overLink(board.link));
    return { board, client };
  }

  /** Board clock minus the RTC's, read at the moment the TIME reply leaves (its transmission is ~1.3 ms). */
  async function errorMs(b: AvrBoard, c: DeviceClient): Promise<number> {
    const reading = await drive(b, c.getTime());
    return reading.deviceMs - b.rtc.nowMs();
  }

  it('tracks an RTC 3000 ppm off the CPU clock within 15 ms once it has learned the rate', async () => {
    const { board: b, client: c } = await boot({ startMs: START_MS, driftPpm: 3000 });
    // Unlearned, 60 s between edges would let 180 ms build up; give it a few edges to learn.
    await b.runFor(6 * 60_000);
    const errors: number[] = [];
    for (let i = 0; i < 10; i++) {
      await b.runFor(6_700);
      errors.push(await errorMs(b, c));
    }
    expect(Math.max(...errors.map(Math.abs)), `errors ${errors.map((e) => e.toFixed(1)).join(', ')} ms`).toBeLessThan(
      15,
    );
  }, 120_000);

  it('SET_TIME lands on the RTC on the next whole second, within a few ms, and clears OSF', async () => {
    const { board: b, client: c } = await boot({ startMs: START_MS, oscillatorStopFlag: true });
    expect(c.info.clock).toEqual({ unset: true, unreliable: false });
    const targetMs = Date.UTC(2031, 0, 2, 3, 4, 5, 678);
    await drive(b, c.setTime(targetMs, { force: true }));
    await b.runFor(2_500);
    expect(b.rtc.oscillatorStopFlag).toBe(false);
    expect(Math.abs(await errorMs(b, c))).toBeLessThan(10);
    expect((await drive(b, c.hello())).clock).toEqual({ unset: false, unreliable: false });
  }, 60_000);

  it('a stopped RTC reports unset; no RTC at all reports unreliable', async () => {
    const stopped = await boot({ startMs: START_MS, stopped: true });
    expect(stopped.client.info.clock).toEqual({ unset: true, unreliable: false });
    await stopped.client.close();
    await stopped.board.close();
    const none = await boot(false);
    expect(none.client.info.clock).toEqual({ unset: true, unreliable: true });
  }, 60_000);
});
