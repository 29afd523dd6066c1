import { describe, expect, it, vi } from 'vitest';
import { DriftingClock, ManualClock, ManualScheduler, PreciseSystemClock, RealScheduler } from '../../src/clock';

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

describe('schedulers', () => {
  it('RealScheduler keeps a delay beyond one Node timer (~24.8 days) instead of firing after 1 ms', () => {
    vi.useFakeTimers();
    try {
      const scheduler = new RealScheduler();
      let fired = false;
      const cancel = scheduler.setTimer(365 * 86_400_000, () => (fired = true));
      vi.advanceTimersByTime(300 * 86_400_000);
      expect(fired).toBe(false);
      vi.advanceTimersByTime(65 * 86_400_000);
      expect(fired).toBe(true);
      cancel();
      let never = false;
      const cancelLong = scheduler.setTimer(60 * 86_400_000, () => (never = true));
      vi.advanceTimersByTime(30 * 86_400_000); // past the first link of the chain
      cancelLong();
      vi.advanceTimersByTime(60 * 86_400_000);
      expect(never).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ManualScheduler.next() jumps to the earliest timer and runs it; false when none is left', () => {
    const scheduler = new ManualScheduler(new ManualClock(1000));
    const ran: string[] = [];
    scheduler.setTimer(50, () => ran.push(`b@${scheduler.clock.nowMs()}`));
    scheduler.setTimer(10, () => ran.push(`a@${scheduler.clock.nowMs()}`));
    scheduler.setTimer(Number.POSITIVE_INFINITY, () => ran.push('never'));
    expect(scheduler.next()).toBe(true);
    expect(scheduler.next()).toBe(true);
    expect(scheduler.next()).toBe(false);
    expect(ran).toEqual(['a@1010', 'b@1050']);
  });
});
