import type { FirmwareEvent, StoredSecret, TokenFirmware } from '../../firmware-sim/index';
import { untilAborted } from '../clock';
import { t } from '../i18n/index';
import { keySpec } from '../otp/index';
import { resolveProfile, type TokenProfile } from '../profiles/index';
import type { BoardMode } from '../protocol/index';
import type { SimBoardSpec } from '../sim/index';
import { keyFor, type SimKey } from '../terminal/index';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { EXIT } from './exit-codes';
import { parseTimeMs } from './parse-values';
import { type RawSecretOptions, secretFromOptions, secretGiven } from './secret-options';

/** What every simulated board takes from the command line, whatever face or wire it gets. */
export interface SimBoardOptions extends RawSecretOptions {
  profile?: string;
  /** Board time at start: unix seconds, ISO 8601, or 'now'. */
  startTime?: string;
  driftPpm?: string | number;
  /** 'smart' (default) or 'display'. */
  mode?: BoardMode;
}

/** The parsed options: a spec src/sim boots, with the profile resolved. */
export interface SimBoardSetup extends SimBoardSpec {
  profile: TokenProfile;
  /** The secret given (--secret, --secret-hex, --uri, $TOKENKIT_SECRET), or undefined. */
  secret?: StoredSecret;
}

/** ±10 % is far beyond any crystal, and enough to show drift within a lesson. */
const MAX_DRIFT_PPM = 100_000;

export function parseDriftPpm(value: string | number): number {
  const text = String(value).trim();
  // A decimal comma is what a Danish user types (and what the Danish help shows).
  const n = /^[+-]?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : NaN;
  if (!Number.isFinite(n) || Math.abs(n) > MAX_DRIFT_PPM)
    throw new UsageError('cli.sim.error.driftPpm', { value: text.slice(0, 40) });
  return n;
}

/**
 * Validates the options every simulator shares. The profile's OTP parameters apply unless a URI says
 * otherwise. Throws UsageError/OtpInputError (exit 2) before anything is started.
 */
export function simBoardSetup(opts: SimBoardOptions, env: NodeJS.ProcessEnv = {}): SimBoardSetup {
  const profile = resolveProfile(opts.profile);
  const setup: SimBoardSetup = { profile, driftPpm: opts.driftPpm !== undefined ? parseDriftPpm(opts.driftPpm) : 0 };
  if (opts.mode) setup.mode = opts.mode;
  if (secretGiven(opts, env)) {
    const fromProfile = {
      algorithm: profile.algorithm,
      digits: String(profile.digits),
      period: String(profile.periodSec),
      t0: String(profile.t0Sec),
    };
    const r = secretFromOptions({ ...opts, ...(opts.uri === undefined ? fromProfile : {}) }, env);
    setup.secret = keySpec(r);
  }
  if (opts.startTime !== undefined) setup.startMs = parseTimeMs(opts.startTime, '--start-time');
  return setup;
}

/**
 * Runs a board on the wire (serial or HID) until Ctrl-C: one line per board event unless headless, then
 * `stop()` and a last line saying what was cleaned up. `start` gets the event printer and returns the
 * running board; `announce` prints its first lines.
 */
export async function runBoardUntilInterrupted<T extends { stop(): Promise<void>; firmware: TokenFirmware }>(
  ctx: CliContext,
  opts: { headless?: boolean },
  start: (onEvent?: (e: FirmwareEvent) => void) => Promise<T>,
  announce: (board: T) => void,
  removedPath: (board: T) => string,
): Promise<void> {
  let lang = ctx.lang;
  let lastCode: FirmwareEvent | undefined;
  const onEvent = opts.headless
    ? undefined
    : (e: FirmwareEvent) => {
        if (e.type === 'code-shown') lastCode = e;
        const line = boardEventLine(lang, e);
        if (line) ctx.print(line);
      };
  if (ctx.signal.aborted) return;
  const board = await start(onEvent);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  // The same keys as `tokenkit sim` in the terminal it runs in: the board's button above all, so the
  // display-board workflow can be tried with the simulator alone. Not with --headless (scripts).
  const stdin = opts.headless ? undefined : (ctx.io.stdin as KeyInput | undefined);
  const onKey = (key: SimKey | undefined, ch: string) => {
    switch (key) {
      case 'press':
        void board.firmware.press();
        return;
      case 'repeat':
        ctx.print(lastCode ? boardEventLine(lang, lastCode)! : t(lang, 'term.plain.nothingToRepeat'));
        return;
      case 'language':
        lang = lang === 'da' ? 'en' : 'da';
        ctx.print(t(lang, 'term.plain.lang'));
        return;
      case 'help':
        ctx.print(t(lang, 'cli.sim.keys'));
        return;
      case 'volumeUp':
      case 'volumeDown':
      case 'rateUp':
      case 'rateDown':
        ctx.print(t(lang, 'cli.sim.speechOnHost'));
        return;
      case 'quit':
        // Ctrl-C typed in raw mode is a key, not SIGINT: still an interruption (exit 130).
        if (ch === '\x03') ctx.exitCode = EXIT.INTERRUPTED;
        stop.abort();
        return;
      default:
        if (ch >= ' ' && ch !== '\x7f') ctx.print(t(lang, 'term.plain.unknownKey'));
    }
  };
  const onData = (chunk: Buffer | string) => {
    const text = chunk.toString();
    if (text.startsWith('\x1b')) return onKey(undefined, 'x');
    for (const ch of text) onKey(keyFor(ch), ch);
  };
  const raw = Boolean(stdin?.isTTY && stdin.setRawMode);
  try {
    announce(board);
    if (stdin) {
      if (raw) stdin.setRawMode!(true);
      stdin.on('data', onData);
      stdin.resume?.();
    }
    await untilAborted(stop.signal);
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    if (stdin) {
      stdin.off('data', onData);
      if (raw) stdin.setRawMode!(false);
      stdin.pause?.();
    }
    await board.stop();
  }
  if (!opts.headless) ctx.print(t(lang, 'cli.sim.stopped', { path: removedPath(board) }));
}

type KeyInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };

function boardEventLine(lang: CliContext['lang'], e: FirmwareEvent): string | undefined {
  switch (e.type) {
    case 'code-shown':
      return t(lang, 'cli.sim.codeShown', { code: e.code, step: e.step, seconds: Math.ceil(e.remainingMs / 1000) });
    case 'button':
      return t(lang, 'cli.sim.button', {
        long: e.long ? t(lang, 'cli.sim.long') : '',
        host: e.host ? t(lang, 'cli.sim.host') : '',
      });
    case 'display-off':
      return t(lang, 'cli.sim.displayOff');
    // A display board shows what the host pushed (it has no code-shown of its own).
    case 'display':
      return e.state.kind === 'digits' ? t(lang, 'cli.sim.digitsShown', { code: e.state.code }) : undefined;
    case 'battery':
      return t(lang, 'cli.sim.battery', { percent: e.percent, low: e.low ? t(lang, 'cli.sim.low') : '' });
    default:
      return undefined;
  }
}
