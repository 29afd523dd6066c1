/** Time as an injected dependency: OTP code never reads the wall clock itself. */
export interface Clock {
  nowMs(): number;
}

export class SystemClock implements Clock {
  nowMs(): number {
    return Date.now();
  }
}

/** A clock that moves only when told to: for tests and for the simulator's `--start-time`. */
export class ManualClock implements Clock {
  constructor(private currentMs = 0) {}
  nowMs(): number {
    return this.currentMs;
  }
  set(atMs: number): void {
    this.currentMs = atMs;
  }
  advance(deltaMs: number): void {
    this.currentMs += deltaMs;
  }
}

/**
 * A clock that starts at `startMs` (when the base clock reads `baseStartMs`) and runs fast or slow by
 * `driftPpm` parts per million, like a token's crystal: +20 ppm gains 1.728 s a day.
 */
export class DriftingClock implements Clock {
  private readonly baseStartMs: number;
  constructor(
    private readonly base: Clock,
    private readonly driftPpm: number,
    private readonly startMs: number = base.nowMs(),
  ) {
    this.baseStartMs = base.nowMs();
  }
  nowMs(): number {
    const elapsedMs = this.base.nowMs() - this.baseStartMs;
    return this.startMs + elapsedMs * (1 + this.driftPpm / 1e6);
  }
}

/**
 * The wall clock (Date.now, which NTP keeps right and TOTP is defined on) with sub-millisecond steps
 * between its ticks, taken from performance.now(). `performance.timeOrigin + performance.now()` alone
 * follows the monotonic clock, which drifts away from the wall clock (300-500 ppm was measured on a VM
 * here): a board measured against it would seem to drift by that much. This clock re-anchors whenever
 * the two disagree by a millisecond or more, so it never strays from Date.now() by more than that.
 */
export class PreciseSystemClock implements Clock {
  private anchorWallMs = Date.now();
  private anchorPerfMs = performance.now();

  nowMs(): number {
    const perfMs = performance.now();
    const wallMs = Date.now();
    const estimateMs = this.anchorWallMs + (perfMs - this.anchorPerfMs);
    // Date.now() truncates to whole ms: the estimate is right while it lies in [wall, wall + 1).
    if (estimateMs < wallMs || estimateMs >= wallMs + 1) {
      this.anchorWallMs = wallMs;
      this.anchorPerfMs = perfMs;
      return wallMs;
    }
    return estimateMs;
  }
}
