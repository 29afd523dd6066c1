import { afterAll, describe, expect, it } from 'vitest';
import { ArduinoBoard } from '../../firmware-sim/avr/arduino-board';
import { avrApplication } from '../../firmware-sim/avr/avr-application';
import type { AvrBoard } from '../../firmware-sim/avr/index';
import { ATMEGA328P } from '../../firmware-sim/avr/stk500';
import { DeviceClient } from '../../src/device/index';
import { MemoryLink } from '../../src/link/memory-link';
import { until } from '../helpers/wait';
import { companionFirmware, hasAvrToolchain } from './avr-build';

// The emulated Arduino (bootloader model, fw-host) running the C firmware in avr8js as its application:
// what `tokenkit firmware flash` and `sim --firmware avr` stand on. Paced to the wall clock, as people use it.
describe.skipIf(!hasAvrToolchain())('the C firmware as the emulated Arduino application', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('boots from the flashed image, answers over the port, and keeps its secret, serial and RTC time across a reset', async () => {
    const flash = new Uint8Array(ATMEGA328P.flashBytes).fill(0xff);
    flash.set(companionFirmware());
    const boots: AvrBoard[] = [];
    const [host, port] = MemoryLink.pair();
    const rtcStartMs = Date.UTC(2026, 4, 1, 10, 0, 0);
    const arduino = ArduinoBoard.start({
      port,
      flash,
      startInBootloader: false,
      startApplication: avrApplication({ rtc: { startMs: rtcStartMs }, seed: 5, onBoot: (b) => boots.push(b) }),
    });
    cleanup.push(() => arduino.stop());
    await until(
      'the application running',
      () => arduino.phase === 'application',
      () => arduino.phase,
      10_000,
      20,
    );
    const client = await DeviceClient.overLink(host, { timeoutMs: 3000 });
    cleanup.push(() => client.close());
    const serial = client.info.serial;
    await client.provision({ secret: new TextEncoder().encode('12345678901234567890'), digits: 6, periodSec: 30 });
    const before = await client.getTime();
    expect(before.deviceMs).toBeGreaterThanOrEqual(rtcStartMs);

    // A reset (DTR): the bootloader waits, then the application boots again on a new chip.
    await arduino.reset({ idleTimeoutMs: 200 });
    await until(
      'the application booted again',
      () => arduino.phase === 'application' && boots.length === 2,
      () => `${arduino.phase}, ${boots.length} boots`,
      10_000,
      20,
    );
    expect(boots[0]!.isClosed).toBe(true);
    expect(await client.hello()).toMatchObject({ serial, provisioned: true });
    // Until the firmware has found the RTC's next second edge (up to 1.5 s) it keeps mid-second time.
    await new Promise((r) => setTimeout(r, 1600));
    const after = await client.getTime();
    // The DS3231 kept running on its coin cell: later than before, not back at its start time.
    expect(after.deviceMs).toBeGreaterThan(before.deviceMs);
    expect(after.deviceMs).toBeLessThan(before.deviceMs + 60_000);
  });
});
