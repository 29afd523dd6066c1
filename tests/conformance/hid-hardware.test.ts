import { describe } from 'vitest';
import { HidLink } from '../../src/link/hid-link';
import { createDeviceTests } from './device-tests';

const target = process.env.TOKENKIT_TEST_HID;
if (!target)
  console.warn(
    'skipping the real HID board conformance run: set TOKENKIT_TEST_HID=/dev/hidraw0 or 1209:0002 (the suite provisions a test secret)',
  );

// A real USB HID board through node-hid (hidraw on Linux). It must be in smart-token mode; its secret is
// overwritten. Permission denied means the udev rule is missing: see docs/hardware.md.
describe.skipIf(!target)(`real HID board at ${target ?? '(TOKENKIT_TEST_HID unset)'}`, () => {
  createDeviceTests({
    name: `real HID board at ${target}`,
    timeoutMs: 3000,
    connect: async () => {
      const link = await HidLink.open(target!);
      return { link, teardown: async () => link.close() };
    },
  });
});
