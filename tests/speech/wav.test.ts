import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  concatWavs,
  decodeWav,
  encodeWav,
  medianPitchHz,
  silence,
  tone,
  trimSilence,
  voicedSegments,
  type Wav,
} from '../../src/speech/index';
import { hasTool } from '../helpers/tools';

describe('WAV encode/decode', () => {
  it('round-trips any 16-bit samples (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 500 }),
        fc.constantFrom(8000, 16000, 22050, 44100),
        fc.constantFrom(1, 2),
        (values, rate, channels) => {
          const samples = Int16Array.from(values.slice(0, values.length - (values.length % channels)));
          const back = decodeWav(encodeWav({ sampleRateHz: rate, channels, samples }));
          expect(back.sampleRateHz).toBe(rate);
          expect(back.channels).toBe(channels);
          expect([...back.samples]).toEqual([...samples]);
        },
      ),
    );
  });

  it('reads a streamed header (data size 0x7fffffff, as espeak-ng --stdout writes) up to the end of the bytes', () => {
    const bytes = encodeWav({ sampleRateHz: 22050, channels: 1, samples: Int16Array.from([1, -2, 3]) });
    new DataView(bytes.buffer).setUint32(40, 0x7fffffff, true);
    expect([...decodeWav(bytes).samples]).toEqual([1, -2, 3]);
  });

  it('reads a zero data size (as text2wave -o - writes on a pipe) up to the end of the bytes', () => {
    const bytes = encodeWav({ sampleRateHz: 16000, channels: 1, samples: Int16Array.from([7, 8]) });
    new DataView(bytes.buffer).setUint32(40, 0, true);
    expect([...decodeWav(bytes).samples]).toEqual([7, 8]);
  });

  it.each([
    [new Uint8Array(4), 'not a RIFF'],
    [new TextEncoder().encode('RIFF\0\0\0\0WAVEjunk\x04\x00\x00\x00abcd'), 'no data chunk'],
  ])('rejects malformed input with a SpeechError', (bytes, detail) => {
    expect(() => decodeWav(bytes)).toThrow(
      expect.objectContaining({ name: 'SpeechError', message: expect.stringContaining(detail) }),
    );
  });

  it('trimSilence drops only the quiet ends', () => {
    const body = tone(440, 100, 8000);
    const padded = concatWavs([silence(50, 8000), body, silence(70, 8000)]);
    const trimmed = trimSilence(padded);
    expect(trimmed.samples.length).toBeLessThanOrEqual(body.samples.length);
    expect(trimmed.samples.length).toBeGreaterThan(body.samples.length - 20); // the 5 ms ramps are near-silent
  });
});

describe.skipIf(!hasTool('sox', 'sox'))('WAV tools and analysis against sox as the reference', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-wav-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const soxWav = (name: string, args: string[]): Wav => {
    const file = join(dir, name);
    execFileSync('sox', ['-V1', '-n', '-r', '16000', '-b', '16', '-c', '1', file, ...args]);
    return decodeWav(new Uint8Array(readFileSync(file)));
  };

  it('sox reads what encodeWav writes (rate, channels, sample count)', () => {
    const file = join(dir, 'ours.wav');
    writeFileSync(file, encodeWav(tone(330, 250, 22050)));
    expect(execFileSync('soxi', ['-r', file]).toString().trim()).toBe('22050');
    expect(execFileSync('soxi', ['-c', file]).toString().trim()).toBe('1');
    expect(Number(execFileSync('soxi', ['-s', file]).toString())).toBe(tone(330, 250, 22050).samples.length);
  });

  it('reads 32-bit float WAVs (what macOS say writes) as the same samples sox reads', () => {
    const file = join(dir, 'float.wav');
    execFileSync('sox', [
      '-V1',
      '-n',
      '-r',
      '22050',
      '-e',
      'floating-point',
      '-b',
      '32',
      '-c',
      '1',
      file,
      'synth',
      '0.1',
      'sine',
      '440',
      'vol',
      '0.5',
    ]);
    const ours = decodeWav(new Uint8Array(readFileSync(file)));
    const reference = decodeWav(
      new Uint8Array(execFileSync('sox', ['-V1', '-D', file, '-e', 'signed-integer', '-b', '16', '-t', 'wav', '-'])),
    );
    expect(ours.samples.length).toBe(reference.samples.length);
    ours.samples.forEach((v, i) => expect(Math.abs(v - reference.samples[i]!)).toBeLessThanOrEqual(1));
  });

  it.each([1, 3, 6, 8])('counts %i tone bursts separated by 300 ms of silence', (n) => {
    const wav = soxWav(`bursts-${n}.wav`, ['synth', '0.2', 'sine', '300', 'pad', '0', '0.3', 'repeat', String(n - 1)]);
    const segments = voicedSegments(wav);
    expect(segments).toHaveLength(n);
    for (const s of segments) expect(s.endMs - s.startMs).toBeGreaterThanOrEqual(180);
  });

  it('sees one segment when the bursts run together (gaps of 50 ms are inside a word)', () => {
    const wav = soxWav('close.wav', ['synth', '0.2', 'sine', '300', 'pad', '0', '0.05', 'repeat', '5']);
    expect(voicedSegments(wav)).toHaveLength(1);
  });

  it.each([110, 150, 220])('measures the pitch of a %i Hz sawtooth within 3 %', (hz) => {
    const wav = soxWav(`saw-${hz}.wav`, ['synth', '0.5', 'sawtooth', String(hz)]);
    const pitch = medianPitchHz(wav);
    expect(pitch).toBeDefined();
    expect(Math.abs(pitch! - hz) / hz).toBeLessThan(0.03);
  });
});
