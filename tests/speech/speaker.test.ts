import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { t } from '../../src/i18n/index';
import {
  RATE_MAX_PERCENT,
  RATE_MIN_PERCENT,
  RecordingBackend,
  Speaker,
  SpeechInputError,
  SpeechUnavailableError,
  type Utterance,
  voicedSegments,
} from '../../src/speech/index';

const spoken = (u: Utterance) => u.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : []));

describe('Speaker over the recording backend', () => {
  it('speaks a code on the chosen device with the current settings', async () => {
    const backend = new RecordingBackend();
    const speaker = new Speaker({ backend, lang: 'da', ratePercent: 120, volumePercent: 60, device: 'headphones' });
    const lines: string[] = [];
    const listening = new Speaker({ backend, lang: 'en', listener: { onSpeak: (text) => lines.push(text) } });
    expect(await speaker.speakCode('452 917')).toBe('spoken');
    const [u] = backend.utterances;
    expect(spoken(u!)).toEqual([...'452917']);
    expect(u).toMatchObject({ lang: 'da', ratePercent: 120, volumePercent: 60 });
    expect(backend.events.find((e) => e.type === 'play-start')).toMatchObject({ device: 'headphones' });
    await listening.speakCode('123456');
    expect(lines).toEqual(['1 2 3, 4 5 6']);
  });

  it('the recording backend renders each digit as its own burst of sound', async () => {
    const backend = new RecordingBackend();
    await new Speaker({ backend }).speakCode('452917');
    const start = backend.events.find((e) => e.type === 'play-start');
    expect(start?.type === 'play-start' && voicedSegments(start.wav)).toHaveLength(6);
  });

  it('a new code cancels speech in progress', async () => {
    const backend = new RecordingBackend({ holdPlayback: true });
    const speaker = new Speaker({ backend });
    const first = speaker.speakCode('111111');
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(backend.playing).toBe(1);
    expect(speaker.speaking).toBe(true);
    const second = speaker.speakCode('222222');
    expect(await first).toBe('cancelled');
    await new Promise((r) => setImmediate(r));
    expect(backend.events.map((e) => e.type)).toEqual([
      'synthesize',
      'play-start',
      'play-abort',
      'synthesize',
      'play-start',
    ]);
    expect(backend.finishPlayback()).toBe(true);
    expect(await second).toBe('spoken');
    expect(speaker.speaking).toBe(false);
    expect(spoken(backend.utterances[1]!)).toEqual([...'222222']);
  });

  it('of three quick requests only the last is spoken', async () => {
    const backend = new RecordingBackend({ holdPlayback: true });
    const speaker = new Speaker({ backend });
    const a = speaker.speakCode('111111');
    await new Promise((r) => setImmediate(r));
    const b = speaker.speakCode('222222');
    const c = speaker.speakCode('333333');
    expect(await a).toBe('cancelled');
    expect(await b).toBe('cancelled');
    await new Promise((r) => setImmediate(r));
    backend.finishPlayback();
    expect(await c).toBe('spoken');
    expect(backend.utterances.map((u) => spoken(u).join(''))).toEqual(['111111', '333333']);
  });

  it('repeat last counts the validity down with the clock', async () => {
    const clock = new ManualClock(1_000_000);
    const backend = new RecordingBackend();
    const speaker = new Speaker({ backend, clock, lang: 'en' });
    expect(await speaker.repeatLast()).toBe('nothing');
    await speaker.speakCode('452917', { remainingSec: 23 });
    clock.advance(5_400);
    speaker.setLang('da');
    expect(await speaker.repeatLast()).toBe('spoken');
    const [first, again] = backend.utterances;
    expect(spoken(first!).at(-1)).toBe(t('en', 'speech.phrase.validFor', { n: 23 }));
    expect(spoken(again!).at(-1)).toBe(t('da', 'speech.phrase.validFor', { n: 18 }));
    expect(spoken(again!).slice(0, 6)).toEqual([...'452917']);
    clock.advance(60_000);
    await speaker.repeatLast();
    expect(spoken(backend.utterances[2]!).at(-1)).toBe(t('da', 'speech.phrase.expired'));
  });

  it('rate and volume step and clamp; setters validate', () => {
    const speaker = new Speaker({ backend: new RecordingBackend(), ratePercent: 100, volumePercent: 80 });
    expect(speaker.stepRate(1)).toBe(110);
    expect(speaker.stepRate(-1)).toBe(100);
    for (let i = 0; i < 30; i++) speaker.stepRate(1);
    expect(speaker.settings.ratePercent).toBe(RATE_MAX_PERCENT);
    for (let i = 0; i < 30; i++) speaker.stepRate(-1);
    expect(speaker.settings.ratePercent).toBe(RATE_MIN_PERCENT);
    expect(speaker.stepVolume(1)).toBe(90);
    expect(speaker.stepVolume(1)).toBe(100);
    expect(speaker.stepVolume(1)).toBe(100);
    for (let i = 0; i < 20; i++) speaker.stepVolume(-1);
    expect(speaker.settings.volumePercent).toBe(0);
    expect(() => speaker.setRate(500)).toThrow(SpeechInputError);
    expect(() => speaker.setVolume(-5)).toThrow(SpeechInputError);
    expect(speaker.nextLang()).toBe('da');
    expect(speaker.nextLang()).toBe('en');
  });

  it('warms the engine for the current language and rate at start and after each change', () => {
    const backend = new RecordingBackend();
    const speaker = new Speaker({ backend, lang: 'en', ratePercent: 100 });
    speaker.stepRate(1);
    speaker.setLang('da');
    speaker.setRate(150);
    speaker.stepVolume(1); // volume is applied after synthesis: nothing to warm
    expect(backend.warms).toEqual([
      { lang: 'en', ratePercent: 100 },
      { lang: 'en', ratePercent: 110 },
      { lang: 'da', ratePercent: 110 },
      { lang: 'da', ratePercent: 150 },
    ]);
  });

  it('confirm beeps at the current volume when idle, and stays silent while a message plays', async () => {
    const backend = new RecordingBackend({ holdPlayback: true });
    const speaker = new Speaker({ backend, volumePercent: 50, device: 'headphones' });
    const beeping = speaker.confirm();
    await new Promise((r) => setImmediate(r));
    backend.finishPlayback();
    expect(await beeping).toBe('spoken');
    const [beep] = backend.utterances;
    expect(beep!.parts.map((p) => p.kind)).toEqual(['beep']);
    expect(beep!.volumePercent).toBe(50);
    const reading = speaker.speakCode('123456');
    await new Promise((r) => setImmediate(r));
    expect(await speaker.confirm()).toBe('cancelled');
    expect(backend.utterances).toHaveLength(2);
    backend.finishPlayback();
    expect(await reading).toBe('spoken');
  });

  it('a volume key in the same burst of input as the button stays silent: never a beep over the code', async () => {
    const backend = new RecordingBackend({ holdPlayback: true });
    const speaker = new Speaker({ backend });
    // ' +' typed fast (or pasted) arrives as one chunk: both calls happen in the same tick.
    const reading = speaker.speakCode('123456');
    const beeping = speaker.confirm();
    await new Promise((r) => setImmediate(r));
    expect(backend.playing).toBe(1);
    expect(await beeping).toBe('cancelled');
    backend.finishPlayback();
    expect(await reading).toBe('spoken');
    expect(backend.utterances.map((u) => u.parts.some((p) => p.kind === 'beep'))).toEqual([false]);
  });

  it('a language the engine lacks goes to the fallback engine', async () => {
    const englishOnly = new RecordingBackend({ languages: ['en'] });
    const fallback = new RecordingBackend();
    const speaker = new Speaker({ backend: englishOnly, fallback, lang: 'en' });
    await speaker.speakCode('123456');
    speaker.setLang('da');
    await speaker.speakCode('654321');
    expect(englishOnly.utterances.map((u) => u.lang)).toEqual(['en']);
    expect(fallback.utterances.map((u) => u.lang)).toEqual(['da']);
  });

  it('a missing engine rejects with the typed error; the speaker stays usable', async () => {
    const speaker = new Speaker({ backend: new RecordingBackend({ installed: false }) });
    await expect(speaker.speakCode('123456')).rejects.toBeInstanceOf(SpeechUnavailableError);
    expect(speaker.speaking).toBe(false);
    await expect(speaker.speakCode('12')).rejects.toMatchObject({ field: 'code' });
  });

  it('after close nothing is spoken', async () => {
    const backend = new RecordingBackend({ holdPlayback: true });
    const speaker = new Speaker({ backend });
    const pending = speaker.speakCode('111111');
    await new Promise((r) => setImmediate(r));
    await speaker.close();
    expect(await pending).toBe('cancelled');
    expect(await speaker.speakCode('222222')).toBe('cancelled');
    expect(backend.utterances).toHaveLength(1);
  });
});

