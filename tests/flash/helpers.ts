import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArduinoApplication, StartApplication } from '../../firmware-sim/avr/arduino-board';
import { createFirmware, serveFirmware, type TokenFirmware } from '../../firmware-sim/index';

/**
 * An application for the emulated Arduino that is the TypeScript token model (firmware-sim) instead of the
 * AVR image: for tests of the host's boot wait that are about the bootloader and the reset, not the C code.
 */
export function firmwareSimApplication(onBoot?: (firmware: TokenFirmware) => void): StartApplication {
  return async (): Promise<ArduinoApplication> => {
    const firmware = await createFirmware({ profile: 'code-display' });
    onBoot?.(firmware);
    const toHost = new Set<(chunk: Uint8Array) => void>();
    const fromHost = new Set<(chunk: Uint8Array) => void>();
    const server = serveFirmware(firmware, {
      write: (bytes) => {
        for (const l of toHost) l(bytes);
      },
      onData: (l) => {
        fromHost.add(l);
        return () => fromHost.delete(l);
      },
    });
    return {
      write: (bytes) => {
        for (const l of fromHost) l(bytes);
      },
      onData: (l) => {
        toHost.add(l);
        return () => toHost.delete(l);
      },
      stop: () => {
        server.stop();
        firmware.stop();
      },
    };
  };
}

/** A nonblank image: a jump at the reset vector is all the board model looks for before starting it. */
export function nonBlankImage(): Uint8Array {
  return Uint8Array.from([0x0c, 0x94, 0x34, 0x00]);
}

const SHIPPED_HEX = fileURLToPath(new URL('../../firmware/prebuilt/tokenkit-atmega328p.hex', import.meta.url));
const BUILT_HEX = fileURLToPath(new URL('../../firmware/build/avr-atmega328p/tokenkit.hex', import.meta.url));

/** The shipped firmware; until it is in the repository, the one `make -C firmware` builds (gcc-avr). */
export function firmwareHex(): string {
  if (existsSync(SHIPPED_HEX)) return SHIPPED_HEX;
  if (!existsSync(BUILT_HEX)) {
    const r = spawnSync('make', ['-C', fileURLToPath(new URL('../../firmware', import.meta.url))], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`make -C firmware failed: ${r.stderr}`);
  }
  return BUILT_HEX;
}
