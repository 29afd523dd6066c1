import { type Lang, t } from '../i18n/index';
import { groupDigits } from './big-digits';
import { type FaceKind, plainCodeLine, renderScreen, type TokenView } from './layout';
import { ENTER_SCREEN, LEAVE_SCREEN, ScreenPainter } from './painter';

/** What the terminal face needs from a token: the firmware simulator's state machine fits behind it. */
export interface SimToken {
  /** The grey (code display) or red (audio reader) button. */
  press(): void;
  onEvent(listener: (event: SimTokenEvent) => void): () => void;
}
export type SimTokenEvent =
  | { type: 'code'; code: string; step: number; remainingMs: number }
  | { type: 'off' }
  | { type: 'battery'; percent: number; low: boolean };

/** The audio reader's voice: the speech layer's Speaker fits behind it. All calls return at once. */
export interface SimVoice {
  /** `remainingMs` (when given) lets the voice say how long the code lasts as it will be when heard. */
  speakCode(code: string, remainingSec: number, lang: Lang, remainingMs?: number): void;
  /** Speaks the last code again, in `lang` (the language may have changed since). */
  repeat(lang: Lang): void;
  cancel(): void;
  readonly volume: number;
  readonly rate: number;
  /** One step louder/quieter, faster/slower; the voice confirms the new setting aloud. */
  changeVolume(delta: number): void;
  changeRate(delta: number): void;
  /** Says a key's confirmation (help, the new language, nothing to repeat, an unknown key), in `lang`. */
  announce?(what: VoiceAnnouncement, lang: Lang): void;
  /** Why the voice went silent after it started (e.g. the player failed), shown on the status line. */
  readonly problem?: string;
  /** Called when `problem` changes (speech fails or works again); returns the unsubscribe function. */
  onProblem?(listener: () => void): () => void;
}

export type VoiceAnnouncement = 'help' | 'language' | 'nothingToRepeat' | 'unknownKey';

