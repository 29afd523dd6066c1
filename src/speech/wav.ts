import { SpeechError } from './errors';

/**
 * Mono or multi-channel 16-bit PCM audio in memory. Everything tokenkit speaks passes through this shape:
 * backends synthesize into it, the composer joins parts of it, players stream it as a RIFF/WAVE file.
 */
export interface Wav {
  sampleRateHz: number;
  channels: number;
  /** Interleaved signed 16-bit samples. */
  samples: Int16Array;
}

const RIFF = 0x46464952; // "RIFF" little-endian
const WAVE = 0x45564157; // "WAVE"
const FMT_ = 0x20746d66; // "fmt "
const DATA = 0x61746164; // "data"
const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const HEADER_BYTES = 44;

export function durationMs(wav: Wav): number {
  return (wav.samples.length / wav.channels / wav.sampleRateHz) * 1000;
}

/** Encodes a canonical 44-byte-header PCM WAV file. */
export function encodeWav(wav: Wav): Uint8Array {
  const dataBytes = wav.samples.length * 2;
  const out = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, RIFF, true);
  view.setUint32(4, 36 + dataBytes, true);
  view.setUint32(8, WAVE, true);
  view.setUint32(12, FMT_, true);
  view.setUint32(16, 16, true);
  view.setUint16(20, WAVE_FORMAT_PCM, true);
  view.setUint16(22, wav.channels, true);
  view.setUint32(24, wav.sampleRateHz, true);
  view.setUint32(28, wav.sampleRateHz * wav.channels * 2, true);
  view.setUint16(32, wav.channels * 2, true);
  view.setUint16(34, 16, true);
  view.setUint32(36, DATA, true);
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < wav.samples.length; i++) view.setInt16(HEADER_BYTES + i * 2, wav.samples[i]!, true);
  return out;
}

/**
 * Decodes a 16-bit PCM or 32-bit float WAV file into 16-bit samples. Streamed WAVs carry a placeholder data size (0x7fffffff from
 * espeak-ng --stdout, 0 from text2wave -o -): the data chunk then runs to the end of the bytes given.
 */
export function decodeWav(bytes: Uint8Array): Wav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || view.getUint32(0, true) !== RIFF || view.getUint32(8, true) !== WAVE) {
    throw new SpeechError('speech.error.badWav', { detail: 'not a RIFF/WAVE file' });
  }
  let offset = 12;
  let format: { channels: number; sampleRateHz: number; bits: number; tag: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = view.getUint32(offset, true);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === FMT_) {
      format = {
        tag: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRateHz: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === DATA) {
      if (!format) throw new SpeechError('speech.error.badWav', { detail: 'data chunk before fmt chunk' });
      // 32-bit float is what macOS `say -o` writes (LEF32); it is converted to 16-bit on the way in.
      const isFloat =
        (format.tag === WAVE_FORMAT_IEEE_FLOAT || format.tag === WAVE_FORMAT_EXTENSIBLE) && format.bits === 32;
      const isPcm16 = (format.tag === WAVE_FORMAT_PCM || format.tag === WAVE_FORMAT_EXTENSIBLE) && format.bits === 16;
      if (!isFloat && !isPcm16) {
        throw new SpeechError('speech.error.badWav', { detail: `unsupported format ${format.tag}/${format.bits}-bit` });
      }
      // Writers on a pipe cannot seek back to fix sizes: they leave 0 (text2wave) or 0x7fffffff (espeak-ng).
      const end = size === 0 || body + size > bytes.length ? bytes.length : body + size;
      const width = format.bits / 8;
      const count = Math.floor((end - body) / width);
      const samples = new Int16Array(count);
      for (let i = 0; i < count; i++) {
        samples[i] = isFloat
          ? Math.max(-32768, Math.min(32767, Math.round(view.getFloat32(body + i * 4, true) * 32767)))
          : view.getInt16(body + i * 2, true);
      }
      return { sampleRateHz: format.sampleRateHz, channels: format.channels, samples };
    }
    offset = body + size + (size & 1);
  }
  throw new SpeechError('speech.error.badWav', { detail: 'no data chunk' });
}

export function silence(durationMs: number, sampleRateHz: number, channels = 1): Wav {
  const frames = Math.max(0, Math.round((durationMs / 1000) * sampleRateHz));
  return { sampleRateHz, channels, samples: new Int16Array(frames * channels) };
}

/** A sine tone with 5 ms ramps so it starts and ends without a click. */
export function tone(frequencyHz: number, durationMs: number, sampleRateHz: number, amplitude = 0.3): Wav {
  const frames = Math.round((durationMs / 1000) * sampleRateHz);
  const ramp = Math.max(1, Math.round(0.005 * sampleRateHz));
  const samples = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    const envelope = Math.min(1, i / ramp, (frames - 1 - i) / ramp);
    samples[i] = Math.round(Math.sin((2 * Math.PI * frequencyHz * i) / sampleRateHz) * amplitude * envelope * 32767);
  }
  return { sampleRateHz, channels: 1, samples };
}

/** Joins clips end to end; all must share rate and channel count (resample first otherwise). */
export function concatWavs(parts: Wav[]): Wav {
  const first = parts[0];
  if (!first) throw new SpeechError('speech.error.badWav', { detail: 'nothing to join' });
  let total = 0;
  for (const p of parts) {
    if (p.sampleRateHz !== first.sampleRateHz || p.channels !== first.channels) {
      throw new SpeechError('speech.error.badWav', {
        detail: `cannot join ${p.sampleRateHz} Hz with ${first.sampleRateHz} Hz`,
      });
    }
    total += p.samples.length;
  }
  const samples = new Int16Array(total);
  let at = 0;
  for (const p of parts) {
    samples.set(p.samples, at);
    at += p.samples.length;
  }
  return { sampleRateHz: first.sampleRateHz, channels: first.channels, samples };
}

/** Scales every sample by `gain` (1 = unchanged), clipping at full scale. */
export function applyGain(wav: Wav, gain: number): Wav {
  if (gain === 1) return wav;
  const samples = new Int16Array(wav.samples.length);
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.max(-32768, Math.min(32767, Math.round(wav.samples[i]! * gain)));
  return { ...wav, samples };
}

/**
 * Cuts leading and trailing near-silence (below `thresholdRatio` of full scale), so that the pauses the
 * composer inserts are the only gaps between digits and their length is exactly what was asked for.
 */
export function trimSilence(wav: Wav, thresholdRatio = 0.01): Wav {
  const limit = thresholdRatio * 32767;
  const { samples, channels } = wav;
  let start = 0;
  while (start < samples.length && Math.abs(samples[start]!) <= limit) start++;
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1]!) <= limit) end--;
  start -= start % channels;
  end += (channels - (end % channels)) % channels;
  return { ...wav, samples: samples.slice(start, end) };
}
