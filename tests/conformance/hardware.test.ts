import { describe } from 'vitest';
import { SerialLink } from '../../src/link/serial-link';
import { createDeviceTests } from './device-tests';

const port = process.env.TOKENKIT_TEST_PORT;
if (!port)
  console.warn(
    'skipping the real-board conformance run: set TOKENKIT_TEST_PORT=/dev/ttyACM0 (the suite provisions a test secret)',
  );

// A real board on a serial port. It must be in smart-token mode; its secret is overwritten.
describe.skipIf(!port)(`real board on ${port ?? '(TOKENKIT_TEST_PORT unset)'}`, () => {
  createDeviceTests({
    name: `real board on ${port}`,
    timeoutMs: 3000,
    connect: async () => {
      const link = await SerialLink.open(port!, { baudRate: Number(process.env.TOKENKIT_TEST_BAUD ?? 115200) });
      return { link, teardown: async () => link.close() };
    },
  });
});
