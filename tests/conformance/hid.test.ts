import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFirmware, serveFirmware } from '../../firmware-sim/index';
import { HidFakeBus } from '../../src/link/hid-fake';
import { HidLink } from '../../src/link/hid-link';
import { CombinedHidBackend, serveHidSocket } from '../../src/link/hid-socket';
import { BOARDS } from '../../src/profiles/builtin';
import { createDeviceTests } from './device-tests';

// The simulator as a USB HID board: firmware-sim behind the in-process HID bus (node-hid's shape), reached
// through HidLink exactly as a real board: packetiser, reassembler, report ids, then the same frame codec.
createDeviceTests({
  name: 'firmware-sim over HidLink (in-process HID bus)',
  startsUnprovisioned: true,
  connect: async () => {
    const definition = BOARDS.find((b) => b.id === 'tokenkit-hid')!;
    const bus = new HidFakeBus();
    const board = bus.addBoard({
      vendorId: parseInt(definition.usb.vendorId, 16),
      productId: parseInt(definition.usb.productId, 16),
      usagePage: parseInt(definition.usb.usagePage!, 16),
      serialNumber: 'SIM-HID-1',
    });
    const firmware = await createFirmware({ profile: definition.profile });
    const server = serveFirmware(firmware, board.port);
    // Open by VID:PID + usage page, as `--hid 1209:0002` does.
    const link = await HidLink.open(
      { vendorId: board.info.vendorId, productId: board.info.productId, usagePage: board.info.usagePage! },
      { backend: bus },
    );
    return {
      link,
      teardown: async () => {
        server.stop();
        firmware.stop();
        await link.close();
      },
    };
  },
});

// The same board behind a Unix socket carrying 64-byte reports (what `tokenkit sim --hid` serves to other
// processes), reached through the socket backend: the cross-process HID path.
createDeviceTests({
  name: 'firmware-sim behind a HID report socket (tokenkit sim --hid path)',
  startsUnprovisioned: true,
  connect: async () => {
    const definition = BOARDS.find((b) => b.id === 'tokenkit-hid')!;
    const bus = new HidFakeBus();
    const board = bus.addBoard({
      vendorId: parseInt(definition.usb.vendorId, 16),
      productId: parseInt(definition.usb.productId, 16),
      usagePage: parseInt(definition.usb.usagePage!, 16),
    });
    const firmware = await createFirmware({ profile: definition.profile });
    const server = serveFirmware(firmware, board.port);
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-hidsock-'));
    const socket = await serveHidSocket(bus, board, join(dir, 'board.sock'));
    const link = await HidLink.open(socket.path, { backend: new CombinedHidBackend({ dir }) });
    return {
      link,
      teardown: async () => {
        await link.close();
        await socket.close();
        server.stop();
        firmware.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
