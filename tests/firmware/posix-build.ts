import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readyLine } from '../helpers/process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIRMWARE_DIR = `${ROOT}firmware`;
export const POSIX_BINARY = `${FIRMWARE_DIR}/build/posix/tokenkit-posix`;

const built = new Set<string>();

/**
 * Runs `make -C firmware TARGET` once per test process (make is incremental, so this is quick when nothing
 * changed). Throws with make's output when the build fails.
 */
export function buildFirmware(target: 'posix' | 'avr' | 'all' = 'posix'): void {
  if (built.has(target)) return;
  const result = spawnSync('make', ['-s', '-C', FIRMWARE_DIR, target], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`make -C firmware ${target} failed:\n${result.stdout}${result.stderr}`);
  built.add(target);
}

/** Starts the posix build with `args`; resolves with the process and its serial once it prints its ready line. */
export async function spawnPosixFirmware(
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; serial: string }> {
  buildFirmware('posix');
  // The sanitizers must not make a leak report the exit status of a board the test killed.
  const child = spawn(POSIX_BINARY, args, { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
  const serial = (await readyLine(child, 'tokenkit-posix', /tokenkit-posix ready serial=(\d+)/))[1]!;
  return { child, serial };
}
