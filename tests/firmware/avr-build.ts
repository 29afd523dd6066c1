import { fileURLToPath } from 'node:url';
import { type AvrBoard, readIntelHexFile } from '../../firmware-sim/avr/index';
import { hasTool } from '../helpers/tools';
import { buildFirmware, FIRMWARE_DIR } from './posix-build';

export const AVR_HEX = `${FIRMWARE_DIR}/build/avr-atmega328p/tokenkit.hex`;
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Whether the AVR toolchain is here (CI: required; locally: skip naming the Debian packages). */
export function hasAvrToolchain(): boolean {
  return hasTool('avr-gcc', 'gcc-avr') && hasTool('make', 'make');
}

let image: Uint8Array | undefined;

/** The companion firmware built from this tree (`make -C firmware avr`, incremental), as a program image. */
export function companionFirmware(): Uint8Array {
  if (!image) {
    buildFirmware('avr');
    image = readIntelHexFile(AVR_HEX);
  }
  return image;
}

/**
 * Lets an unpaced board run on its own in virtual time, as fast as the host allows, while a test talks
 * to it through a DeviceClient (whose reply timeouts are wall-clock). Board time may run ahead of the
 * wall clock by at most `maxLeadMs`, so an idle board does not race through hours of display timeouts.
 * Resolves when the board is closed.
 */
export async function runFree(board: AvrBoard, maxLeadMs = 2_000): Promise<void> {
  const wallStart = performance.now();
  const boardStart = board.boardTimeMs();
  while (!board.isClosed) {
    const leadMs = board.boardTimeMs() - boardStart - (performance.now() - wallStart);
    if (leadMs > maxLeadMs) {
      await new Promise((r) => setTimeout(r, 5));
      continue;
    }
    try {
      await board.runFor(2);
    } catch (error) {
      if (board.isClosed) return;
      throw error;
    }
  }
}
