import { join } from 'node:path';
import { type FirmwareEvent, serveFirmware, type TokenFirmware } from '../../firmware-sim/index';
import { HidFakeBus, privateRendezvousDir, serveHidSocket } from '../link/index';
import { BOARDS } from '../profiles/index';
import { bootSimBoard, type SimBoardSpec } from './board';
import { SimSocketInUseError } from './errors';

export interface HidSimOptions extends SimBoardSpec {
  /** Socket path for the board; default `<private rendezvous dir>/<serial>.sock` (src/link/rendezvous.ts). */
  link?: string;
}

export interface HidSimHandle {
  socketPath: string;
  serial: string;
  /** `vvvv:pppp`, the USB ids the board answers to (devices/boards, transport hid). */
  vidPid: string;
  firmware: TokenFirmware;
  stop(): Promise<void>;
}

/** The board definition a simulated HID board pretends to be. */
export function simulatedHidBoard() {
  return BOARDS.find((b) => b.transport === 'hid' && b.mode === 'smart')!;
}

/**
 * Starts a simulated HID board (devices/boards/tokenkit-hid.json's ids) behind a report socket that other
 * processes reach (`--hid PATH`, or a VID:PID / discovery scan of the socket directory); resolves once it
 * listens. A socket another simulator serves is SimSocketInUseError (exit 2).
 */
export async function startHidSim(
  opts: HidSimOptions = {},
  onEvent?: (e: FirmwareEvent) => void,
  env: NodeJS.ProcessEnv = {},
): Promise<HidSimHandle> {
  // Checked before anything starts: a shared or foreign directory is refused with one line.
  const dir = opts.link === undefined ? privateRendezvousDir(env) : undefined;
  const definition = simulatedHidBoard();
  const firmware = await bootSimBoard(opts);
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
  const socketPath = opts.link ?? join(dir!, `${firmware.serial}.sock`);
  let socket: Awaited<ReturnType<typeof serveHidSocket>>;
  try {
    socket = await serveHidSocket(bus, board, socketPath);
  } catch (error) {
    server.stop();
    firmware.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new SimSocketInUseError(socketPath);
    throw error;
  }
  const unsubscribe = onEvent ? firmware.onEvent(onEvent) : () => true;
  let stopping: Promise<void> | undefined;
  return {
    socketPath,
    serial: firmware.serial,
    vidPid: `${definition.usb.vendorId}:${definition.usb.productId}`,
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
