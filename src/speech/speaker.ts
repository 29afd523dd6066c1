import { type Clock, SystemClock } from '../clock';
import { LANGS, type Lang } from '../i18n/index';
import type { SpeechBackend } from './backend';
import {
  BEEP_DURATION_MS,
  BEEP_FREQUENCY_HZ,
  checkRate,
  checkVolume,
  composeCode,
  normalizeCode,
  RATE_DEFAULT_PERCENT,
  RATE_MAX_PERCENT,
  RATE_MIN_PERCENT,
  RATE_STEP_PERCENT,
  type Utterance,
  utteranceText,
  VOLUME_DEFAULT_PERCENT,
  VOLUME_MAX_PERCENT,
  VOLUME_MIN_PERCENT,
  VOLUME_STEP_PERCENT,
} from './composer';
import { SpeechAbortedError } from './errors';

export interface SpeakerSettings {
  lang: Lang;
  ratePercent: number;
  volumePercent: number;
  /** Output device; undefined = the system default. */
  device: string | undefined;
  /** Closing beep after each message. */
  beep: boolean;
}

/** How one request ended. Errors other than cancellation reject the promise instead. */
export type SpeakOutcome = 'spoken' | 'cancelled';

export interface SpeakerListener {
  /** A message starts: its text form ("4 5 2, 9 1 7. Valid for 23 more seconds."), for --plain or logs. */
  onSpeak?(text: string): void;
  onEnd?(outcome: SpeakOutcome): void;
}

interface Request {
  code: string;
  remainingSec: number | undefined;
  atMs: number;
}

/**
 * Owns playback for the audio code reader: one message at a time, on one device.
 *
 * Contract:
 * - `speakCode` cancels whatever is being spoken (abort: the engine or player process is killed and
 *   awaited), then speaks the new code. It resolves 'spoken' when playback ended, 'cancelled' when a
 *   newer request, `cancel()` or `close()` cut it short; it rejects with the backend's typed error
 *   otherwise (SpeechUnavailableError when the engine is missing: callers that must keep working, like
 *   the simulator, catch it and carry on silently).
 * - `repeatLast` speaks the last code again with the current settings; its "valid for N seconds" is
 *   counted down by the injected clock since the original request. 'cancelled' with nothing to repeat
 *   is not an error: it resolves 'nothing'.
 * - Setters apply to the next message; they never interrupt the current one. Construction and the
 *   language/rate setters warm the engine's digit cache in the background (`SpeechBackend.warm`).
 * - `close()` stops speech and the background warm-up and resolves once their processes are gone; after
 *   it, every call resolves 'cancelled' without sound.
 */
export class Speaker {
  private readonly backend: SpeechBackend;
  private readonly fallback: SpeechBackend | undefined;
  private readonly clock: Clock;
  private readonly listener: SpeakerListener;
  private state: SpeakerSettings;
  private current: { controller: AbortController; done: Promise<unknown> } | undefined;
  private generation = 0;
  /** Requests waiting for the previous message to stop: a message is on its way, so confirm stays silent. */
  private starting = 0;
  private last: Request | undefined;
  private closed = false;
  /** Background warm-ups: aborted and awaited by close(), so no engine process outlives the speaker. */
  private readonly warmController = new AbortController();
  private readonly warming = new Set<Promise<void>>();

  /**
   * `fallback` speaks the languages `backend` cannot (festival has no Danish voice: espeak-ng steps in
   * when the user switches to Danish).
   */
  constructor(
    o: {
      backend: SpeechBackend;
      fallback?: SpeechBackend;
      clock?: Clock;
      listener?: SpeakerListener;
    } & Partial<SpeakerSettings>,
  ) {
    this.backend = o.backend;
    this.fallback = o.fallback;
    this.clock = o.clock ?? new SystemClock();
    this.listener = o.listener ?? {};
    this.state = {
      lang: o.lang ?? 'en',
      ratePercent: checkRate(o.ratePercent ?? RATE_DEFAULT_PERCENT),
      volumePercent: checkVolume(o.volumePercent ?? VOLUME_DEFAULT_PERCENT),
      device: o.device,
      beep: o.beep ?? false,
    };
    this.prepare();
  }

  /** Lets the engine for the current language and rate get ready (digit cache) in the background. */
  private prepare(): void {
    if (this.closed) return;
    const { lang, ratePercent } = this.state;
    const warming = this.backendFor(lang)
      .warm?.(lang, ratePercent, this.warmController.signal)
      // A failure here resurfaces, typed, on the next real request.
      .catch(() => {});
    if (!warming) return;
    this.warming.add(warming);
    void warming.then(() => this.warming.delete(warming));
  }

  /** The engine that will speak the current language. */
  get backendName(): string {
    return this.backendFor(this.state.lang).name;
  }

  private backendFor(lang: Lang): SpeechBackend {
    return !this.backend.languages.includes(lang) && this.fallback?.languages.includes(lang)
      ? this.fallback
      : this.backend;
  }

