import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  composeCode,
  DIGIT_PAUSE_MS,
  decodeWav,
  durationMs,
  EspeakBackend,
  FestivalBackend,
  gapsMs,
  medianPitchHz,
  Speaker,
  SpeechUnavailableError,
  trimSilence,
  voicedSegments,
  type Wav,
} from '../../src/speech/index';
import { runTool } from '../../src/speech/process';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';

const peak = (w: Wav) => w.samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);

describe.skipIf(!hasTool('espeak-ng', 'espeak-ng'))('espeak-ng: each digit stands alone', () => {
  describe.each(['segments', 'ssml'] as const)('strategy %s', (strategy) => {
    const backend = new EspeakBackend({ strategy });
    it.each(['da', 'en'] as const)('%s: a 6-digit code has six voiced segments separated by silence', async (lang) => {
      const wav = await backend.synthesize(composeCode('452917', { lang }));
      const segments = voicedSegments(wav);
      expect(segments).toHaveLength(6);
      // Every gap is a real pause (most of the composed 350 ms), not a dip inside a word.
      for (const gap of gapsMs(segments)) expect(gap).toBeGreaterThanOrEqual(DIGIT_PAUSE_MS * 0.6);
    });
  });

  it.each(['da', 'en'] as const)(
    '%s: the same digits read as plain text run together (the measurement can fail)',
    async (lang) => {
      const r = await runTool('espeak-ng', ['-v', lang === 'da' ? 'da' : 'en-gb', '--stdout'], {
        debianPackage: 'espeak-ng',
        input: '4 5 2 9 1 7',
      });
      expect(voicedSegments(trimSilence(decodeWav(r.stdout))).length).toBeLessThan(6);
    },
  );

  it.each(['da', 'en'] as const)(
    '%s: a longer code, validity phrase and beep come out as more segments, in order',
    async (lang) => {
      const backend = new EspeakBackend();
      const digitsOnly = voicedSegments(await backend.synthesize(composeCode('12345678', { lang })));
      expect(digitsOnly).toHaveLength(8);
      const full = voicedSegments(
        await backend.synthesize(composeCode('12345678', { lang, remainingSec: 17, beep: true })),
      );
      expect(full.length).toBeGreaterThanOrEqual(10); // 8 digits, the phrase (one or more words), the beep
      expect(full.slice(0, 8).map((s) => s.startMs)).toEqual(digitsOnly.map((s) => s.startMs));
    },
  );

  it.each(['da', 'en'] as const)('%s: rate changes duration but not pitch', async (lang) => {
    const backend = new EspeakBackend();
    const [slow, normal, fast] = await Promise.all(
      [50, 100, 200].map((ratePercent) => backend.synthesize(composeCode('452917', { lang, ratePercent }))),
    );
    expect(durationMs(fast!)).toBeLessThan(durationMs(normal!) * 0.65);
    expect(durationMs(slow!)).toBeGreaterThan(durationMs(normal!) * 1.5);
    const base = medianPitchHz(normal!)!;
    for (const w of [slow!, fast!]) expect(Math.abs(medianPitchHz(w)! - base) / base).toBeLessThan(0.1);
    // The naive way (play the samples faster) raises the pitch, and the same measurement sees it.
    const resampled = { ...normal!, sampleRateHz: Math.round(normal!.sampleRateHz * 1.5) };
    expect(medianPitchHz(resampled)! / base).toBeGreaterThan(1.35);
  });

  it('volume scales the level', async () => {
    const backend = new EspeakBackend();
    const [quiet, loud] = await Promise.all(
      [40, 80].map((volumePercent) => backend.synthesize(composeCode('452917', { lang: 'en', volumePercent }))),
    );
    expect(peak(quiet!) / peak(loud!)).toBeCloseTo(0.5, 1);
    const silent = await backend.synthesize(composeCode('452917', { lang: 'en', volumePercent: 0 }));
    expect(peak(silent)).toBe(0);
  });

  it('an aborted synthesis rejects with SpeechAbortedError', async () => {
    const backend = new EspeakBackend({ strategy: 'ssml' });
    const controller = new AbortController();
    const pending = backend.synthesize(composeCode('452917', { lang: 'en' }), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'SpeechAbortedError' });
  });

  it('a missing espeak-ng is reported with the Debian package', async () => {
    const backend = new EspeakBackend({ env: { PATH: '/nonexistent' }, cache: false });
    expect(await backend.available()).toBe(false);
    const error = await backend.synthesize(composeCode('452917', { lang: 'en' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechUnavailableError);
    expect(error).toMatchObject({ tool: 'espeak-ng', debianPackage: 'espeak-ng' });
  });
});

describe.skipIf(!hasTool('text2wave', 'festival') || !hasTool('sox', 'sox'))(
  'festival (text2wave) with sox tempo',
  () => {
    const backend = new FestivalBackend();

    it('en: six voiced segments separated by silence', async () => {
      const segments = voicedSegments(await backend.synthesize(composeCode('452917', { lang: 'en' })));
      expect(segments).toHaveLength(6);
      for (const gap of gapsMs(segments)) expect(gap).toBeGreaterThanOrEqual(DIGIT_PAUSE_MS * 0.6);
    });

    it('rate through sox tempo: shorter, same pitch', async () => {
      const [normal, fast] = await Promise.all(
        [100, 170].map((ratePercent) => backend.synthesize(composeCode('452917', { lang: 'en', ratePercent }))),
      );
      expect(durationMs(fast!) / durationMs(normal!)).toBeCloseTo(100 / 170, 1);
      const base = medianPitchHz(normal!)!;
      expect(Math.abs(medianPitchHz(fast!)! - base) / base).toBeLessThan(0.1);
    });

    it('Danish is refused with an error that points at espeak-ng', async () => {
      const error = await backend.synthesize(composeCode('452917', { lang: 'da' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpeechUnavailableError);
      expect(error).toMatchObject({ key: 'speech.error.festivalNoDanish', debianPackage: 'espeak-ng' });
      expect((error as Error).message).toMatch(/no Danish voice/);
    });
  },
);

/** The engine processes this test process started that are still running. */
function childEngines(bin: string): number[] {
  const r = spawnSync('pgrep', ['-P', String(process.pid), '-x', bin], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

describe.skipIf(!hasTool('pgrep', 'procps'))('closing a Speaker stops its background warm-up', () => {
  it.skipIf(!hasTool('text2wave', 'festival'))(
    'festival: no text2wave is left running after close (quitting the reader waited ~6 s for them)',
    async () => {
      const speaker = new Speaker({ backend: new FestivalBackend(), lang: 'en' });
      await until(
        'text2wave warming up',
        () => childEngines('text2wave').length > 0,
        () => '',
        10_000,
        20,
      );
      await speaker.close();
      expect(childEngines('text2wave')).toEqual([]);
    },
  );

  it.skipIf(!hasTool('espeak-ng', 'espeak-ng'))(
    'espeak-ng: the warm-up is aborted, and a new speaker on the same backend still speaks',
    async () => {
      const backend = new EspeakBackend();
      const speaker = new Speaker({ backend, lang: 'da' });
      await speaker.close();
      const wav = await backend.synthesize(composeCode('452917', { lang: 'da' }));
      expect(voicedSegments(wav)).toHaveLength(6);
    },
  );
});
