import type { Lang } from '../i18n/index';
import type { SpeechBackend } from './backend';
import { ClipCache } from './clip-cache';
import type { Utterance } from './composer';
import { SpeechUnavailableError } from './errors';
import { ESPEAK_PACKAGE } from './espeak-backend';
import { AudioPlayer, type PlayOptions } from './player';
import { allSettledOrThrow, commandExists, runTool } from './process';
import { soxTempo } from './sox';
import { applyGain, concatWavs, decodeWav, silence, tone, trimSilence, type Wav } from './wav';

export const FESTIVAL_BIN = 'text2wave';
export const FESTIVAL_PACKAGE = 'festival';

/**
 * Festival through its `text2wave` script: English only (Debian ships no Danish festival voice; Danish
 * is refused with an error pointing at espeak-ng). Text goes to text2wave as plain text on stdin, never
 * as Scheme. Each part is synthesized alone and joined with exact silences, like EspeakBackend's
 * 'segments'; rate is applied afterwards with sox `tempo` (pitch kept), which scales the pauses too.
 */
export class FestivalBackend implements SpeechBackend {
  readonly name = 'festival' as const;
  readonly languages: readonly Lang[] = ['en'];
  private readonly player: AudioPlayer;
  private readonly env: NodeJS.ProcessEnv;
  private readonly clipCache = new ClipCache();

  constructor(o: { player?: AudioPlayer; env?: NodeJS.ProcessEnv } = {}) {
    this.env = o.env ?? process.env;
    this.player = o.player ?? new AudioPlayer({ env: this.env });
  }

  async available(): Promise<boolean> {
    return commandExists(FESTIVAL_BIN, this.env);
  }

  async synthesize(u: Utterance, o: { signal?: AbortSignal } = {}): Promise<Wav> {
    if (!this.languages.includes(u.lang)) {
      throw new SpeechUnavailableError('festival', ESPEAK_PACKAGE, 'speech.error.festivalNoDanish');
    }
    const clips = await Promise.all(u.parts.map((p) => (p.kind === 'text' ? this.clip(p.text, o.signal) : undefined)));
    const rate = clips.find((c) => c)?.sampleRateHz ?? 16000;
    const joined = concatWavs(
      u.parts.map((part, i) => {
        if (part.kind === 'text') return clips[i]!;
        if (part.kind === 'pause') return silence(part.durationMs, rate);
        return tone(part.frequencyHz, part.durationMs, rate);
      }),
    );
    const timed = await soxTempo(joined, u.ratePercent / 100, { env: this.env, signal: o.signal });
    return applyGain(timed, u.volumePercent / 100);
  }

  async play(wav: Wav, o: PlayOptions = {}): Promise<void> {
    await this.player.play(wav, o);
  }

  async speak(u: Utterance, o: PlayOptions = {}): Promise<void> {
    await this.play(await this.synthesize(u, { signal: o.signal }), o);
  }

  /** `cacheSignal` (warm-up only) stops a clip that goes to the cache; `signal` an uncached one. */
  private clip(text: string, signal?: AbortSignal, cacheSignal?: AbortSignal): Promise<Wav> {
    const cacheable = /^\d$/.test(text);
    const make = (stop: AbortSignal | undefined) =>
      runTool(FESTIVAL_BIN, ['-o', '-'], {
        debianPackage: FESTIVAL_PACKAGE,
        input: `${text}\n`,
        env: this.env,
        signal: stop,
      }).then((r) => trimSilence(decodeWav(r.stdout)));
    return this.clipCache.clip(text, cacheable, make, signal, cacheSignal);
  }

  /**
   * Fills the digit cache (festival starts slowly: about half a second per process). The cache holds
   * normal-rate clips (rate is applied afterwards), so neither argument matters.
   */
  async warm(_lang?: Lang, _ratePercent?: number, signal?: AbortSignal): Promise<void> {
    await allSettledOrThrow([...'0123456789'].map((d) => this.clip(d, undefined, signal)));
  }
}