  get settings(): Readonly<SpeakerSettings> {
    return { ...this.state };
  }

  get speaking(): boolean {
    return this.current !== undefined;
  }

  async speakCode(code: string, o: { remainingSec?: number } = {}): Promise<SpeakOutcome> {
    const request: Request = { code: normalizeCode(code), remainingSec: o.remainingSec, atMs: this.clock.nowMs() };
    this.last = request;
    return this.speakRequest(request, o.remainingSec);
  }

  async repeatLast(): Promise<SpeakOutcome | 'nothing'> {
    const last = this.last;
    if (!last) return 'nothing';
    const remainingSec =
      last.remainingSec === undefined
        ? undefined
        : last.remainingSec - Math.floor((this.clock.nowMs() - last.atMs) / 1000);
    return this.speakRequest(last, remainingSec);
  }

  /**
   * A short beep at the current volume, as feedback for the volume and rate keys, so a listener hears
   * the new level without sight of the screen. While a message is being spoken nothing is played (the
   * change applies from the next message) and it resolves 'cancelled'.
   */
  async confirm(): Promise<SpeakOutcome> {
    if (this.current || this.starting > 0 || this.closed) return 'cancelled';
    const { lang, ratePercent, volumePercent, device } = this.state;
    const utterance: Utterance = {
      lang,
      ratePercent,
      volumePercent,
      parts: [{ kind: 'beep', frequencyHz: BEEP_FREQUENCY_HZ, durationMs: BEEP_DURATION_MS }],
    };
    const controller = new AbortController();
    const done = this.backendFor(lang).speak(utterance, { device, signal: controller.signal });
    this.current = { controller, done };
    try {
      await done;
      return 'spoken';
    } catch (error) {
      if (error instanceof SpeechAbortedError) return 'cancelled';
      throw error;
    } finally {
      if (this.current?.done === done) this.current = undefined;
    }
  }

  /** Stops the current message (if any) and waits until its process is gone. */
  async cancel(): Promise<void> {
    this.generation++;
    const current = this.current;
    current?.controller.abort();
    await current?.done.catch(() => {});
  }

  /** Stops speech and the background warm-up; resolves once their processes have exited. */
  async close(): Promise<void> {
    this.closed = true;
    this.warmController.abort();
    await Promise.all([this.cancel(), ...this.warming]);
  }

  setLang(lang: Lang): void {
    this.state.lang = lang;
    this.prepare();
  }

  /** Cycles through the languages (da → en → da) and returns the new one. */
  nextLang(): Lang {
    const i = LANGS.indexOf(this.state.lang);
    this.state.lang = LANGS[(i + 1) % LANGS.length]!;
    this.prepare();
    return this.state.lang;
  }

  setRate(percent: number): void {
    this.state.ratePercent = checkRate(percent);
    this.prepare();
  }

  /** One step faster (+1) or slower (-1), clamped; returns the new rate. */
  stepRate(direction: 1 | -1): number {
    this.state.ratePercent = clamp(
      this.state.ratePercent + direction * RATE_STEP_PERCENT,
      RATE_MIN_PERCENT,
      RATE_MAX_PERCENT,
    );
    this.prepare();
    return this.state.ratePercent;
  }

  setVolume(percent: number): void {
    this.state.volumePercent = checkVolume(percent);
  }

  /** One step louder (+1) or quieter (-1), clamped; returns the new volume. */
  stepVolume(direction: 1 | -1): number {
    this.state.volumePercent = clamp(
      this.state.volumePercent + direction * VOLUME_STEP_PERCENT,
      VOLUME_MIN_PERCENT,
      VOLUME_MAX_PERCENT,
    );
    return this.state.volumePercent;
  }

  setDevice(device: string | undefined): void {
    this.state.device = device;
  }

  setBeep(beep: boolean): void {
    this.state.beep = beep;
  }

  private async speakRequest(request: Request, remainingSec: number | undefined): Promise<SpeakOutcome> {
    // Take a ticket before waiting: if another request arrives meanwhile, this one is superseded.
    const ticket = ++this.generation;
    const previous = this.current;
    previous?.controller.abort();
    this.starting++;
    await previous?.done.catch(() => {});
    this.starting--;
    if (ticket !== this.generation || this.closed) return 'cancelled';
    const { lang, ratePercent, volumePercent, beep, device } = this.state;
    const utterance = composeCode(request.code, { lang, ratePercent, volumePercent, beep, remainingSec });
    const controller = new AbortController();
    const done = this.backendFor(lang).speak(utterance, { device, signal: controller.signal });
    this.current = { controller, done };
    this.listener.onSpeak?.(utteranceText(utterance));
    try {
      await done;
      this.listener.onEnd?.('spoken');
      return 'spoken';
    } catch (error) {
      if (error instanceof SpeechAbortedError) {
        this.listener.onEnd?.('cancelled');
        return 'cancelled';
      }
      throw error;
    } finally {
      if (this.current?.done === done) this.current = undefined;
    }
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
