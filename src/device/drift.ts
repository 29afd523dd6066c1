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
  if (n === 0) return { samples: 0, offsetMs: 0, driftPpm: 0, residualMs: 0, maxUncertaintyMs: 0, spanMs: 0 };
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
    residualMs: Math.sqrt(sse / n),
    maxUncertaintyMs,
    spanMs: last.hostMs - x0,
  };
}
