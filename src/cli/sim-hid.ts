import { join } from 'node:path';
import { serveFirmware, type FirmwareEvent, type TokenFirmware } from '../../firmware-sim/index';
import { defineMessages, t } from '../i18n/index';
import { HidFakeBus } from '../link/hid-fake';
import { hidSocketDir, serveHidSocket } from '../link/hid-socket';
import { BOARDS } from '../profiles/builtin';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { bootSimBoard, simBoardSetup, type SimBoardOptions } from './sim-options';

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
});

/** Options of `tokenkit sim --hid` (the same as --serial's, see SerialSimOptions). */
export interface HidSimOptions extends SimBoardOptions {
  /** Socket path for the board; default `<TOKENKIT_HID_SOCKET_DIR or tmp/tokenkit-hid>/<serial>.sock`, printed first. */
  link?: string;
  headless?: boolean;
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
  const setup = simBoardSetup(opts, env);
  const definition = BOARDS.find((b) => b.transport === 'hid' && b.mode === 'smart')!;
  const firmware = await bootSimBoard(setup, opts.flash ? { flashPath: opts.flash } : {});
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