describe('Speaker under random key presses (property)', () => {
  it('never has two messages playing at once, and close leaves nothing playing', async () => {
    const command = fc.oneof(
      fc.record({ op: fc.constant('speak' as const), code: fc.stringMatching(/^\d{6}$/) }),
      fc.constantFrom(
        { op: 'repeat' as const },
        { op: 'cancel' as const },
        { op: 'finish' as const },
        { op: 'faster' as const },
        { op: 'quieter' as const },
        { op: 'lang' as const },
        { op: 'confirm' as const },
      ),
    );
    await fc.assert(
      // Some keys come in the same chunk of input as the one before (no turn of the event loop between).
      fc.asyncProperty(fc.array(fc.tuple(command, fc.boolean()), { maxLength: 30 }), async (steps) => {
        const backend = new RecordingBackend({ holdPlayback: true });
        const speaker = new Speaker({ backend });
        const pending: Promise<unknown>[] = [];
        for (const [c, sameTick] of steps) {
          if (c.op === 'speak') pending.push(speaker.speakCode(c.code));
          else if (c.op === 'repeat') pending.push(speaker.repeatLast());
          else if (c.op === 'cancel') pending.push(speaker.cancel());
          else if (c.op === 'finish') backend.finishPlayback();
          else if (c.op === 'faster') speaker.stepRate(1);
          else if (c.op === 'quieter') speaker.stepVolume(-1);
          else if (c.op === 'lang') speaker.nextLang();
          else pending.push(speaker.confirm());
          if (sameTick) continue;
          await new Promise((r) => setImmediate(r));
          expect(backend.playing).toBeLessThanOrEqual(1);
        }
        await speaker.close();
        const outcomes = await Promise.all(pending);
        expect(backend.playing).toBe(0);
        for (const o of outcomes) expect([undefined, 'spoken', 'cancelled', 'nothing']).toContain(o);
      }),
      { numRuns: 200 },
    );
  });
});
