import { TokenkitError } from '../../errors';
import { type Lang, t } from '../../i18n/index';
import { chooseBackend, encodeWav, type SpeechBackend, type Utterance } from '../../speech/index';

/**
 * The audio reader's voice for pages: utterances from the composer rendered to WAV files by the speech
 * layer's engine (espeak-ng, with festival for English when espeak-ng is missing), for an <audio> element.
 * Nothing is played on the server.
 */
export interface TokenAudio {
  /** Why there is no speech (in `lang`), or undefined when an engine is there. */
  silentReason(lang: Lang): Promise<string | undefined>;
  /** The utterance as a 16-bit PCM WAV file. Rejects with the backend's typed SpeechError. */
  wav(utterance: Utterance): Promise<Uint8Array>;
}

/** Syntheses at once; more wait, so 30 presses in the same second cannot start 30 × N engine processes. */
const MAX_PARALLEL_SYNTHESES = 4;

export class SpeechTokenAudio implements TokenAudio {
  /** One engine per language: festival may speak English while Danish needs espeak-ng. */
  private readonly engines = new Map<Lang, Promise<SpeechBackend>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /** `backend` given: always that engine (tests); otherwise the speech layer chooses on first use. */
  constructor(private readonly opts: { backend?: SpeechBackend; env?: NodeJS.ProcessEnv } = {}) {}

  private engine(lang: Lang): Promise<SpeechBackend> {
    let engine = this.engines.get(lang);
    if (!engine) {
      engine = this.opts.backend
        ? Promise.resolve(this.opts.backend)
        : chooseBackend({ lang, env: this.opts.env ?? process.env }).then((c) => c.backend);
      this.engines.set(lang, engine);
    }
    return engine;
  }

  async silentReason(lang: Lang): Promise<string | undefined> {
    try {
      await this.engine(lang);
      return undefined;
    } catch (error) {
      const reason = error instanceof TokenkitError ? error.localized(lang) : String(error);
      return t(lang, 'webToken.audio.noVoice', { reason: reason.replace(/\.$/, '') });
    }
  }

  async wav(utterance: Utterance): Promise<Uint8Array> {
    const engine = await this.engine(utterance.lang);
    if (this.running >= MAX_PARALLEL_SYNTHESES) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return encodeWav(await engine.synthesize(utterance));
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
