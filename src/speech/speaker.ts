import { type Clock, SystemClock } from '../clock';
import { LANGS, type Lang } from '../i18n/index';
import type { SpeechBackend } from './backend';
import {
  checkRate,
  checkVolume,
  composeBeep,
  composeCode,
  composePhrase,
  normalizeCode,
  RATE_DEFAULT_PERCENT,
  RATE_MAX_PERCENT,
  RATE_MIN_PERCENT,
  RATE_STEP_PERCENT,
  type SpokenPhrase,
  type Utterance,
  utteranceText,
  VOLUME_DEFAULT_PERCENT,
  VOLUME_MAX_PERCENT,
  VOLUME_MIN_PERCENT,
  VOLUME_STEP_PERCENT,
} from './composer';
import { SpeechAbortedError, SpeechInputError } from './errors';
import { durationMs, type Wav } from './wav';

/** Between handing a WAV to the player and the first sound: allowed for when saying how long a code lasts. */
export const PLAYBACK_START_ALLOWANCE_MS = 150;
/** A first guess at one spoken digit's length at normal rate, before a message has been measured. */
const DIGIT_GUESS_MS = 400;

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
  /** With `validForMs`: when the code stops being valid, on the speaker's clock. */
  validUntilMs: number | undefined;
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
 * - `speakCode(code, { validForMs })` says how long the code stays valid as it will still be true when
 *   the message has been heard: the seconds are counted when the audio is ready to play, to the end of
 *   the message (a slow engine such as festival takes a second or more to synthesize; a number
 *   computed at the request would be stale by then). `remainingSec` instead says that number as given.
 * - `repeatLast` speaks the last code again with the current settings; its "valid for N seconds" is
 *   counted down by the injected clock since the original request. 'cancelled' with nothing to repeat
 *   is not an error: it resolves 'nothing'.
 * - `speakPhrase` says a key's confirmation (help, language, ...), cutting off speech like `speakCode`;
 *   it is not what `repeatLast` repeats.
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
  /** Synthesis plus listening time of the last timed code, as the first guess for the next one. */
  private timedOverheadMs: number | undefined;

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

  async speakCode(code: string, o: { remainingSec?: number; validForMs?: number } = {}): Promise<SpeakOutcome> {
    const atMs = this.clock.nowMs();
    const request: Request = {
      code: normalizeCode(code),
      remainingSec: o.remainingSec,
      validUntilMs: o.validForMs === undefined ? undefined : atMs + o.validForMs,
      atMs,
    };
    this.last = request;
    return this.speakRequest(request, o.remainingSec);
  }

  /** Says a key's confirmation in the current language, cutting off whatever is being spoken. */
  async speakPhrase(phrase: SpokenPhrase): Promise<SpeakOutcome> {
    return this.speakUtterance(() => {
      const { lang, ratePercent, volumePercent } = this.state;
      const utterance = composePhrase(phrase, { lang, ratePercent, volumePercent });
      return { utterance, speak: (backend, o) => backend.speak(utterance, o) };
    });
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
  async confirm(phrase?: SpokenPhrase): Promise<SpeakOutcome> {
    if (this.current || this.starting > 0 || this.closed) return 'cancelled';
    const { lang, ratePercent, volumePercent, device } = this.state;
    // A phrase ("Volume 70 percent") says the new setting at the new setting; a beep only shows loudness.
    const utterance: Utterance = phrase
      ? composePhrase(phrase, { lang, ratePercent, volumePercent })
      : composeBeep({ lang, ratePercent, volumePercent });
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

  private speakRequest(request: Request, remainingSec: number | undefined): Promise<SpeakOutcome> {
    return this.speakUtterance(() => {
      const { lang, ratePercent, volumePercent, beep } = this.state;
      const compose = (n: number | undefined) =>
        composeCode(request.code, { lang, ratePercent, volumePercent, beep, remainingSec: n });
      if (request.validUntilMs === undefined) {
        const utterance = compose(remainingSec);
        return { utterance, speak: (b, o) => b.speak(utterance, o) };
      }
      return this.timedCode(request.validUntilMs, compose);
    });
  }

  /**
   * The code with "valid for N seconds" where N is still true when the message ends: synthesized, then
   * N checked against the clock once the audio is ready, and synthesized again with a smaller N when the
   * engine was slow. After two stale tries the phrase is left out (the digits are always true).
   */
  private timedCode(validUntilMs: number, compose: (n: number | undefined) => Utterance): Prepared {
    // What to say for the time left at the end of the message: "expired" once it is over, nothing in
    // its last second ("valid for 0 seconds" helps nobody), else the whole seconds still left.
    const claimFor = (leftMs: number): number | undefined =>
      leftMs <= 0 ? 0 : Math.floor(leftMs / 1000) === 0 ? undefined : Math.floor(leftMs / 1000);
    const holds = (claim: number | undefined, leftMs: number) =>
      claim === undefined || (claim === 0 ? leftMs <= 0 : leftMs >= claim * 1000);
    let chosen = compose(undefined);
    const speak: SpeakFn = async (b, o) => {
      let overheadMs = this.timedOverheadMs ?? guessDurationMs(compose(0));
      let wav: Wav | undefined;
      let fallback: { utterance: Utterance; wav: Wav } | undefined;
      // Two tries at most: every try is a synthesis the listener waits through.
      for (let attempt = 0; attempt < 2 && !wav; attempt++) {
        const startMs = this.clock.nowMs();
        // Synthesis time varies (a cold cache, a busy machine): a margin keeps the estimate on the safe side.
        const claim = claimFor(validUntilMs - (startMs + overheadMs * 1.25 + 250));
        const utterance = compose(claim);
        let candidate: Wav;
        try {
          candidate = await b.synthesize(utterance, { signal: o.signal });
        } catch (error) {
          // An engine that only speaks directly (say on Linux): the best estimate, spoken as is.
          if (error instanceof SpeechInputError && error.field === 'wav') {
            chosen = utterance;
            this.listener.onSpeak?.(utteranceText(chosen));
            return b.speak(utterance, o);
          }
          throw error;
        }
        const endMs = this.clock.nowMs() + PLAYBACK_START_ALLOWANCE_MS + durationMs(candidate);
        overheadMs = endMs - startMs;
        this.timedOverheadMs = overheadMs;
        const leftMs = validUntilMs - endMs;
        if (!holds(claim, leftMs)) continue;
        // A message left without its phrase while seconds remain gets one more try with them.
        if (claim === undefined && leftMs >= 2000 && attempt === 0) {
          fallback = { utterance, wav: candidate };
          continue;
        }
        chosen = utterance;
        wav = candidate;
      }
      if (!wav && fallback) ({ utterance: chosen, wav } = fallback);
      if (!wav) {
        chosen = compose(undefined);
        wav = await b.synthesize(chosen, { signal: o.signal });
      }
      this.listener.onSpeak?.(utteranceText(chosen));
      await b.play(wav, o);
    };
    return { utterance: chosen, speak, reportsItself: true };
  }

  private async speakUtterance(prepare: () => Prepared): Promise<SpeakOutcome> {
    // Take a ticket before waiting: if another request arrives meanwhile, this one is superseded.
    const ticket = ++this.generation;
    const previous = this.current;
    previous?.controller.abort();
    this.starting++;
    await previous?.done.catch(() => {});
    this.starting--;
    if (ticket !== this.generation || this.closed) return 'cancelled';
    const { lang, device } = this.state;
    const backend = this.backendFor(lang);
    const prepared = prepare();
    const controller = new AbortController();
    const done = prepared.speak(backend, { device, signal: controller.signal });
    this.current = { controller, done };
    // A timed code reports its text once its seconds are known (see timedCode).
    if (!prepared.reportsItself) this.listener.onSpeak?.(utteranceText(prepared.utterance));
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

type SpeakFn = (backend: SpeechBackend, o: { device: string | undefined; signal: AbortSignal }) => Promise<void>;
/** A message ready to speak; `reportsItself`: it calls the listener's onSpeak once its text is final. */
interface Prepared {
  utterance: Utterance;
  speak: SpeakFn;
  reportsItself?: boolean;
}

/** How long a message will take to hear, before any has been measured: digits, pauses and a phrase. */
function guessDurationMs(u: Utterance): number {
  let ms = PLAYBACK_START_ALLOWANCE_MS;
  for (const part of u.parts) {
    if (part.kind === 'pause') ms += (part.durationMs * 100) / u.ratePercent;
    else if (part.kind === 'beep') ms += part.durationMs;
    else ms += ((part.text.length === 1 ? DIGIT_GUESS_MS : part.text.length * 70) * 100) / u.ratePercent;
  }
  return ms;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
