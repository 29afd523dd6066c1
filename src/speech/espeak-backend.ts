import type { Lang } from '../i18n/index';
import type { SpeechBackend } from './backend';
import { ClipCache } from './clip-cache';
import { scaledPauseMs, type Utterance } from './composer';
import { SpeechUnavailableError } from './errors';
import { AudioPlayer, type PlayOptions } from './player';
import { allSettledOrThrow, commandExists, runTool } from './process';
import { applyGain, concatWavs, decodeWav, silence, tone, trimSilence, type Wav } from './wav';

export const ESPEAK_BIN = 'espeak-ng';
export const ESPEAK_PACKAGE = 'espeak-ng';
/** espeak-ng's own default speed in words per minute: our 100 % rate. */
export const ESPEAK_BASE_WPM = 175;
const ESPEAK_MIN_WPM = 80;
const ESPEAK_MAX_WPM = 450;

/**
 * How the utterance becomes audio:
 * - 'segments' (default): each text part is synthesized alone (in parallel), trimmed, and joined with
 *   silence of exactly the composed length. Digit clips are cached per language and rate, so a repeated
 *   press costs no synthesis at all.
 * - 'ssml': one espeak-ng run with SSML <break> elements. One process, but the pause lengths are
 *   espeak's interpretation and nothing can be cached.
 */
export type EspeakStrategy = 'segments' | 'ssml';

export interface EspeakOptions {
  strategy?: EspeakStrategy;
  /** espeak-ng voice per language. */
  voices?: Partial<Record<Lang, string>>;
  player?: AudioPlayer;
  env?: NodeJS.ProcessEnv;
  /** Cache single-digit clips (default true). */
  cache?: boolean;
}

/** espeak-ng: Danish and English, rate via `-s` (words per minute: tempo, not pitch). */
export class EspeakBackend implements SpeechBackend {
  readonly name = 'espeak' as const;
  readonly languages: readonly Lang[] = ['da', 'en'];
  readonly strategy: EspeakStrategy;
  private readonly voices: Record<Lang, string>;
  private readonly player: AudioPlayer;
  private readonly env: NodeJS.ProcessEnv;
  private readonly cacheEnabled: boolean;
  private readonly clipCache = new ClipCache();

  constructor(o: EspeakOptions = {}) {
    this.strategy = o.strategy ?? 'segments';
    this.voices = { da: 'da', en: 'en-gb', ...o.voices };
    this.env = o.env ?? process.env;
    this.player = o.player ?? new AudioPlayer({ env: this.env });
    this.cacheEnabled = o.cache ?? true;
  }

  async available(): Promise<boolean> {
    return commandExists(ESPEAK_BIN, this.env);
  }

  wpm(ratePercent: number): number {
    return Math.max(ESPEAK_MIN_WPM, Math.min(ESPEAK_MAX_WPM, Math.round((ESPEAK_BASE_WPM * ratePercent) / 100)));
  }

  async synthesize(u: Utterance, o: { signal?: AbortSignal } = {}): Promise<Wav> {
    if (!this.languages.includes(u.lang)) throw new SpeechUnavailableError(ESPEAK_BIN, ESPEAK_PACKAGE);
    const wav =
      this.strategy === 'ssml' ? await this.synthesizeSsml(u, o.signal) : await this.synthesizeSegments(u, o.signal);
    return applyGain(wav, u.volumePercent / 100);
  }

  async play(wav: Wav, o: PlayOptions = {}): Promise<void> {
    await this.player.play(wav, o);
  }

  async speak(u: Utterance, o: PlayOptions = {}): Promise<void> {
    const wav = await this.synthesize(u, { signal: o.signal });
    await this.play(wav, o);
  }

  /**
   * One text part as a trimmed clip; text goes over stdin so nothing in it is read as an option.
   * `signal` stops an uncached clip; `cacheSignal` (warm-up only) stops a clip that goes to the cache.
   */
  clip(lang: Lang, text: string, ratePercent: number, signal?: AbortSignal, cacheSignal?: AbortSignal): Promise<Wav> {
    const key = `${lang}|${this.wpm(ratePercent)}|${text}`;
    const cacheable = this.cacheEnabled && /^\d$/.test(text);
    const make = (stop: AbortSignal | undefined) =>
      runTool(ESPEAK_BIN, ['-v', this.voices[lang], '-s', String(this.wpm(ratePercent)), '--stdout'], {
        debianPackage: ESPEAK_PACKAGE,
        input: text,
        env: this.env,
        signal: stop,
      }).then((r) => trimSilence(decodeWav(r.stdout)));
    return this.clipCache.clip(key, cacheable, make, signal, cacheSignal);
  }

  /** Fills the digit cache for a language and rate, so the first press is as fast as later ones. */
  async warm(lang: Lang, ratePercent: number, signal?: AbortSignal): Promise<void> {
    await allSettledOrThrow([...'0123456789'].map((d) => this.clip(lang, d, ratePercent, undefined, signal)));
  }

  private async synthesizeSegments(u: Utterance, signal?: AbortSignal): Promise<Wav> {
    const clips = await Promise.all(
      u.parts.map((p) => (p.kind === 'text' ? this.clip(u.lang, p.text, u.ratePercent, signal) : undefined)),
    );
    const rate = clips.find((c) => c)?.sampleRateHz ?? 22050;
    return concatWavs(
      u.parts.map((part, i) => {
        if (part.kind === 'text') return clips[i]!;
        if (part.kind === 'pause') return silence(scaledPauseMs(part.durationMs, u.ratePercent), rate);
        return tone(part.frequencyHz, part.durationMs, rate);
      }),
    );
  }

  private async synthesizeSsml(u: Utterance, signal?: AbortSignal): Promise<Wav> {
    const beeps: { frequencyHz: number; durationMs: number }[] = [];
    let ssml = '<speak>';
    for (const part of u.parts) {
      if (part.kind === 'text') ssml += escapeXml(part.text);
      else if (part.kind === 'pause') ssml += `<break time="${scaledPauseMs(part.durationMs, u.ratePercent)}ms"/>`;
      else beeps.push(part);
    }
    ssml += '</speak>';
    const r = await runTool(
      ESPEAK_BIN,
      ['-m', '-v', this.voices[u.lang], '-s', String(this.wpm(u.ratePercent)), '--stdout'],
      {
        debianPackage: ESPEAK_PACKAGE,
        input: ssml,
        env: this.env,
        signal,
      },
    );
    const wav = trimSilence(decodeWav(r.stdout));
    return beeps.length
      ? concatWavs([
          wav,
          ...beeps.flatMap((b) => [
            silence(150, wav.sampleRateHz),
            tone(b.frequencyHz, b.durationMs, wav.sampleRateHz),
          ]),
        ])
      : wav;
  }
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
