import { describe } from 'vitest';
import { createFirmware, serveFirmware } from '../../firmware-sim/index';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { hasTool } from '../helpers/tools';
import { createDeviceTests } from './device-tests';

// The simulator on one end of a real socat pty pair; the suite talks to the other end through
// serialport, exactly as to a USB CDC board.
describe.skipIf(!hasTool('socat', 'socat'))('over a socat pty', () => {
  createDeviceTests({
    name: 'firmware-sim on a pty through serialport',
    startsUnprovisioned: true,
    connect: async () => {
      const pair = await startPtyPair();
      const boardLink = await SerialLink.open(pair.boardPath, { lock: false });
      const firmware = await createFirmware({ profile: 'code-display' });
      const server = serveFirmware(firmware, boardLink);
      const host = await SerialLink.open(pair.hostPath);
      return {
        link: host,
        teardown: async () => {
          server.stop();
          firmware.stop();
          await host.close();
          await boardLink.close();
          await pair.stop();
        },
      };
    },
  });
});
