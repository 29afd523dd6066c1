import { describe, expect, it } from 'vitest';
import { DriftingClock, ManualClock, PreciseSystemClock } from '../../src/clock';

describe('clocks', () => {
  it('PreciseSystemClock stays within the millisecond Date.now() reports, with finer steps', () => {
    const clock = new PreciseSystemClock();
    let fractional = 0;
    for (let i = 0; i < 20_000; i++) {
      const before = Date.now();
      const t = clock.nowMs();
      const after = Date.now();
      // Date.now() truncates: the true time at the call lies in [before, after + 1).
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThan(after + 1);
      if (!Number.isInteger(t)) fractional++;
    }
    expect(fractional).toBeGreaterThan(0);
  });

  it('DriftingClock gains driftPpm millionths of the time that passes, from its start time', () => {
    const base = new ManualClock(1_000_000);
    const clock = new DriftingClock(base, 20, 5_000);
    expect(clock.nowMs()).toBe(5_000);
    base.advance(86_400_000);
    // +20 ppm gains 1.728 s a day.
    expect(clock.nowMs()).toBeCloseTo(5_000 + 86_400_000 + 1_728, 6);
  });
});
