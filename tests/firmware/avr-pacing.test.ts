import { describe, expect, it } from 'vitest';
import { AvrBoard } from '../../firmware-sim/avr/index';
import { DeviceClient } from '../../src/device/index';
import { until } from '../helpers/wait';

/**
 * A board paced to the wall clock (`sim --firmware avr`, dist/firmware-avr.js) whose process stops for a
 * while (SIGSTOP, a suspended laptop, a swamped machine) catches up afterwards: its DS3231 runs on board
 * time, so a board that dropped the missed time kept a clock that far slow for good, and every code it
 * showed came from the wrong moment. Runs the shipped image (firmware/prebuilt), no toolchain needed.
 */
describe('a paced emulated board after its process stalled', () => {
  it('catches up with the wall clock: the RTC and the firmware clock end up within a few ms again', async () => {
    const board = AvrBoard.create({ rtc: { startMs: Date.now() }, seed: 3, paced: true });
    const client = DeviceClient.overLink(board.link, { timeoutMs: 3000 });
    try {
      const device = await client;
      const rtcOffset = () => board.rtc.nowMs() - Date.now();
      await until('the board running paced', () => board.boardTimeMs() > 300);
      const before = rtcOffset();
      expect(Math.abs(before)).toBeLessThan(250);
      // Block this thread for 1.5 s, as a stopped process would be.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
      // It did fall behind (nothing ran)...
      expect(rtcOffset()).toBeLessThan(before - 1000);
      // ...and catches up, rather than carrying the 1.5 s for good.
      await until(
        'the RTC back on the wall clock',
        () => Math.abs(rtcOffset() - before) < 100,
        () => `RTC offset ${rtcOffset().toFixed(0)} ms (was ${before.toFixed(0)} ms before the stall)`,
      );
      // The firmware's own clock (disciplined by the RTC's second edges) says the same over the wire.
      const reading = await device.getTime();
      expect(Math.abs(reading.offsetMs)).toBeLessThan(250);
    } finally {
      await (await client).close();
      await board.close();
    }
  });
});
