import { loadSerialport } from '../link/index';
import type { BoardDefinition } from '../profiles/index';
import { boardsForUsb } from '../profiles/index';

/** A port found by discovery. `board` is set when its USB ids match a board in devices/. */
export interface DiscoveredPort {
  transport: 'serial' | 'hid';
  path: string;
  vendorId: string | undefined;
  productId: string | undefined;
  serialNumber: string | undefined;
  manufacturer: string | undefined;
  board: BoardDefinition | undefined;
}

export interface SerialPortLister {
  list(): Promise<
    { path: string; vendorId?: string; productId?: string; serialNumber?: string; manufacturer?: string }[]
  >;
}

/**
 * Serial ports whose USB vendor/product id matches a board in devices/ (SerialPort.list(), which on Linux
 * reads udev through udevadm). With `all`, every serial port is listed, matched or not. `lister` is
 * injectable for tests.
 */
export async function discoverSerialBoards(
  opts: { all?: boolean; lister?: SerialPortLister } = {},
): Promise<DiscoveredPort[]> {
  const ports = await (opts.lister ?? loadSerialport().SerialPort).list();
  const found: DiscoveredPort[] = [];
  for (const p of ports) {
    const board = boardsForUsb(p.vendorId, p.productId, 'serial')[0];
    if (!board && !opts.all) continue;
    found.push({
      transport: 'serial',
      path: p.path,
      vendorId: p.vendorId?.toLowerCase(),
      productId: p.productId?.toLowerCase(),
      serialNumber: p.serialNumber,
      manufacturer: p.manufacturer,
      board,
    });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
