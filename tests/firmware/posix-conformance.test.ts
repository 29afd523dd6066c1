import { describe } from 'vitest';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { createDeviceTests } from '../conformance/device-tests';
import { hasTool } from '../helpers/tools';
import { spawnPosixFirmware } from './posix-build';

// The C firmware core built for the host (firmware/posix, with ASan and UBSan) on one end of a socat pty
// pair, the host on the other through serialport: the same suite the TypeScript model answers to.
describe.skipIf(!hasTool('socat', 'socat') || !hasTool('cc', 'gcc') || !hasTool('make', 'make'))(
  'C firmware (posix build) over a socat pty',
  () => {
    createDeviceTests({
      name: 'C firmware posix build on a pty through serialport',
      startsUnprovisioned: true,
      connect: async () => {
        const pair = await startPtyPair();
        const { child } = await spawnPosixFirmware(['--tty', pair.boardPath]);
        const host = await SerialLink.open(pair.hostPath);
        return {
          link: host,
          teardown: async () => {
            await host.close();
            child.kill('SIGTERM');
            await pair.stop();
          },
        };
      },
    });
  },
);
