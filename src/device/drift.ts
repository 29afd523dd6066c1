import { type Clock, RealScheduler, type Scheduler, SystemClock } from '../clock';
import { TokenkitError } from '../errors';
import type { TimeReading } from './device-client';
import { DEVICE_TEXTS } from './errors';

/** A drift run too short to give a slope with an error bar (bad input, exit 2); nothing was read. */
export class DriftRunError extends TokenkitError {
  constructor(
    readonly durationMs: number,
    readonly intervalMs: number,
  ) {
    super(DEVICE_TEXTS, durationMs < intervalMs ? 'device.drift.error.tooShort' : 'device.drift.error.tooFewReads', {
      durationMs,
      intervalMs,
      reads: MIN_DRIFT_READS,
      minMs: MIN_DRIFT_DURATION_MS,
    });
  }
}

/** Fewer reads fit a line exactly and say nothing about how far off it is. */
export const MIN_DRIFT_READS = 3;
/** Below a second, read jitter (~0.1-1 ms) alone is hundreds of ppm. */
export const MIN_DRIFT_DURATION_MS = 1000;

/** Refuses a run that cannot give at least MIN_DRIFT_READS reads over MIN_DRIFT_DURATION_MS. */
export function checkDriftRun(durationMs: number, intervalMs: number): void {
  const reads = Math.floor(durationMs / intervalMs) + 1;
  if (reads < MIN_DRIFT_READS || durationMs < MIN_DRIFT_DURATION_MS) throw new DriftRunError(durationMs, intervalMs);
}

/** One time reading reduced to what drift fitting needs: host time and the board's offset from it. */
export interface DriftSample {
  hostMs: number;
  offsetMs: number;
  uncertaintyMs: number;
}

export interface DriftFit {
  samples: number;
  /** Board clock minus host clock at the last sample's host time, from the fitted line. */
  offsetMs: number;
  /** How fast the board's clock runs against the host's: + gains, − loses (parts per million). */
  driftPpm: number;
  /**
   * ± on driftPpm: two standard errors of the fitted slope (about 95 %), from the scatter of the reads
   * around the line. Infinity with fewer than 3 reads (two points always fit a line exactly).
   */
  driftUncertaintyPpm: number;
  /** Root mean square of the residuals around the line, in ms. */
  residualMs: number;
  /** Half the largest round trip seen: no single reading is better than this. */
  maxUncertaintyMs: number;
  spanMs: number;
}

/**
 * Least-squares line offset = a + b·(hostMs − first host time): the slope b is the drift (b·1e6 ppm).
 * Pure; needs at least two samples at different host times (else driftPpm is 0).
 */
export function fitDrift(samples: readonly DriftSample[]): DriftFit {
  const n = samples.length;
  if (n === 0)
    return {
      samples: 0,
      offsetMs: 0,
      driftPpm: 0,
      driftUncertaintyPpm: Number.POSITIVE_INFINITY,
      residualMs: 0,
      maxUncertaintyMs: 0,
      spanMs: 0,
    };
  const x0 = samples[0]!.hostMs;
  let sx = 0,
    sy = 0;
  for (const s of samples) {
    sx += s.hostMs - x0;
    sy += s.offsetMs;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0,
    sxy = 0;
  for (const s of samples) {
    const dx = s.hostMs - x0 - mx;
    sxx += dx * dx;
    sxy += dx * (s.offsetMs - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  let sse = 0;
  let maxUncertaintyMs = 0;
  for (const s of samples) {
    const r = s.offsetMs - (intercept + slope * (s.hostMs - x0));
    sse += r * r;
    // A loop, not Math.max(...): a long `device drift` has more reads than a call can take arguments.
    if (s.uncertaintyMs > maxUncertaintyMs) maxUncertaintyMs = s.uncertaintyMs;
  }
  const last = samples[n - 1]!;
  return {
    samples: n,
    offsetMs: intercept + slope * (last.hostMs - x0),
    driftPpm: slope * 1e6,
    driftUncertaintyPpm: n >= 3 && sxx > 0 ? 2 * Math.sqrt(sse / (n - 2) / sxx) * 1e6 : Number.POSITIVE_INFINITY,
    residualMs: Math.sqrt(sse / n),
    maxUncertaintyMs,
    spanMs: last.hostMs - x0,
  };
}

/**
 * About how long a run at the same interval must last for ± `targetPpm`: the slope's standard error
 * shrinks with the span to the power 3/2 when reads come at a fixed interval.
 */
export function durationForUncertaintyMs(fit: DriftFit, targetPpm: number): number {
  if (!Number.isFinite(fit.driftUncertaintyPpm) || fit.spanMs <= 0) return Number.POSITIVE_INFINITY;
  if (fit.driftUncertaintyPpm <= targetPpm) return fit.spanMs;
  return fit.spanMs * (fit.driftUncertaintyPpm / targetPpm) ** (2 / 3);
}

export interface DriftRunOptions {
  durationMs: number;
  intervalMs: number;
  /** Aborting ends the run early; the reads so far are fitted. */
  signal?: AbortSignal;
  /** Pauses between reads (default Node timers). */
  scheduler?: Scheduler;
  /** Decides when the run is over (default the system clock). */
  clock?: Clock;
}

/**
 * `device drift`: reads the board's clock every `intervalMs` for `durationMs` and fits offset and drift
 * with an error bar. Refuses (DriftRunError) a run too short to mean anything before the first read.
 */
export async function measureDrift(client: { getTime(): Promise<TimeReading> }, o: DriftRunOptions): Promise<DriftFit> {
  checkDriftRun(o.durationMs, o.intervalMs);
  const scheduler = o.scheduler ?? new RealScheduler();
  const clock = o.clock ?? new SystemClock();
  const samples: DriftSample[] = [];
  const endMs = clock.nowMs() + o.durationMs;
  for (;;) {
    const r = await client.getTime();
    samples.push({ hostMs: r.hostMs, offsetMs: r.offsetMs, uncertaintyMs: r.uncertaintyMs });
    if (clock.nowMs() + o.intervalMs > endMs || o.signal?.aborted) break;
    await pause(scheduler, o.intervalMs, o.signal);
    if (o.signal?.aborted) break;
  }
  return fitDrift(samples);
}

function pause(scheduler: Scheduler, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const cancel = scheduler.setTimer(ms, done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
