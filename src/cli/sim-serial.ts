import { createFirmware, serveFirmware, type FirmwareEvent, type StoredSecret, type TokenFirmware } from '../../firmware-sim/index';
import { defineMessages, t } from '../i18n/index';
import { SerialLink } from '../link/serial-link';
import { startPtyPair } from '../link/pty-pair';
import { getProfile } from '../profiles/builtin';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { parseTimeMs } from './parse-values';
import { secretFromOptions } from './secret-options';

export const SIM_SERIAL_MESSAGES = defineMessages({
  'cli.simSerial.ready': {
    en: 'Simulated {profile} board (serial {serial}) on {path}. Talk to it with: tokenkit device press --port {path}. Ctrl-C stops it.',
    da: 'Simuleret {profile}-enhed (serienummer {serial}) på {path}. Tal med den med: tokenkit device press --port {path}. Ctrl-C stopper den.',
  },
  'cli.simSerial.codeShown': { en: 'Code shown: {code} (step {step}, valid for {seconds} s)', da: 'Kode vist: {code} (trin {step}, gyldig i {seconds} s)' },
  'cli.simSerial.button': { en: 'Button pressed{long}{host}', da: 'Knap trykket{long}{host}' },
  'cli.simSerial.long': { en: ' (long)', da: ' (langt)' },
  'cli.simSerial.host': { en: ' by the host', da: ' af værten' },
  'cli.simSerial.displayOff': { en: 'Display off', da: 'Skærm slukket' },
  'cli.simSerial.battery': { en: 'Battery {percent}%{low}', da: 'Batteri {percent}%{low}' },
  'cli.simSerial.low': { en: ' (low)', da: ' (lavt)' },
  'cli.simSerial.stopped': { en: 'Simulator stopped; {path} removed.', da: 'Simulatoren er stoppet; {path} er fjernet.' },
  'cli.simSerial.error.drift': {
    en: "--drift-ppm '{value}' is not a number from -10000 to 10000",
    da: "--drift-ppm '{value}' er ikke et tal fra -10000 til 10000",
  },
});

/** Options of `tokenkit sim --serial`, as commander hands them over (strings) or typed. */
export interface SerialSimOptions {
  profile?: string;
  /** Host-side symlink path; without it the pts path is printed on the first line. */
  link?: string;
  /** Secret provisioned at start (else the board starts unprovisioned): Base32, hex, or an otpauth:// URI. */
  secret?: string;
  secretHex?: string;
  uri?: string;
  /** Board time at start: unix seconds, ISO 8601, or 'now'. */
  startTime?: string;
  driftPpm?: string | number;
  /** Only the first line (no event lines). */
  headless?: boolean;
  /** Persist the board's flash in this file (serial number, secret) across runs. */
  flash?: string;
  /** 'smart' (default) or 'display'. */
  mode?: 'smart' | 'display';
}

export interface SerialSimHandle {
  hostPath: string;
  serial: string;
  /** The simulated board's firmware (press its button, change its battery, read its display). */
  firmware: TokenFirmware;
  stop(): Promise<void>;
}

/**
 * Starts the simulated board behind a socat pty pair and returns once it serves. For embedding (tests,
 * bench); `runSerialSim` is the CLI wrapper that runs until ctx.signal aborts.
 */
export async function startSerialSim(opts: SerialSimOptions, onEvent?: (e: FirmwareEvent) => void, env: NodeJS.ProcessEnv = {}): Promise<SerialSimHandle> {
  const profile = getProfile(opts.profile ?? 'code-display');
  let secret: StoredSecret | undefined;
  const envSecret = env.TOKENKIT_SECRET !== undefined && env.TOKENKIT_SECRET.trim() !== '';
  if (opts.secret !== undefined || opts.secretHex !== undefined || opts.uri !== undefined || envSecret) {
    // The profile's OTP parameters, unless a URI says otherwise.
    const r = secretFromOptions(
      { ...opts, ...(opts.uri === undefined ? { algorithm: profile.algorithm, digits: String(profile.digits), period: String(profile.periodSec), t0: String(profile.t0Sec) } : {}) },
      env,
    );
    secret = { secret: r.secret, algorithm: r.algorithm, digits: r.digits, periodSec: r.periodSec, t0Sec: r.t0Sec };
  }
  const startMs = opts.startTime !== undefined ? parseTimeMs(opts.startTime, '--start-time') : undefined;
  let driftPpm = 0;
  if (opts.driftPpm !== undefined) {
    driftPpm = Number(opts.driftPpm);
    if (String(opts.driftPpm).trim() === '' || !Number.isFinite(driftPpm) || Math.abs(driftPpm) > 10_000) {
      throw new UsageError('cli.simSerial.error.drift', { value: String(opts.driftPpm) });
    }
  }
  const pair = await startPtyPair(opts.link ? { hostLink: opts.link } : {});
  try {
    const boardLink = await SerialLink.open(pair.boardPath, { lock: false });
    const firmware = await createFirmware({
      profile,
      mode: opts.mode ?? 'smart',
      driftPpm,
      ...(startMs !== undefined ? { startMs } : {}),
      ...(secret ? { secret } : {}),
      ...(opts.flash ? { flashPath: opts.flash } : {}),
    });
    const server = serveFirmware(firmware, boardLink);
    const unsubscribe = onEvent ? firmware.onEvent(onEvent) : () => true;
    let stopping: Promise<void> | undefined;
    return {
      hostPath: pair.hostPath,
      serial: firmware.serial,
      firmware,
      stop: () =>
        (stopping ??= (async () => {
          unsubscribe();
          server.stop();
          firmware.stop();
          await boardLink.close();
          await pair.stop();
        })()),
    };
  } catch (error) {
    await pair.stop();
    throw error;
  }
}

/**
 * `tokenkit sim --serial`: a simulated USB serial board behind a socat pty pair. Prints the host path on
 * the first line when no --link is given, then (unless --headless) one line per board event. Runs until
 * ctx.signal aborts (Ctrl-C), then stops the firmware, kills socat and removes the links.
 */
export async function runSerialSim(opts: SerialSimOptions, ctx: CliContext): Promise<void> {
  const { lang } = ctx;
  const onEvent = opts.headless
    ? undefined
    : (e: FirmwareEvent) => {
        switch (e.type) {
          case 'code-shown':
            ctx.print(t(lang, 'cli.simSerial.codeShown', { code: e.code, step: e.step, seconds: Math.ceil(e.remainingMs / 1000) }));
            break;
          case 'button':
            ctx.print(t(lang, 'cli.simSerial.button', { long: e.long ? t(lang, 'cli.simSerial.long') : '', host: e.host ? t(lang, 'cli.simSerial.host') : '' }));
            break;
          case 'display-off':
            ctx.print(t(lang, 'cli.simSerial.displayOff'));
            break;
          case 'battery':
            ctx.print(t(lang, 'cli.simSerial.battery', { percent: e.percent, low: e.low ? t(lang, 'cli.simSerial.low') : '' }));
            break;
        }
      };
  if (ctx.signal.aborted) return;
  const sim = await startSerialSim(opts, onEvent, ctx.io.env);
  try {
    if (!opts.link) ctx.print(sim.hostPath);
    if (!opts.headless) ctx.print(t(lang, 'cli.simSerial.ready', { profile: opts.profile ?? 'code-display', serial: sim.serial, path: sim.hostPath }));
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await sim.stop();
  }
  if (!opts.headless) ctx.print(t(lang, 'cli.simSerial.stopped', { path: sim.hostPath }));
}
