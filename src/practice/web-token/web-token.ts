import {
  createFirmware,
  RealScheduler,
  type Scheduler,
  type StoredSecret,
  type TokenFirmware,
} from '../../../firmware-sim/index';
import { type Clock, SystemClock } from '../../clock';
import type { Lang } from '../../i18n/index';
import { getProfile } from '../../profiles/index';
import {
  composeBeep,
  composeCode,
  RATE_DEFAULT_PERCENT,
  RATE_MAX_PERCENT,
  RATE_MIN_PERCENT,
  RATE_STEP_PERCENT,
  speechDefaults,
  type Utterance,
  VOLUME_DEFAULT_PERCENT,
  VOLUME_MAX_PERCENT,
  VOLUME_MIN_PERCENT,
  VOLUME_STEP_PERCENT,
} from '../../speech/index';
import { FACE_KINDS, type FaceKind, keyFor, type SimKey } from '../../terminal/index';

export type WebTokenKind = FaceKind;
export const WEB_TOKEN_KINDS: readonly WebTokenKind[] = FACE_KINDS;

/** Something for the page to play: a code read aloud, or the beep that confirms a volume or rate key. */
export interface WebTokenMessage {
  seq: number;
  kind: 'code' | 'beep';
  utterance: Utterance;
}

/** What the /token page shows, as the server renders it and as the page's script receives it. */
export interface WebTokenView {
  kind: WebTokenKind;
  lang: Lang;
  serial: string;
  /** The code on the display, or null when it is blank. */
  code: string | null;
  /** How long the shown code stays valid (0 when blank). */
  remainingMs: number;
  /** When the display blanks, counted from now (0 when blank): the profile's timeout after the last press. */
  offInMs: number;
  periodSec: number;
  /** Audio reader only. */
  volumePercent?: number;
  ratePercent?: number;
  /** The newest message to play (audio reader only). */
  message?: { seq: number; kind: 'code' | 'beep' };
}

export interface WebTokenOptions {
  id: string;
  kind: WebTokenKind;
  lang: Lang;
  /** The serial number activation knows it by (printed on the page, like on a token's back). */
  serial: string;
  secret: StoredSecret;
  /** Host clock (default: system). A ManualClock with a ManualScheduler makes the token deterministic. */
  clock?: Clock;
  scheduler?: Scheduler;
  randomBytes?: (n: number) => Uint8Array;
}

/** How many past messages stay fetchable: a page that asks for the one just replaced still gets it. */
const KEPT_MESSAGES = 4;

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/**
 * A token in the browser, run on the server: the same firmware state machine (firmware-sim) and the same
 * key map (terminal/terminal-sim `keyFor`) as `tokenkit sim`, so the web token and the terminal simulator
 * cannot drift apart. The secret stays here: a page only ever sees the view (code, countdown, settings).
 *
 * The audio reader's speech is kept as messages (utterances from the speech layer's composer); the page
 * fetches each as a WAV. Like the terminal reader, a new code (a press, or the step boundary while shown)
 * becomes a new message, repeat re-reads the last code with its remaining time counted down, and the
 * volume and rate keys answer with a beep at the new setting.
 */
export class WebToken {
  readonly id: string;
  readonly serial: string;
  readonly kind: WebTokenKind;
  readonly firmware: TokenFirmware;
  lang: Lang;
  volumePercent: number;
  ratePercent: number;
  /** When this token was last used (host ms), for the registry's eviction of idle tokens. */
  lastUsedAtMs: number;
  private readonly periodSec: number;
  private readonly clock: Clock;
  private offAtMs = 0;
  private seq = 0;
  private readonly messages: WebTokenMessage[] = [];
  private readonly unsubscribe: () => void;

  private constructor(opts: WebTokenOptions, firmware: TokenFirmware, clock: Clock) {
    this.id = opts.id;
    this.serial = opts.serial;
    this.kind = opts.kind;
    this.lang = opts.lang;
    this.periodSec = opts.secret.periodSec;
    this.firmware = firmware;
    this.clock = clock;
    this.lastUsedAtMs = clock.nowMs();
    const speech = getProfile(opts.kind).speech;
    ({ ratePercent: this.ratePercent, volumePercent: this.volumePercent } = speech
      ? speechDefaults(speech)
      : { ratePercent: RATE_DEFAULT_PERCENT, volumePercent: VOLUME_DEFAULT_PERCENT });
    this.unsubscribe = firmware.onEvent((event) => {
      if (event.type === 'button' && !event.long) this.offAtMs = this.clock.nowMs() + firmware.profile.displayTimeoutMs;
      else if (event.type === 'display-off') this.offAtMs = 0;
      else if (event.type === 'code-shown' && this.kind === 'audio-code-reader')
        this.speak(event.code, Math.ceil(event.remainingMs / 1000));
    });
  }

