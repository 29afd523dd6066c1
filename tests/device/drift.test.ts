import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFirmware, ManualScheduler, serveFirmware } from '../../firmware-sim/index';
import { ManualClock } from '../../src/clock';
import { DeviceClient, type DriftSample, fitDrift, NotATokenError } from '../../src/device/index';
import { LinkOpenError } from '../../src/link/link';
import { MemoryLink } from '../../src/link/memory-link';
import { SerialLink } from '../../src/link/serial-link';

describe('fitDrift (least squares)', () => {
  it('recovers slope and offset from exact samples', () => {
    const samples: DriftSample[] = Array.from({ length: 20 }, (_, i) => ({
      hostMs: 1_000_000 + i * 1000,
      offsetMs: 250 + i * 1000 * 37e-6,
      uncertaintyMs: 0.5,
    }));
    const fit = fitDrift(samples);
    expect(fit.driftPpm).toBeCloseTo(37, 6);
    expect(fit.offsetMs).toBeCloseTo(250 + 19 * 1000 * 37e-6, 6);
    expect(fit.residualMs).toBeCloseTo(0, 9);
    expect(fit.spanMs).toBe(19_000);
    expect(fit.maxUncertaintyMs).toBe(0.5);
  });

  it('fits a long run (device drift --duration 1h --interval 10 gives 360k reads) without overflowing the stack', () => {
    const n = 360_000;
    const samples: DriftSample[] = Array.from({ length: n }, (_, i) => ({
      hostMs: i * 10,
      offsetMs: 5 + i * 10 * 20e-6,
      uncertaintyMs: i === 1234 ? 2.5 : 0.5,
    }));
    const fit = fitDrift(samples);
    expect(fit.samples).toBe(n);
    expect(fit.driftPpm).toBeCloseTo(20, 4);
    expect(fit.maxUncertaintyMs).toBe(2.5);
  });

  it('stays close under ±0.3 ms of read noise, and handles 0 and 1 samples', () => {
    const samples: DriftSample[] = Array.from({ length: 40 }, (_, i) => ({
      hostMs: i * 500,
      offsetMs: -80 + i * 500 * -12e-6 + (i % 2 === 0 ? 0.3 : -0.3),
      uncertaintyMs: 0.3,
    }));
    // ±0.3 ms alternating noise over a 19.5 s span can tilt the line by at most a few ppm.
    expect(Math.abs(fitDrift(samples).driftPpm - -12)).toBeLessThan(3);
    expect(fitDrift([])).toMatchObject({ samples: 0, driftPpm: 0 });
    expect(fitDrift([{ hostMs: 5, offsetMs: 7, uncertaintyMs: 1 }])).toMatchObject({
      samples: 1,
      driftPpm: 0,
      offsetMs: 7,
    });
  });
});

describe('measuring a drifting board through DeviceClient', () => {
  it('finds the ppm the simulated crystal runs at', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const [host, board] = MemoryLink.pair();
    const firmware = await createFirmware({
      baseClock: clock,
      scheduler: new ManualScheduler(clock),
      driftPpm: 250,
      startMs: clock.nowMs() + 1234,
    });
    serveFirmware(firmware, board);
    const client = await DeviceClient.overLink(host, { hostClock: clock });
    const samples: DriftSample[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await client.getTime(); // the manual clock stands still during the exchange: rtt 0
      samples.push(r);
      clock.advance(60_000);
    }
    const fit = fitDrift(samples);
    expect(fit.driftPpm).toBeGreaterThan(249);
    expect(fit.driftPpm).toBeLessThan(251);
    expect(samples[0]!.offsetMs).toBeCloseTo(1234, 0);
    await client.close();
  });
});

describe.skipIf(!existsSync('/dev/ttyS0'))('/dev/ttyS0 (a real UART with no token behind it)', () => {
  it('is NotATokenError, or a permission error when the port is not ours: exit 4 either way', async () => {
    const error = await DeviceClient.open(SerialLink.opener('/dev/ttyS0'), { timeoutMs: 150, retries: 0 }).catch(
      (e: unknown) => e,
    );
    if (error instanceof LinkOpenError) expect(error.reason).toBe('permission');
    else {
      expect(error).toBeInstanceOf(NotATokenError);
      expect((error as NotATokenError).reason).toBe('no-answer');
    }
  });
});
