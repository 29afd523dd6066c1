import type { Lang } from '../i18n/index';
import type { Utterance } from './composer';
import type { PlayOptions } from './player';
import type { Wav } from './wav';

export type { PlayOptions } from './player';

/** The engines `--voice` can name. */
export type VoiceName = 'espeak' | 'festival' | 'say';
export const VOICE_NAMES: readonly VoiceName[] = ['espeak', 'festival', 'say'];

/**
 * A speech engine plus the way its audio reaches the listener.
 *
 * Contract:
 * - `available()` never throws: false when the engine's program is missing (then `synthesize`/`speak`
 *   reject with SpeechUnavailableError naming the Debian package).
 * - `synthesize(u)` renders the whole utterance, pauses and beeps included, at `u.ratePercent` (tempo,
 *   not pitch) and `u.volumePercent`. An aborted `signal` kills the engine process and rejects with
 *   SpeechAbortedError. Languages outside `languages` reject with SpeechUnavailableError.
 * - `play(wav, o)` plays on `o.device` (default output when absent) and resolves when playback has
 *   finished. Abort mid-play: the player process is killed and the promise rejects with
 *   SpeechAbortedError after it has exited, so no sound follows.
 * - `speak(u, o)` = synthesize then play, with the same abort contract across both steps. Backends that
 *   cannot produce a WAV (say on Linux) speak directly here.
 */
export interface SpeechBackend {
  readonly name: VoiceName | 'recording';
  /** Languages this engine speaks; the others are refused rather than mispronounced. */
  readonly languages: readonly Lang[];
  available(): Promise<boolean>;
  synthesize(u: Utterance, o?: { signal?: AbortSignal }): Promise<Wav>;
  play(wav: Wav, o?: PlayOptions): Promise<void>;
  speak(u: Utterance, o?: PlayOptions): Promise<void>;
  /**
   * Optional: prepare for speaking `lang` at `ratePercent` (fill a digit cache) so the next press is
   * fast. Never required for correctness; failures are left for the next real request to report.
   * Aborting `signal` kills the warm-up's processes (cached clips included) and rejects with
   * SpeechAbortedError once all of them have exited.
   */
  warm?(lang: Lang, ratePercent: number, signal?: AbortSignal): Promise<void>;
}