  static async create(opts: WebTokenOptions): Promise<WebToken> {
    const clock = opts.clock ?? new SystemClock();
    const firmware = await createFirmware({
      profile: opts.kind,
      baseClock: clock,
      // Unref'd: thousands of idle web tokens never hold the server process open.
      scheduler: opts.scheduler ?? new RealScheduler(true),
      secret: opts.secret,
      ...(opts.randomBytes ? { randomBytes: opts.randomBytes } : {}),
    });
    return new WebToken(opts, firmware, clock);
  }

  /**
   * One key as typed (' ', 'r', '+', 'l', ...), mapped by the terminal simulator's `keyFor`. Returns the
   * key it meant, or undefined for a key that does nothing here (quit has no meaning in a page).
   */
  applyKey(input: string): SimKey | undefined {
    const key = keyFor(input);
    if (key === undefined || key === 'quit') return undefined;
    this.lastUsedAtMs = this.clock.nowMs();
    const reader = this.kind === 'audio-code-reader';
    switch (key) {
      case 'press':
        this.firmware.press();
        break;
      case 'language':
        this.lang = this.lang === 'da' ? 'en' : 'da';
        break;
      case 'repeat': {
        const state = this.firmware.display;
        if (!reader || state.kind !== 'code') return undefined;
        this.speak(state.code, Math.ceil(this.firmware.remainingMs() / 1000));
        break;
      }
      case 'volumeUp':
      case 'volumeDown':
        if (!reader) return undefined;
        this.volumePercent = clamp(
          this.volumePercent + (key === 'volumeUp' ? 1 : -1) * VOLUME_STEP_PERCENT,
          VOLUME_MIN_PERCENT,
          VOLUME_MAX_PERCENT,
        );
        this.beep();
        break;
      case 'rateUp':
      case 'rateDown':
        if (!reader) return undefined;
        this.ratePercent = clamp(
          this.ratePercent + (key === 'rateUp' ? 1 : -1) * RATE_STEP_PERCENT,
          RATE_MIN_PERCENT,
          RATE_MAX_PERCENT,
        );
        this.beep();
        break;
    }
    return key;
  }

  view(): WebTokenView {
    const state = this.firmware.display;
    const code = state.kind === 'code' ? state.code : null;
    const now = this.clock.nowMs();
    const last = this.messages[this.messages.length - 1];
    return {
      kind: this.kind,
      lang: this.lang,
      serial: this.serial,
      code,
      remainingMs: code === null ? 0 : Math.round(this.firmware.hal.clock.hostDelayFor(this.firmware.remainingMs())),
      offInMs: code === null ? 0 : Math.max(0, this.offAtMs - now),
      periodSec: this.periodSec,
      ...(this.kind === 'audio-code-reader'
        ? {
            volumePercent: this.volumePercent,
            ratePercent: this.ratePercent,
            ...(last ? { message: { seq: last.seq, kind: last.kind } } : {}),
          }
        : {}),
    };
  }

  /** A message by its number, while it is among the last few. */
  message(seq: number): WebTokenMessage | undefined {
    return this.messages.find((m) => m.seq === seq);
  }

  stop(): void {
    this.unsubscribe();
    this.firmware.stop();
  }

  private speak(code: string, remainingSec: number): void {
    this.push(
      'code',
      composeCode(code, {
        lang: this.lang,
        ratePercent: this.ratePercent,
        volumePercent: this.volumePercent,
        remainingSec,
      }),
    );
  }

  private beep(): void {
    this.push(
      'beep',
      composeBeep({ lang: this.lang, ratePercent: this.ratePercent, volumePercent: this.volumePercent }),
    );
  }

  private push(kind: 'code' | 'beep', utterance: Utterance): void {
    this.messages.push({ seq: ++this.seq, kind, utterance });
    if (this.messages.length > KEPT_MESSAGES) this.messages.shift();
  }
}
