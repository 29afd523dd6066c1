import { type FirmwareEvent, serveFirmware, type TokenFirmware } from '../../firmware-sim/index';
import { registerSimulatedSerial, SerialLink, startPtyPair } from '../link/index';
import { BOARDS } from '../profiles/index';
import { bootSimBoard, type SimBoardSpec } from './board';

export interface SerialSimOptions extends SimBoardSpec {
  /** Host-side symlink path; without it the caller reports the pts path. */
  link?: string;
  /**
   * Register the board in this environment's private rendezvous directory (src/link/rendezvous.ts), so
   * `device list` and "the only board" find it as they find a plugged-in one. Removed on stop.
   */
  registerIn?: NodeJS.ProcessEnv;
}

/** The devices/boards definition a simulated serial board answers as, by its mode. */
export function simulatedSerialBoard(mode: SimBoardSpec['mode'] = 'smart') {
  return BOARDS.find((b) => b.id === (mode === 'display' ? 'tokenkit-display-serial' : 'tokenkit-serial'))!;
}

export interface SerialSimHandle {
  hostPath: string;
  serial: string;
  /** The simulated board's firmware (press its button, change its battery, read its display). */
  firmware: TokenFirmware;
  stop(): Promise<void>;
}

/**
 * Starts a simulated USB serial board behind a socat pty pair and resolves once it serves. `stop()` stops
 * the firmware, kills socat and removes the links (idempotent). Used by `tokenkit sim --serial`, tests and
 * anything else that needs a board on a real tty.
 */
export async function startSerialSim(
  opts: SerialSimOptions = {},
  onEvent?: (e: FirmwareEvent) => void,
): Promise<SerialSimHandle> {
  const pair = await startPtyPair(opts.link ? { hostLink: opts.link } : {});
  try {
    const boardLink = await SerialLink.open(pair.boardPath, { lock: false });
    const firmware = await bootSimBoard(opts);
    const server = serveFirmware(firmware, boardLink);
    const unsubscribe = onEvent ? firmware.onEvent(onEvent) : () => true;
    let unregister = () => {};
    try {
      if (opts.registerIn)
        unregister = registerSimulatedSerial(
          {
            path: pair.hostPath,
            serialNumber: firmware.serial,
            pid: process.pid,
            boardId: simulatedSerialBoard(opts.mode).id,
          },
          opts.registerIn,
        );
    } catch (error) {
      unsubscribe();
      server.stop();
      firmware.stop();
      await boardLink.close();
      throw error;
    }
    let stopping: Promise<void> | undefined;
    return {
      hostPath: pair.hostPath,
      serial: firmware.serial,
      firmware,
      stop: () =>
        (stopping ??= (async () => {
          unregister();
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
