import { createFirmware, serveFirmware } from '../../firmware-sim/index';
import { MemoryLink } from '../../src/link/memory-link';
import { createDeviceTests } from './device-tests';

// The simulator in-process over a MemoryLink that splits every write into 7-byte chunks, so frame
// reassembly on both sides is exercised.
createDeviceTests({
  name: 'firmware-sim over MemoryLink',
  startsUnprovisioned: true,
  connect: async () => {
    const [host, board] = MemoryLink.pair({ maxChunkBytes: 7 });
    const firmware = await createFirmware({ profile: 'code-display' });
    const server = serveFirmware(firmware, board);
    return {
      link: host,
      teardown: async () => {
        server.stop();
        firmware.stop();
        await host.close();
      },
    };
  },
});
