import { spawnSync } from 'node:child_process';

/**
 * Whether an external program the test needs is installed. Missing in CI (CI=true): throws, so the test
 * file fails. Missing locally: warns with the Debian package to install, and the caller skips.
 *   describe.skipIf(!hasTool('socat', 'socat'))('over a pty', () => { ... })
 */
export function hasTool(bin: string, debianPackage: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0;
  if (found) return true;
  const message = `${bin} is not installed: install the Debian package '${debianPackage}' (apt-get install ${debianPackage})`;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`${message}; it is required in CI`);
  console.warn(`skipping: ${message}`);
  return false;
}
