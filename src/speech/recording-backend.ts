import { LANGS, type Lang } from '../i18n/index';
import type { SpeechBackend } from './backend';
import { scaledPauseMs, type Utterance } from './composer';
import { SpeechAbortedError, SpeechUnavailableError } from './errors';
import type { PlayOptions } from './player';
import { applyGain, concatWavs, silence, tone, type Wav } from './wav';

export const RECORDING_SAMPLE_RATE_HZ = 8000;
/** Each text part becomes a tone burst of this length per character at 100 % rate. */
const MS_PER_CHAR = 80;

export type RecordedEvent =
  | { type: 'synthesize'; utterance: Utterance }
  | { type: 'play-start'; wav: Wav; device: string | undefined }
  | { type: 'play-end'; device: string | undefined }
  | { type: 'play-abort'; device: string | undefined };

/**
 * A speech backend for tests and the simulator's silent mode, in production shape: it honours the same
 * contract (languages, abort, device) and records what it was asked to do. Text becomes tone bursts
 * (one per text part, longer for longer text) and pauses real silence, so the audio can be analysed
 * like an engine's. `holdPlayback` keeps each play() pending until `finishPlayback()` or an abort: the
 * way tests observe "a new code cancels speech in progress" without timing.
 */
export class RecordingBackend implements SpeechBackend {
  readonly name = 'recording' as const;
  readonly languages: readonly Lang[];
  readonly events: RecordedEvent[] = [];
  /** Every warm(lang, rate) call, in order. */
  readonly warms: { lang: Lang; ratePercent: number }[] = [];
  holdPlayback: boolean;
  private installed: boolean;
  private pending: (() => void)[] = [];

  constructor(o: { languages?: readonly Lang[]; holdPlayback?: boolean; installed?: boolean } = {}) {
    this.languages = o.languages ?? LANGS;
    this.holdPlayback = o.holdPlayback ?? false;
    this.installed = o.installed ?? true;
  }

  get utterances(): Utterance[] {
    return this.events.flatMap((e) => (e.type === 'synthesize' ? [e.utterance] : []));
  }

  /** Plays currently held: started and neither finished nor aborted. */
  get playing(): number {
    return this.pending.length;
  }

  async available(): Promise<boolean> {
    return this.installed;
  }

  async warm(lang: Lang, ratePercent: number, _signal?: AbortSignal): Promise<void> {
    this.warms.push({ lang, ratePercent });
  }

  async synthesize(u: Utterance, o: { signal?: AbortSignal } = {}): Promise<Wav> {
    if (o.signal?.aborted) throw new SpeechAbortedError();
    if (!this.installed) throw new SpeechUnavailableError('recording', 'none');
    if (!this.languages.includes(u.lang))
      throw new SpeechUnavailableError('recording', 'none', 'speech.error.festivalNoDanish');
    this.events.push({ type: 'synthesize', utterance: u });
    const rate = RECORDING_SAMPLE_RATE_HZ;
    const wav = concatWavs([
      silence(0, rate),
      ...u.parts.map((p) =>
        p.kind === 'text'
          ? tone(440, scaledPauseMs(MS_PER_CHAR * p.text.length, u.ratePercent), rate, 0.5)
          : p.kind === 'pause'
            ? silence(scaledPauseMs(p.durationMs, u.ratePercent), rate)
            : tone(p.frequencyHz, p.durationMs, rate),
      ),
    ]);
    return applyGain(wav, u.volumePercent / 100);
  }

  play(wav: Wav, o: PlayOptions = {}): Promise<void> {
    if (o.signal?.aborted) return Promise.reject(new SpeechAbortedError());
    this.events.push({ type: 'play-start', wav, device: o.device });
    if (!this.holdPlayback) {
      this.events.push({ type: 'play-end', device: o.device });
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const done = () => {
        this.pending = this.pending.filter((p) => p !== done);
        o.signal?.removeEventListener('abort', onAbort);
        this.events.push({ type: 'play-end', device: o.device });
        resolve();
      };
      const onAbort = () => {
        this.pending = this.pending.filter((p) => p !== done);
        this.events.push({ type: 'play-abort', device: o.device });
        reject(new SpeechAbortedError());
      };
      this.pending.push(done);
      o.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async speak(u: Utterance, o: PlayOptions = {}): Promise<void> {
    await this.play(await this.synthesize(u, { signal: o.signal }), o);
  }

  /** Ends the oldest held playback normally. Returns false when nothing was playing. */
  finishPlayback(): boolean {
    const next = this.pending[0];
    next?.();
    return next !== undefined;
  }
}
