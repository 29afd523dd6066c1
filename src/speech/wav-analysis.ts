import type { Wav } from './wav';

/**
 * Measurements on audio, used by the tests (are the digits separated? did the pitch stay put?) and the
 * benchmark (when did sound start?). Plain signal processing, independent of any speech engine.
 */

export interface Segment {
  startMs: number;
  endMs: number;
}

export interface SegmentOptions {
  /** Envelope frame length. */
  frameMs?: number;
  /** A frame is voiced when its RMS is within this many dB of the loudest frame... */
  relativeDb?: number;
  /** ...and above this absolute floor (dBFS). */
  floorDb?: number;
  /** Gaps shorter than this are treated as part of a word (stop closures inside "six", "seks"). */
  minSilenceMs?: number;
  /** Voiced runs shorter than this are clicks, not speech. */
  minVoicedMs?: number;
}

function frameRmsDb(wav: Wav, frameMs: number): number[] {
  const frameLen = Math.max(1, Math.round((frameMs / 1000) * wav.sampleRateHz)) * wav.channels;
  const out: number[] = [];
  for (let at = 0; at < wav.samples.length; at += frameLen) {
    const end = Math.min(wav.samples.length, at + frameLen);
    let sum = 0;
    for (let i = at; i < end; i++) sum += (wav.samples[i]! / 32768) ** 2;
    const rms = Math.sqrt(sum / Math.max(1, end - at));
    out.push(rms > 0 ? 20 * Math.log10(rms) : -120);
  }
  return out;
}

/** Runs of sound separated by silence, from a short-time RMS energy envelope. */
export function voicedSegments(wav: Wav, options: SegmentOptions = {}): Segment[] {
  const frameMs = options.frameMs ?? 10;
  const relativeDb = options.relativeDb ?? 35;
  const floorDb = options.floorDb ?? -50;
  const minSilenceMs = options.minSilenceMs ?? 120;
  const minVoicedMs = options.minVoicedMs ?? 40;
  const db = frameRmsDb(wav, frameMs);
  const peak = Math.max(-120, ...db);
  const threshold = Math.max(floorDb, peak - relativeDb);
  const raw: Segment[] = [];
  let start = -1;
  db.forEach((level, i) => {
    if (level > threshold && start < 0) start = i;
    if (level <= threshold && start >= 0) {
      raw.push({ startMs: start * frameMs, endMs: i * frameMs });
      start = -1;
    }
  });
  if (start >= 0) raw.push({ startMs: start * frameMs, endMs: db.length * frameMs });
  const merged: Segment[] = [];
  for (const seg of raw) {
    const last = merged[merged.length - 1];
    if (last && seg.startMs - last.endMs < minSilenceMs) last.endMs = seg.endMs;
    else merged.push({ ...seg });
  }
  return merged.filter((s) => s.endMs - s.startMs >= minVoicedMs);
}

/** The gaps between consecutive segments. */
export function gapsMs(segments: Segment[]): number[] {
  return segments.slice(1).map((s, i) => s.startMs - segments[i]!.endMs);
}

/**
 * Median fundamental frequency over voiced frames, by normalised autocorrelation (40 ms frames,
 * 60-400 Hz). Used to check that a rate change altered tempo and not pitch.
 */
export function medianPitchHz(wav: Wav): number | undefined {
  const rate = wav.sampleRateHz;
  const mono = toMonoFloat(wav);
  const frame = Math.round(0.04 * rate);
  if (mono.length === 0) return undefined;
  const hop = Math.round(0.01 * rate);
  const minLag = Math.floor(rate / 400);
  const maxLag = Math.ceil(rate / 60);
  const db = frameRmsDb({ ...wav, channels: 1, samples: Int16Array.from(mono, (v) => v * 32767) }, 10);
  const peak = Math.max(...db);
  const estimates: number[] = [];
  for (let at = 0; at + frame + maxLag < mono.length; at += hop) {
    const level = db[Math.floor(at / hop)] ?? -120;
    if (level < peak - 20) continue;
    let energy = 0;
    for (let i = 0; i < frame; i++) energy += mono[at + i]! ** 2;
    if (energy === 0) continue;
    const r = new Float64Array(maxLag + 2);
    let best = 0;
    for (let lag = minLag; lag <= maxLag + 1; lag++) {
      let corr = 0;
      let lagEnergy = 0;
      for (let i = 0; i < frame; i++) {
        corr += mono[at + i]! * mono[at + i + lag]!;
        lagEnergy += mono[at + i + lag]! ** 2;
      }
      r[lag] = corr / Math.sqrt(energy * lagEnergy || 1);
      if (lag <= maxLag) best = Math.max(best, r[lag]!);
    }
    // Multiples of the period correlate about as well as the period itself: take the first peak that
    // comes close to the best, not the best, or a clean tone reads an octave low.
    let bestLag = 0;
    for (let lag = minLag + 1; lag <= maxLag; lag++) {
      if (r[lag]! >= 0.9 * best && r[lag]! >= r[lag - 1]! && r[lag]! >= r[lag + 1]!) {
        bestLag = lag;
        break;
      }
    }
    // Only clearly periodic frames count: fricatives and noise have no pitch.
    if (best > 0.6 && bestLag > 0) estimates.push(rate / bestLag);
  }
  if (estimates.length === 0) return undefined;
  estimates.sort((a, b) => a - b);
  return estimates[Math.floor(estimates.length / 2)];
}

/** Index (in frames) of the first sample whose magnitude exceeds `threshold` of full scale, or -1. */
export function firstSoundFrame(samples: Int16Array, channels = 1, threshold = 0.02): number {
  const limit = threshold * 32767;
  for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i]!) > limit) return Math.floor(i / channels);
  return -1;
}

function toMonoFloat(wav: Wav): Float32Array {
  const frames = Math.floor(wav.samples.length / wav.channels);
  const out = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < wav.channels; c++) sum += wav.samples[f * wav.channels + c]!;
    out[f] = sum / wav.channels / 32768;
  }
  return out;
}
