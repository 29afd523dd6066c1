import { listSimulatedSerial, loadSerialport } from '../link/index';
import type { BoardDefinition } from '../profiles/index';
import { BOARDS, boardsForUsb } from '../profiles/index';

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
 * injectable for tests. With `env`, the simulated boards registered in that user's rendezvous directory
 * (src/link/rendezvous.ts) are listed too.
 */
export async function discoverSerialBoards(
  opts: { all?: boolean; lister?: SerialPortLister; env?: NodeJS.ProcessEnv } = {},
): Promise<DiscoveredPort[]> {
  const ports = await (opts.lister ?? loadSerialport().SerialPort).list();
  const found: DiscoveredPort[] = [];
  // Simulated boards (`tokenkit sim --serial`) sit on ptys, which udev does not list: they register in
  // the user's private rendezvous directory instead, and are found like plugged-in ones.
  if (opts.env) {
    for (const e of listSimulatedSerial(opts.env)) {
      const board = BOARDS.find((b) => b.id === e.boardId);
      found.push({
        transport: 'serial',
        path: e.path,
        vendorId: board?.usb.vendorId,
        productId: board?.usb.productId,
        serialNumber: e.serialNumber,
        manufacturer: 'tokenkit sim',
        board,
      });
    }
  }
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
