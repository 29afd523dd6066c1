import { describe, expect, it } from 'vitest';
import { ManualClock, ManualScheduler } from '../../src/clock';
import {
  checkDriftRun,
  DeviceStatusError,
  DriftRunError,
  durationForUncertaintyMs,
  measureDrift,
  ProvisionError,
  type ProvisionKey,
  provisionBoard,
  type TimeReading,
} from '../../src/device/index';
import { MemoryTokenStore } from '../../src/store/index';

/** A board whose clock runs `ppm` fast, read with a deterministic ± `jitterMs` of asymmetric delay. */
function driftingBoard(clock: ManualClock, ppm: number, jitterMs: number) {
  const startMs = clock.nowMs();
  let i = 0;
  return {
    reads: 0,
    async getTime(): Promise<TimeReading> {
      this.reads++;
      const hostMs = clock.nowMs();
      // A fixed pseudo-random pattern in [-1, 1]: the same every run.
      const noise = Math.sin(i++ * 12.9898) * jitterMs;
      const offsetMs = 250 + (hostMs - startMs) * ppm * 1e-6 + noise;
      return { deviceMs: hostMs + offsetMs, hostMs, offsetMs, uncertaintyMs: 0.5, rttMs: 1 };
    },
  };
}

/** Runs measureDrift on a manual scheduler: the test moves time, nothing sleeps. */
async function runManual(ppm: number, jitterMs: number, durationMs: number, intervalMs: number) {
  const clock = new ManualClock(1_700_000_000_000);
  const scheduler = new ManualScheduler(clock);
  const board = driftingBoard(clock, ppm, jitterMs);
  let done = false;
  const result = measureDrift(board, { durationMs, intervalMs, scheduler, clock }).finally(() => (done = true));
  while (!done) {
    await new Promise((r) => setImmediate(r));
    scheduler.advance(intervalMs);
  }
  return { fit: await result, reads: board.reads };
}

describe('measureDrift (device drift)', () => {
  it('reports the drift with an error bar that holds the true drift', async () => {
    const { fit, reads } = await runManual(37, 0.4, 60_000, 1000);
    expect(reads).toBe(61);
    expect(Number.isFinite(fit.driftUncertaintyPpm)).toBe(true);
    expect(fit.driftUncertaintyPpm).toBeGreaterThan(0);
    expect(Math.abs(fit.driftPpm - 37)).toBeLessThanOrEqual(fit.driftUncertaintyPpm);
  });

  it('a few seconds of jittery reads give a wide error bar, and says how long to run for a narrow one', async () => {
    const short = (await runManual(0, 0.4, 3000, 100)).fit;
    const long = (await runManual(0, 0.4, 60_000, 100)).fit;
    // Hundreds of ppm from 3 s of reads: now with a ± that says so.
    expect(short.driftUncertaintyPpm).toBeGreaterThan(50);
    expect(long.driftUncertaintyPpm).toBeLessThan(short.driftUncertaintyPpm / 10);
    const neededMs = durationForUncertaintyMs(short, 10);
    expect(neededMs).toBeGreaterThan(short.spanMs);
    expect(durationForUncertaintyMs(long, 1000)).toBe(long.spanMs);
  });

  it('refuses runs too short to mean anything before reading at all', async () => {
    const board = driftingBoard(new ManualClock(0), 0, 0);
    // One read (0.0 ppm printed as a result before), two reads (a line through two points), under 1 s.
    for (const [durationMs, intervalMs] of [
      [500, 1000],
      [1500, 1000],
      [900, 100],
    ] as const) {
      expect(() => checkDriftRun(durationMs, intervalMs)).toThrow(DriftRunError);
      await expect(measureDrift(board, { durationMs, intervalMs })).rejects.toThrow(DriftRunError);
    }
    expect(board.reads).toBe(0);
    expect(() => checkDriftRun(2000, 1000)).not.toThrow();
  });
});

const KEY: ProvisionKey = {
  kind: 'totp',
  secret: new Uint8Array(Buffer.from('12345678901234567890')),
  algorithm: 'sha1',
  digits: 6,
  periodSec: 30,
  t0Sec: 0,
};
const INFO = { port: 'fake', serial: 'TK1', provisioned: true } as never;

describe('provisionBoard (device provision --register)', () => {
  it('refuses an HOTP key before the board or the store is touched', async () => {
    const store = new MemoryTokenStore();
    let writes = 0;
    const client = { info: INFO, provision: async () => void writes++ };
    await expect(provisionBoard(client, { ...KEY, kind: 'hotp' }, { store, user: 'eva' })).rejects.toMatchObject({
      problem: 'hotp',
    });
    expect(writes).toBe(0);
    expect(store.get('eva')).toBeUndefined();
  });

  it('a token added for the same user while the board is written cannot split board and store', async () => {
    const store = new MemoryTokenStore();
    let concurrent: unknown;
    const client = {
      info: INFO,
      // Another `tokenkit token add eva` lands while the board is being written.
      provision: async () => {
        try {
          store.add({ ...KEY, user: 'eva', secret: new Uint8Array(20).fill(7) });
        } catch (error) {
          concurrent = error;
        }
      },
    };
    await provisionBoard(client, KEY, { store, user: 'eva' });
    // The store holds the key the board got; the other add was the one refused.
    expect(Buffer.from(store.get('eva')!.secret)).toEqual(Buffer.from(KEY.secret));
    expect(concurrent).toMatchObject({ kind: 'duplicate' });
  });

  it('a user who already has a token is refused with nothing written; a board that refuses leaves no row', async () => {
    const store = new MemoryTokenStore();
    store.add({ ...KEY, user: 'eva' });
    let writes = 0;
    const ok = { info: INFO, provision: async () => void writes++ };
    await expect(provisionBoard(ok, KEY, { store, user: 'eva' })).rejects.toBeInstanceOf(ProvisionError);
    expect(writes).toBe(0);
    const refusing = {
      info: INFO,
      provision: async () => {
        throw new DeviceStatusError('fake', 0x05);
      },
    };
    await expect(provisionBoard(refusing, KEY, { store, user: 'ole' })).rejects.toBeInstanceOf(DeviceStatusError);
    expect(store.get('ole')).toBeUndefined();
  });
});
