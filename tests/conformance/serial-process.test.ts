import { describe } from 'vitest';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { spawnFirmwareSim } from '../firmware-sim/firmware-process';
import { hasTool } from '../helpers/tools';
import { createDeviceTests } from './device-tests';

// firmware-sim as its own process (firmware-sim/main.ts, what `dist/firmware-sim.js` runs) on one end of
// a socat pty pair: its tty I/O path is the process's own, not SerialLink's, so it answers to the suite too.
describe.skipIf(!hasTool('socat', 'socat'))('firmware-sim process over a socat pty', () => {
  createDeviceTests({
    name: 'firmware-sim process on a pty through serialport',
    startsUnprovisioned: true,
    connect: async () => {
      const pair = await startPtyPair();
      const board = await spawnFirmwareSim(['--tty', pair.boardPath]);
      const host = await SerialLink.open(pair.hostPath);
      return {
        link: host,
        teardown: async () => {
          await host.close();
          board.kill('SIGTERM');
          await pair.stop();
        },
      };
    },
  });
});