export interface TerminalOutput {
  write(text: string): void;
  columns?: number;
  rows?: number;
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

export interface TerminalInput {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  setRawMode?(raw: boolean): unknown;
  isTTY?: boolean;
  resume?(): unknown;
  pause?(): unknown;
}

export interface TerminalSimOptions {
  kind: FaceKind;
  periodSec: number;
  lang: Lang;
  token: SimToken;
  input: TerminalInput;
  output: TerminalOutput;
  /** One line per event, no redraws: for screen readers and logs. */
  plain: boolean;
  color: boolean;
  voice?: SimVoice;
  /** Shown on the status line (e.g. why there is no speech). */
  status?: string;
  signal?: AbortSignal;
  /** Monotonic ms for the countdown; injectable for tests. */
  nowMs?: () => number;
}

/** How a terminal run ended: a quit key, Ctrl-C typed in raw mode (no SIGINT then), or `signal` aborting. */
export type TerminalSimEnd = 'quit' | 'interrupted' | 'stopped';

export type SimKey =
  | 'press'
  | 'repeat'
  | 'volumeUp'
  | 'volumeDown'
  | 'rateUp'
  | 'rateDown'
  | 'language'
  | 'help'
  | 'quit';

/** Keys like the real reader's combinations, one key each so they work with a single hand. */
export function keyFor(input: string): SimKey | undefined {
  switch (input) {
    case ' ':
    case '\r':
    case '\n':
      return 'press';
    case 'r':
    case 'R':
      return 'repeat';
    case '+':
    case '=':
      return 'volumeUp';
    case '-':
    case '_':
      return 'volumeDown';
    case '>':
    case '.':
      return 'rateUp';
    case '<':
    case ',':
      return 'rateDown';
    case 'l':
    case 'L':
      return 'language';
    case 'h':
    case 'H':
    case '?':
      return 'help';
    case 'q':
    case 'Q':
    case '\x03': // Ctrl-C in raw mode
    case '\x04': // Ctrl-D
      return 'quit';
    default:
      return undefined;
  }
}

/**
 * Runs the token in the terminal until the user quits or `signal` aborts. The drawn mode repaints only
 * changed lines (once a second while a code is shown, never while idle); `plain` prints one line per event.
 * Restores the terminal (raw mode, cursor, main screen) on every way out, and says how it ended.
 */
export async function runTerminalSim(opts: TerminalSimOptions): Promise<TerminalSimEnd> {
  const now = opts.nowMs ?? (() => performance.now());
  const { output, input } = opts;
  let lang = opts.lang;
  let code: string | null = null;
  let deadlineMs = 0;
  let batteryLow = false;
  let tick: NodeJS.Timeout | undefined;
  const painter = new ScreenPainter((s) => output.write(s), opts.color);
  const plainLine = (line: string) => output.write(`${line}\n`);

  let lastCode: string | null = null;
  /** A one-off answer to a key in the drawn mode's status line (the plain mode prints it instead). */
  let notice: string | undefined;
  const remainingSec = () => Math.max(0, Math.ceil((deadlineMs - now()) / 1000));
  /** Every key is answered: a line in the plain mode, the status line when drawn. */
  const say = (line: string) => {
    if (opts.plain) plainLine(line);
    else notice = line;
  };
  const view = (): TokenView => ({
    kind: opts.kind,
    lang,
    code,
    remainingSec: remainingSec(),
    periodSec: opts.periodSec,
    batteryLow,
    volume: opts.voice?.volume,
    rate: opts.voice?.rate,
    status: opts.voice?.problem ?? notice ?? opts.status,
  });
  const draw = () => {
    if (!opts.plain) painter.paint(renderScreen(view(), { cols: output.columns ?? 80, rows: output.rows ?? 24 }));
  };
  const scheduleTick = () => {
    clearTimeout(tick);
    const leftMs = deadlineMs - now();
    // At 0 nothing changes until the token's next event (a drifting token clock may send it late).
    if (code === null || opts.plain || leftMs <= 0) return;
    // Wake exactly when the shown seconds change, so the countdown is right without polling.
    const msToNextSecond = (leftMs % 1000) + 1;
    tick = setTimeout(
      () => {
        draw();
        scheduleTick();
      },
      Math.max(1, msToNextSecond),
    );
  };

  const unsubscribe = opts.token.onEvent((event) => {
    if (event.type === 'code') {
      code = event.code;
      lastCode = code;
      notice = undefined;
      deadlineMs = now() + event.remainingMs;
      if (opts.plain) plainLine(plainCodeLine(lang, code, remainingSec()));
      // A new code (a press, or the step boundary while shown) is spoken at once, cutting off the old one.
      opts.voice?.speakCode(code, remainingSec(), lang, event.remainingMs);
    } else if (event.type === 'off') {
      code = null;
      opts.voice?.cancel();
      if (opts.plain) plainLine(t(lang, 'term.plain.off'));
    } else if (event.type === 'battery') {
      batteryLow = event.low;
      if (opts.plain && event.low) plainLine(t(lang, 'term.plain.battery', { percent: event.percent }));
    }
    draw();
    scheduleTick();
  });

  let finish: () => void = () => {};
  let ending: TerminalSimEnd = 'stopped';
  const done = new Promise<void>((resolve) => (finish = resolve));

  const onKey = (key: SimKey) => {
    const voice = opts.voice;
    notice = undefined;
    switch (key) {
      case 'press':
        // Answered by the code line the token's event prints.
        opts.token.press();
        return;
      case 'repeat':
        if (code !== null) {
          say(plainCodeLine(lang, code, remainingSec()));
          voice?.repeat(lang);
        } else if (lastCode !== null) {
          say(t(lang, 'term.plain.repeatOff', { code: groupDigits(lastCode) }));
          voice?.repeat(lang);
        } else {
          say(t(lang, 'term.plain.nothingToRepeat'));
          voice?.announce?.('nothingToRepeat', lang);
        }
        break;
      case 'volumeUp':
      case 'volumeDown':
        if (!voice) {
          say(t(lang, 'term.plain.volumeNoSpeech'));
          break;
        }
        voice.changeVolume(key === 'volumeUp' ? 1 : -1);
        if (opts.plain) plainLine(t(lang, 'term.plain.volume', { volume: voice.volume }));
        break;
      case 'rateUp':
      case 'rateDown':
        if (!voice) {
          say(t(lang, 'term.plain.rateNoSpeech'));
          break;
        }
        voice.changeRate(key === 'rateUp' ? 1 : -1);
        if (opts.plain) plainLine(t(lang, 'term.plain.rate', { rate: voice.rate }));
        break;
      case 'language':
        lang = lang === 'da' ? 'en' : 'da';
        if (opts.plain) plainLine(t(lang, 'term.plain.lang'));
        voice?.announce?.('language', lang);
        break;
      case 'help':
        say(t(lang, opts.kind === 'code-display' ? 'term.plain.helpCodeDisplay' : 'term.plain.helpAudio'));
        voice?.announce?.('help', lang);
        break;
      case 'quit':
        ending = ending === 'stopped' ? 'quit' : ending;
        finish();
        return;
    }
    draw();
  };
  const onUnknownKey = () => {
    say(t(lang, 'term.plain.unknownKey'));
    opts.voice?.announce?.('unknownKey', lang);
    draw();
  };
  const onData = (chunk: Buffer | string) => {
    const text = chunk.toString();
    // An arrow or function key arrives as one escape sequence: one key, one answer.
    if (text.startsWith('\x1b')) return onUnknownKey();
    for (const ch of text) {
      const key = keyFor(ch);
      // Ctrl-C in raw mode is a key, not SIGINT: it still ends the run as an interruption (exit 130).
      if (ch === '\x03') ending = 'interrupted';
      if (key) onKey(key);
      // Printable keys that do nothing say so (control characters such as a bare Ctrl-Z are left alone).
      else if (ch >= ' ' && ch !== '\x7f') onUnknownKey();
    }
  };
  const onResize = () => {
    painter.invalidate();
    draw();
  };
  const onAbort = () => finish();
  // Speech fails after the start (a player error): say so at once, as one line in plain mode.
  let shownProblem: string | undefined;
  const onProblem = () => {
    const problem = opts.voice?.problem;
    if (opts.plain && problem !== undefined && problem !== shownProblem) plainLine(problem);
    shownProblem = problem;
    draw();
  };
  const unsubscribeProblem = opts.voice?.onProblem?.(onProblem);

  const raw = Boolean(input.isTTY && input.setRawMode);
  if (raw) input.setRawMode!(true);
  input.on('data', onData);
  input.resume?.();
  output.on?.('resize', onResize);
  opts.signal?.addEventListener('abort', onAbort);
  if (opts.signal?.aborted) finish();

  if (opts.plain) {
    plainLine(
      t(lang, opts.kind === 'code-display' ? 'term.plain.ready' : 'term.plain.readyAudio', {
        title: t(lang, opts.kind === 'code-display' ? 'term.title.codeDisplay' : 'term.title.audioReader'),
      }),
    );
    if (opts.status) plainLine(opts.status);
  } else {
    output.write(ENTER_SCREEN);
    draw();
  }
  try {
    await done;
  } finally {
    clearTimeout(tick);
    unsubscribe();
    unsubscribeProblem?.();
    opts.voice?.cancel();
    input.off('data', onData);
    input.pause?.();
    output.off?.('resize', onResize);
    opts.signal?.removeEventListener('abort', onAbort);
    if (raw) input.setRawMode!(false);
    if (!opts.plain) output.write(LEAVE_SCREEN);
    else plainLine(t(lang, 'term.plain.bye'));
  }
  return ending;
}
