import { join } from 'node:path';
import { type FirmwareEvent, serveFirmware, type TokenFirmware } from '../../firmware-sim/index';
import { defineMessages, t } from '../i18n/index';
import { HidFakeBus } from '../link/hid-fake';
import { hidSocketDir, serveHidSocket } from '../link/hid-socket';
import { BOARDS } from '../profiles/builtin';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { bootSimBoard, runBoardUntilInterrupted, type SimBoardOptions, simBoardSetup } from './sim-options';

export const SIM_HID_MESSAGES = defineMessages({
  'cli.simHid.ready': {
    en: 'Simulated {profile} HID board {vidpid} (serial {serial}) on {path}. Talk to it with: tokenkit device press --hid {path}. Ctrl-C stops it.',
    da: 'Simuleret {profile}-HID-enhed {vidpid} (serienummer {serial}) på {path}. Tal med den med: tokenkit device press --hid {path}. Ctrl-C stopper den.',
  },
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
export async function startHidSim(
  opts: HidSimOptions,
  onEvent?: (e: FirmwareEvent) => void,
  env: NodeJS.ProcessEnv = {},
): Promise<HidSimHandle> {
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
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError('cli.simHid.error.inUse', { path: socketPath });
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
  await runBoardUntilInterrupted(
    ctx,
    opts,
    (onEvent) => startHidSim(opts, onEvent, ctx.io.env),
    (sim) => {
      if (!opts.link) ctx.print(sim.socketPath);
      if (!opts.headless) {
        const definition = BOARDS.find((b) => b.transport === 'hid' && b.mode === 'smart')!;
        ctx.print(
          t(ctx.lang, 'cli.simHid.ready', {
            profile: opts.profile ?? 'code-display',
            vidpid: `${definition.usb.vendorId}:${definition.usb.productId}`,
            serial: sim.serial,
            path: sim.socketPath,
          }),
        );
      }
    },
    (sim) => sim.socketPath,
  );
}
