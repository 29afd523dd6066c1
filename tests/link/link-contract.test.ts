import { HidFakeBus } from '../../src/link/hid-fake';
import { HidLink } from '../../src/link/hid-link';
import { MemoryLink } from '../../src/link/memory-link';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { TrafficLink } from '../../src/link/traffic';
import { hasTool } from '../helpers/tools';
import { createLinkTests } from './link-contract';

createLinkTests('MemoryLink', async () => {
  const [link, board] = MemoryLink.pair({ maxChunkBytes: 64 });
  return { link, peer: { ...bind(board), disconnect: () => board.disconnect() }, teardown: () => link.close() };
});

createLinkTests('TrafficLink over a MemoryLink', async () => {
  const [host, board] = MemoryLink.pair();
  const lines: string[] = [];
  const link = new TrafficLink(host, (l) => lines.push(l));
  return { link, peer: { ...bind(board), disconnect: () => board.disconnect() }, teardown: () => link.close() };
});

createLinkTests('HidLink on the in-process HID bus', async () => {
  const bus = new HidFakeBus();
  const board = bus.addBoard({ vendorId: 0x1209, productId: 0x0002, usagePage: 0xff00 });
  const link = await HidLink.open(board.info.path, { backend: bus });
  return {
    link,
    peer: { write: (b) => board.port.write(b), onData: (l) => board.port.onData(l), disconnect: () => board.unplug() },
    teardown: () => link.close(),
  };
});

if (hasTool('socat', 'socat')) {
  createLinkTests('SerialLink on a socat pty', async () => {
    const pair = await startPtyPair();
    const board = await SerialLink.open(pair.boardPath, { lock: false });
    const link = await SerialLink.open(pair.hostPath, { presenceCheckMs: 50 });
    return {
      link,
      peer: {
        write: (b) => board.write(b),
        onData: (l) => board.onData(l),
        // The board side closing and socat going away, as when `tokenkit sim --serial` is killed.
        disconnect: async () => {
          await board.close();
          await pair.stop();
        },
      },
      teardown: async () => {
        await link.close();
        await board.close();
        await pair.stop();
      },
    };
  });
}

function bind(link: MemoryLink) {
  return { write: (b: Uint8Array) => link.write(b), onData: (l: (c: Uint8Array) => void) => link.onData(l) };
}
