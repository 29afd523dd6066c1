import { describe, expect, it } from 'vitest';
import { discoverSerialBoards } from '../../src/device/index';
import { runCli } from '../helpers/cli';

const PORTS = [
  {
    path: '/dev/ttyACM1',
    vendorId: '2E8A',
    productId: '000A',
    serialNumber: 'E66118604B',
    manufacturer: 'Raspberry Pi',
  },
  { path: '/dev/ttyACM0', vendorId: '1209', productId: '0001', serialNumber: 'TK1' },
  { path: '/dev/ttyUSB0', vendorId: '10C4', productId: 'EA60' }, // a CP2102 cable: not a board
  { path: '/dev/ttyUSB1', vendorId: '0403', productId: '6001' }, // FT232: a Nano 3 (devices/boards/nano.json)
  { path: '/dev/ttyS0' },
];

describe('discovery by the USB ids in devices/', () => {
  it('lists only known boards, sorted by path, with their board definition', async () => {
    const found = await discoverSerialBoards({ lister: { list: async () => PORTS } });
    expect(found.map((p) => [p.path, p.board?.id, p.vendorId, p.productId])).toEqual([
      ['/dev/ttyACM0', 'tokenkit-serial', '1209', '0001'],
      ['/dev/ttyACM1', 'pico-cdc', '2e8a', '000a'],
      ['/dev/ttyUSB1', 'nano', '0403', '6001'],
    ]);
  });

  it('with all, unknown ports too (board undefined)', async () => {
    const found = await discoverSerialBoards({ all: true, lister: { list: async () => PORTS } });
    expect(found).toHaveLength(5);
    expect(found.find((p) => p.path === '/dev/ttyUSB0')?.board).toBeUndefined();
  });

  it('tokenkit device list --json runs SerialPort.list() (udevadm) for real and prints a JSON list', async () => {
    const r = await runCli(['device', 'list', '--all', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { transport: string; path: string }[];
    expect(Array.isArray(list)).toBe(true);
    for (const p of list) expect(['serial', 'hid']).toContain(p.transport);
  });
});
