import { join } from 'node:path';
import { createFirmware, serveFirmware, type FirmwareEvent, type StoredSecret, type TokenFirmware } from '../../firmware-sim/index';
import { defineMessages, t } from '../i18n/index';
import { HidFakeBus } from '../link/hid-fake';
import { hidSocketDir, serveHidSocket } from '../link/hid-socket';
import { BOARDS, getProfile } from '../profiles/builtin';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { parseTimeMs } from './parse-values';
import { secretFromOptions } from './secret-options';

export const SIM_HID_MESSAGES = defineMessages({
  'cli.simHid.ready': {
    en: 'Simulated {profile} HID board {vidpid} (serial {serial}) on {path}. Talk to it with: tokenkit device press --hid {path}. Ctrl-C stops it.',
    da: 'Simuleret {profile}-HID-enhed {vidpid} (serienummer {serial}) på {path}. Tal med den med: tokenkit device press --hid {path}. Ctrl-C stopper den.',
  },
  'cli.simHid.codeShown': { en: 'Code shown: {code} (step {step}, valid for {seconds} s)', da: 'Kode vist: {code} (trin {step}, gyldig i {seconds} s)' },
  'cli.simHid.button': { en: 'Button pressed{long}{host}', da: 'Knap trykket{long}{host}' },
  'cli.simHid.long': { en: ' (long)', da: ' (langt)' },
  'cli.simHid.host': { en: ' by the host', da: ' af værten' },
  'cli.simHid.displayOff': { en: 'Display off', da: 'Skærm slukket' },
  'cli.simHid.battery': { en: 'Battery {percent}%{low}', da: 'Batteri {percent}%{low}' },
  'cli.simHid.low': { en: ' (low)', da: ' (lavt)' },
  'cli.simHid.stopped': { en: 'Simulator stopped; {path} removed.', da: 'Simulatoren er stoppet; {path} er fjernet.' },
  'cli.simHid.error.inUse': {
    en: '{path} is already served by another running simulator: stop it or choose another --link.',
    da: '{path} bruges allerede af en anden kørende simulator: stop den eller vælg en anden --link.',
  },
  'cli.simHid.error.drift': {
    en: "--drift-ppm '{value}' is not a number from -10000 to 10000",
    da: "--drift-ppm '{value}' er ikke et tal fra -10000 til 10000",
  },
});

/** Options of `tokenkit sim --hid` (the same as --serial's, see SerialSimOptions). */
export interface HidSimOptions {
  profile?: string;
  /** Socket path for the board; default `<TOKENKIT_HID_SOCKET_DIR or tmp/tokenkit-hid>/<serial>.sock`, printed first. */
  link?: string;
  secret?: string;
  secretHex?: string;
  uri?: string;
  startTime?: string;
  driftPpm?: string | number;
  headless?: boolean;
  flash?: string;
}

export interface HidSimHandle {
  socketPath: string;
  serial: string;
  firmware: TokenFirmware;
  stop(): Promise<void>;
}

/**
 * Starts the simulated HID board (devices/boards/tokenkit-hid.json's ids) behind a report socket and
 * returns once it listens. `runHidSim` is the CLI wrapper that runs until ctx.signal aborts.
 */
