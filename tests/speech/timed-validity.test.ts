import { describe, expect, it } from 'vitest';
import { type Clock, ManualClock, SystemClock } from '../../src/clock';
import { t } from '../../src/i18n/index';
import {
  AudioPlayer,
  durationMs,
  FestivalBackend,
  PLAYBACK_START_ALLOWANCE_MS,
  type PlayOptions,
  RecordingBackend,
  Speaker,
  type Utterance,
  type Wav,
} from '../../src/speech/index';
import { hasTool } from '../helpers/tools';

/** The number in "Valid for N more seconds." (null when the phrase is absent). */
function saidSeconds(u: Utterance | string): number | null {
  const text = typeof u === 'string' ? u : u.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(' ');
  const m = /Valid for (\d+) more seconds?\./.exec(text);
  if (m) return Number(m[1]);
  return text.includes(t('en', 'speech.phrase.expired')) ? 0 : null;
}

/** A backend that takes `synthMs` of (virtual) time to synthesize, as festival takes about a second. */
class SlowBackend extends RecordingBackend {
  played: { atMs: number; wav: Wav }[] = [];
  constructor(
    private readonly clock: ManualClock,
    private readonly synthMs: number,
  ) {
    super();
  }
  override async synthesize(u: Utterance, o: { signal?: AbortSignal } = {}): Promise<Wav> {
    this.clock.advance(this.synthMs);
    return super.synthesize(u, o);
  }
  override play(wav: Wav, o: PlayOptions = {}): Promise<void> {
    this.played.push({ atMs: this.clock.nowMs(), wav });
    return super.play(wav, o);
  }
}

/**
 * What the listener hears at the end of the message is true; with `tight`, it is also no more than a few
 * seconds short (an engine of steady speed; a real one varies too much on a shared machine).
 */
function expectTrueWhenHeard(n: number | null, validUntilMs: number, playAtMs: number, wav: Wav, tight = true) {
  const leftAtEndMs = validUntilMs - (playAtMs + durationMs(wav));
  // "Expired" only once it is; no phrase only in the last second.
  if (n === 0) return expect(leftAtEndMs).toBeLessThanOrEqual(0);
  if (n === null) return tight && expect(leftAtEndMs).toBeLessThan(3000 + PLAYBACK_START_ALLOWANCE_MS);
  expect(n * 1000).toBeLessThanOrEqual(leftAtEndMs);
  if (tight) expect(n).toBeGreaterThanOrEqual(Math.floor(leftAtEndMs / 1000) - 3);
}

describe('"valid for N seconds" is counted when the message plays, not when it was asked for', () => {
  it.each([300, 1500, 2500])('a backend that takes %i ms to synthesize still says a true N', async (synthMs) => {
    const clock = new ManualClock(1_000_000);
    const backend = new SlowBackend(clock, synthMs);
    const heard: string[] = [];
    const speaker = new Speaker({ backend, clock, lang: 'en', listener: { onSpeak: (text) => heard.push(text) } });
    const validUntilMs = clock.nowMs() + 12_000;
    expect(await speaker.speakCode('452917', { validForMs: 12_000 })).toBe('spoken');
    const played = backend.played.at(-1)!;
    const spokenUtterance = backend.utterances.at(-1)!;
    const n = saidSeconds(spokenUtterance);
    expect(n).toBeGreaterThan(0);
    expectTrueWhenHeard(n, validUntilMs, played.atMs, played.wav);
    // The line for --plain and logs names the same number that is played.
    expect(saidSeconds(heard.at(-1)!)).toBe(n);
    // Repeat later: counted down from the same deadline, again when it plays.
    clock.advance(3_000);
    await speaker.repeatLast();
    const again = backend.played.at(-1)!;
    expectTrueWhenHeard(saidSeconds(backend.utterances.at(-1)!), validUntilMs, again.atMs, again.wav);
  });

  it('a code that expires while it is being synthesized is not promised seconds it no longer has', async () => {
    const clock = new ManualClock(0);
    const backend = new SlowBackend(clock, 2_000);
    const speaker = new Speaker({ backend, clock, lang: 'en' });
    await speaker.speakCode('452917', { validForMs: 3_000 });
    const said = saidSeconds(backend.utterances.at(-1)!);
    // Either the honest "expired", or no phrase at all: never "valid for 3 (or 1) more seconds".
    expect(said === 0 || said === null).toBe(true);
  });

  it('remainingSec (tokenkit speak --remaining N) still says N as given', async () => {
    const clock = new ManualClock(0);
    const backend = new SlowBackend(clock, 1_500);
    await new Speaker({ backend, clock, lang: 'en' }).speakCode('452917', { remainingSec: 23 });
    expect(saidSeconds(backend.utterances.at(-1)!)).toBe(23);
  });

  it.skipIf(!hasTool('text2wave', 'festival') || !hasTool('sox', 'sox'))(
    'with festival itself (a second or more per phrase), on the real clock',
    async () => {
      const clock: Clock = new SystemClock();
      const played: { atMs: number; wav: Wav }[] = [];
      // The player is the one piece left out: the WAV is taken when it would start to play.
      class TimingPlayer extends AudioPlayer {
        override async play(wav: Wav): Promise<void> {
          played.push({ atMs: clock.nowMs(), wav });
        }
      }
      const backend = new FestivalBackend({ player: new TimingPlayer() });
      const heard: string[] = [];
      const speaker = new Speaker({ backend, clock, lang: 'en', listener: { onSpeak: (text) => heard.push(text) } });
      try {
        // As the reader does at start: the digit clips are cached, the phrase is what costs time.
        await backend.warm();
        const validUntilMs = clock.nowMs() + 25_000;
        expect(await speaker.speakCode('452917', { validForMs: 25_000 })).toBe('spoken');
        const last = played.at(-1)!;
        const said = saidSeconds(heard.at(-1)!);
        expectTrueWhenHeard(said, validUntilMs, last.atMs, last.wav, false);
        expect(said).toBeGreaterThan(0);
      } finally {
        await speaker.close();
      }
    },
    60_000,
  );
});
