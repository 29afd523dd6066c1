import { type FirmwareEvent, serveFirmware, type TokenFirmware } from '../../firmware-sim/index';
import { defineMessages, t } from '../i18n/index';
import { startPtyPair } from '../link/pty-pair';
import { SerialLink } from '../link/serial-link';
import type { CliContext } from './context';
import { bootSimBoard, runBoardUntilInterrupted, type SimBoardOptions, simBoardSetup } from './sim-options';

export const SIM_SERIAL_MESSAGES = defineMessages({
  'cli.simSerial.ready': {
    en: 'Simulated {profile} board (serial {serial}) on {path}. Talk to it with: tokenkit device press --port {path}. Ctrl-C stops it.',
    da: 'Simuleret {profile}-enhed (serienummer {serial}) på {path}. Tal med den med: tokenkit device press --port {path}. Ctrl-C stopper den.',
  },
});

/** Options of `tokenkit sim --serial`, as commander hands them over (strings) or typed. */
export interface SerialSimOptions extends SimBoardOptions {
  /** Host-side symlink path; without it the pts path is printed on the first line. */
  link?: string;
  /** Only the first line (no event lines). */
  headless?: boolean;
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
export async function startSerialSim(
  opts: SerialSimOptions,
  onEvent?: (e: FirmwareEvent) => void,
  env: NodeJS.ProcessEnv = {},
): Promise<SerialSimHandle> {
  const setup = simBoardSetup(opts, env);
  const pair = await startPtyPair(opts.link ? { hostLink: opts.link } : {});
  try {
    const boardLink = await SerialLink.open(pair.boardPath, { lock: false });
    const firmware = await bootSimBoard(setup, {
      ...(opts.mode ? { mode: opts.mode } : {}),
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
  await runBoardUntilInterrupted(
    ctx,
    opts,
    (onEvent) => startSerialSim(opts, onEvent, ctx.io.env),
    (sim) => {
      if (!opts.link) ctx.print(sim.hostPath);
      if (!opts.headless)
        ctx.print(
          t(ctx.lang, 'cli.simSerial.ready', {
            profile: opts.profile ?? 'code-display',
            serial: sim.serial,
            path: sim.hostPath,
          }),
        );
    },
    (sim) => sim.hostPath,
  );
}
