import { spawnSync } from 'node:child_process';

/**
 * Whether node-hid's native binding loads here (its Linux prebuild links libudev1 and libusb-1.0-0).
 * Like hasTool: missing in CI (CI=true) throws, so the test file fails with the fix; locally it warns and
 * the caller skips. Checked in a child process so a missing library can't take the test worker down.
 */
export function nodeHidLoads(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "require('node-hid').devicesAsync().then(() => console.log('ok'), (e) => { console.log(e.message); process.exit(1); })",
    ],
    {
      encoding: 'utf8',
      cwd: process.cwd(),
    },
  );
  if (probe.status === 0 && probe.stdout.trim() === 'ok') return true;
  const message = `node-hid cannot load (${(probe.stdout || probe.stderr).trim().split('\n')[0]}): install the Debian packages libusb-1.0-0 and libudev1 (apt-get install libusb-1.0-0 libudev1)`;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`${message}; it is required in CI`);
  console.warn(`skipping: ${message}`);
  return false;
}
