import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readyLine } from '../helpers/process';
import { ROOT } from './avr-build';

/** dist/firmware-avr.js (built by tsup, which `npm test` runs before vitest). */
export const FIRMWARE_AVR_JS = join(ROOT, 'dist/firmware-avr.js');

/** Spawns dist/firmware-avr.js with `args`; resolves with the process and serial once it prints its ready line. */
export async function spawnFirmwareAvr(
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; serial: string }> {
  if (!existsSync(FIRMWARE_AVR_JS)) throw new Error(`${FIRMWARE_AVR_JS} is missing: run npx tsup first`);
  const child = spawn(process.execPath, [FIRMWARE_AVR_JS, ...args], { cwd: ROOT });
  const serial = (await readyLine(child, 'firmware-avr', /firmware-avr ready serial=(\S+)/))[1]!;
  return { child, serial };
}