export async function startHidSim(opts: HidSimOptions, onEvent?: (e: FirmwareEvent) => void, env: NodeJS.ProcessEnv = {}): Promise<HidSimHandle> {
  const profile = getProfile(opts.profile ?? 'code-display');
  const definition = BOARDS.find((b) => b.transport === 'hid' && b.mode === 'smart')!;
  let secret: StoredSecret | undefined;
  if (opts.secret !== undefined || opts.secretHex !== undefined || opts.uri !== undefined || (env.TOKENKIT_SECRET ?? '').trim() !== '') {
    const r = secretFromOptions(
      { ...opts, ...(opts.uri === undefined ? { algorithm: profile.algorithm, digits: String(profile.digits), period: String(profile.periodSec), t0: String(profile.t0Sec) } : {}) },
      env,
    );
    secret = { secret: r.secret, algorithm: r.algorithm, digits: r.digits, periodSec: r.periodSec, t0Sec: r.t0Sec };
  }
  const startMs = opts.startTime !== undefined ? parseTimeMs(opts.startTime, '--start-time') : undefined;
  const driftPpm = opts.driftPpm === undefined ? 0 : Number(opts.driftPpm);
  if (opts.driftPpm !== undefined && (String(opts.driftPpm).trim() === '' || !Number.isFinite(driftPpm) || Math.abs(driftPpm) > 10_000)) {
    throw new UsageError('cli.simHid.error.drift', { value: String(opts.driftPpm) });
  }
  const firmware = await createFirmware({
    profile,
    mode: 'smart',
    driftPpm,
    ...(startMs !== undefined ? { startMs } : {}),
    ...(secret ? { secret } : {}),
    ...(opts.flash ? { flashPath: opts.flash } : {}),
  });
  const bus = new HidFakeBus();
  const board = bus.addBoard({
    vendorId: parseInt(definition.usb.vendorId, 16),
    productId: parseInt(definition.usb.productId, 16),
    usagePage: parseInt(definition.usb.usagePage!, 16),
    ...(definition.usb.usage ? { usage: parseInt(definition.usb.usage, 16) } : {}),
    serialNumber: firmware.serial,
    product: definition.name,
  });
  const server = serveFirmware(firmware, board.port);
  const socketPath = opts.link ?? join(hidSocketDir(env), `${firmware.serial}.sock`);
  let socket;
  try {
    socket = await serveHidSocket(bus, board, socketPath);
  } catch (error) {
    server.stop();
    firmware.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError('cli.simHid.error.inUse', { path: socketPath });
    throw error;
  }
  const unsubscribe = onEvent ? firmware.onEvent(onEvent) : () => true;
  let stopping: Promise<void> | undefined;
  return {
    socketPath,
    serial: firmware.serial,
    firmware,
    stop: () =>
      (stopping ??= (async () => {
        unsubscribe();
        await socket.close();
        server.stop();
        firmware.stop();
      })()),
  };
}

/**
 * `tokenkit sim --hid`: the simulated board as a HID device other processes reach through a report socket
 * (`tokenkit device ... --hid PATH`, or `--hid 1209:0002` / `device list`, which scan the socket directory).
 * Prints the socket path on the first line without --link, then one line per board event unless --headless.
 */
export async function runHidSim(opts: HidSimOptions, ctx: CliContext): Promise<void> {
  const { lang } = ctx;
  const onEvent = opts.headless
    ? undefined
    : (e: FirmwareEvent) => {
        // The same event lines as the serial simulator's.
        switch (e.type) {
          case 'code-shown':
            ctx.print(t(lang, 'cli.simHid.codeShown', { code: e.code, step: e.step, seconds: Math.ceil(e.remainingMs / 1000) }));
            break;
          case 'button':
            ctx.print(t(lang, 'cli.simHid.button', { long: e.long ? t(lang, 'cli.simHid.long') : '', host: e.host ? t(lang, 'cli.simHid.host') : '' }));
            break;
          case 'display-off':
            ctx.print(t(lang, 'cli.simHid.displayOff'));
            break;
          case 'battery':
            ctx.print(t(lang, 'cli.simHid.battery', { percent: e.percent, low: e.low ? t(lang, 'cli.simHid.low') : '' }));
            break;
        }
      };
  if (ctx.signal.aborted) return;
  const sim = await startHidSim(opts, onEvent, ctx.io.env);
  try {
    if (!opts.link) ctx.print(sim.socketPath);
    if (!opts.headless) {
      const definition = BOARDS.find((b) => b.transport === 'hid' && b.mode === 'smart')!;
      ctx.print(t(lang, 'cli.simHid.ready', { profile: opts.profile ?? 'code-display', vidpid: `${definition.usb.vendorId}:${definition.usb.productId}`, serial: sim.serial, path: sim.socketPath }));
    }
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await sim.stop();
  }
  if (!opts.headless) ctx.print(t(lang, 'cli.simHid.stopped', { path: sim.socketPath }));
}
