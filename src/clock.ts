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

/**
 * Runs callbacks after a delay in host milliseconds: the one scheduler on both sides of the wire (the
 * board's timers in firmware-sim, DeviceClient's reply timeouts and reconnect pauses). `setTimer` returns a cancel function.
 * Contract: a callback never runs before its delay has elapsed on the scheduler's clock, and never after
 * it was cancelled. RealScheduler uses Node timers; ManualScheduler runs due timers when told to.
 */
export interface Scheduler {
  setTimer(delayMs: number, callback: () => void): () => void;
  /**
   * Optional: run `callback` on the next event-loop turn (Node's setImmediate). Used to land exactly on a
   * step boundary in the last milliseconds before it, where ms timers are too coarse. Without it the
   * firmware uses timers only (ManualScheduler: deterministic).
   */
  setImmediate?(callback: () => void): () => void;
}

/** Longest delay a Node timer takes as given (a longer one fires after 1 ms). */
const MAX_NODE_TIMER_MS = 2 ** 31 - 1;

/**
 * Node's timers. With `unref` an idle simulator does not hold the process open by itself. Delays beyond
 * what one Node timer holds (~24.8 days) are chained, so a year's wait is a year, not 1 ms; an infinite
 * delay never fires.
 */
export class RealScheduler implements Scheduler {
  constructor(private readonly unref = false) {}
  setTimer(delayMs: number, callback: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    let leftMs = Math.max(0, delayMs);
    const arm = () => {
      const stepMs = Math.min(leftMs, MAX_NODE_TIMER_MS);
      leftMs -= stepMs;
      handle = setTimeout(() => (leftMs > 0 ? arm() : callback()), stepMs);
      if (this.unref) handle.unref();
    };
    if (leftMs !== Number.POSITIVE_INFINITY) arm();
    return () => clearTimeout(handle);
  }
  setImmediate(callback: () => void): () => void {
    const handle = setImmediate(callback);
    if (this.unref) handle.unref();
    return () => clearImmediate(handle);
  }
}

/**
 * A scheduler over a ManualClock: `advance(ms)` moves the clock forward timer by timer, running each due
 * callback at its exact time. Deterministic: tests never sleep.
 */
export class ManualScheduler implements Scheduler {
  private timers: { atMs: number; seq: number; callback: () => void }[] = [];
  private seq = 0;
  constructor(readonly clock: ManualClock) {}

  setTimer(delayMs: number, callback: () => void): () => void {
    const timer = { atMs: this.clock.nowMs() + Math.max(0, delayMs), seq: this.seq++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves the clock forward by `deltaMs`, running every timer that falls due on the way, in order. */
  advance(deltaMs: number): void {
    const endMs = this.clock.nowMs() + deltaMs;
    for (;;) {
      this.timers.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.atMs > endMs) break;
      this.timers.shift();
      if (next.atMs > this.clock.nowMs()) this.clock.set(next.atMs);
      next.callback();
    }
    this.clock.set(endMs);
  }

  /**
   * Moves the clock to the earliest timer and runs it (and any other due at that instant); false when no
   * timer is set. For driving async code in virtual time: let its promises settle, then `next()`.
   */
  next(): boolean {
    this.timers.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    const first = this.timers[0];
    if (!first || !Number.isFinite(first.atMs)) return false;
    this.advanceTo(first.atMs);
    return true;
  }

  /** Moves the clock to `atMs` (never backwards), running due timers. */
  advanceTo(atMs: number): void {
    this.advance(Math.max(0, atMs - this.clock.nowMs()));
  }

  get pending(): number {
    return this.timers.length;
  }
}

/** Resolves once `signal` aborts (at once if it already has): a long-running command's wait for Ctrl-C. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
