import { TokenkitError } from '../errors';
import {
  CombinedHidBackend,
  HidError,
  HidLink,
  type HidTarget,
  hidSocketDir,
  LINK_TEXTS,
  type LinkKey,
  type LinkOpener,
  parseHidTarget,
  SerialLink,
} from '../link/index';
import { boardsForUsb } from '../profiles/index';
import { bootMsForPort, bootMsForUsb, bootWaitOpener } from './boot-wait';
import { DeviceClient, type DeviceClientOptions } from './device-client';
import { type DiscoveredPort, discoverSerialBoards } from './discovery';
import { DEVICE_TEXTS, type DeviceKey, NoBoardError } from './errors';
import { discoverHidBoards } from './hid-discovery';

export type BoardTargetProblem = 'port-and-hid' | 'empty-port' | 'several-boards' | 'bad-hid-target';

/** The board a caller named cannot be chosen as given (bad input, exit 2): nothing was opened. */
export class BoardTargetError extends TokenkitError {
  constructor(
    readonly problem: BoardTargetProblem,
    key: DeviceKey | LinkKey,
    params: Record<string, string> = {},
  ) {
    // A malformed HID target is said in the link layer's words (hid.error.badTarget).
    super({ ...DEVICE_TEXTS, ...LINK_TEXTS }, key, params);
  }
}

/** Which board to open: a serial port, a HID path or VID:PID, or (neither) the only board found. */
export interface BoardTarget {
  port?: string;
  hid?: string;
  /** Serial only; default the board definition's rate, else 115200. */
  baudRate?: number;
  /**
   * Serial only: the board resets when its port opens; say HELLO for this long before giving up
   * (devices/boards bootMs). Default: the boot time of the board the port's USB ids say it is, else none.
   */
  bootMs?: number;
}

/** node-hid plus `tokenkit sim --hid` sockets (in the user's private rendezvous directory). */
export function hidBackendFor(env: NodeJS.ProcessEnv): CombinedHidBackend {
  return new CombinedHidBackend({ dir: hidSocketDir(env) });
}

/**
 * The LinkOpener for a HID target. A VID:PID that matches a board in devices/ also uses its usage page, so
 * the vendor interface of a composite device is chosen. A malformed target is BoardTargetError (exit 2).
 */
export function hidOpener(target: string, env: NodeJS.ProcessEnv): LinkOpener {
  let parsed: HidTarget;
  try {
    parsed = parseHidTarget(target);
  } catch (error) {
    if (error instanceof HidError) throw new BoardTargetError('bad-hid-target', 'hid.error.badTarget', { target });
    throw error;
  }
  if (!('path' in parsed)) {
    const [board] = boardsForUsb(parsed.vendorId.toString(16), parsed.productId.toString(16), 'hid');
    if (board?.usb.usagePage) parsed.usagePage = parseInt(board.usb.usagePage, 16);
  }
  return HidLink.opener(parsed, { backend: hidBackendFor(env) });
}

/** Serial and HID boards (real and simulated), for `device list` and for choosing the only board. */
export async function discoverBoards(env: NodeJS.ProcessEnv, all = false): Promise<DiscoveredPort[]> {
  return [
    ...(await discoverSerialBoards({ all, env })),
    ...(await discoverHidBoards({ backend: hidBackendFor(env), all })),
  ];
}

/** The one board discovery finds; NoBoardError for none, BoardTargetError naming the candidates for several. */
export async function onlyBoard(env: NodeJS.ProcessEnv): Promise<DiscoveredPort> {
  const boards = await discoverBoards(env);
  if (boards.length === 0) throw new NoBoardError();
  if (boards.length > 1)
    throw new BoardTargetError('several-boards', 'device.target.error.severalBoards', {
      paths: boards.map((b) => b.path).join(', '),
    });
  return boards[0]!;
}

/**
 * Opens the board a target names (or the only one found) and says HELLO. Every check on the target is
 * made before any port is touched.
 */
export async function openBoard(
  target: BoardTarget,
  opts: DeviceClientOptions & { env?: NodeJS.ProcessEnv } = {},
): Promise<DeviceClient> {
  const { env = process.env, ...clientOpts } = opts;
  if (target.hid !== undefined) {
    if (target.port !== undefined) throw new BoardTargetError('port-and-hid', 'device.target.error.portAndHid');
    return DeviceClient.open(hidOpener(target.hid, env), clientOpts);
  }
  let path = target.port;
  let baudRate = target.baudRate;
  let bootMs = target.bootMs;
  if (path !== undefined && path.trim() === '')
    throw new BoardTargetError('empty-port', 'device.target.error.emptyPort');
  if (path === undefined) {
    const board = await onlyBoard(env);
    if (board.transport === 'hid') return DeviceClient.open(hidOpener(board.path, env), clientOpts);
    path = board.path;
    baudRate ??= board.board?.baudRate ?? undefined;
    bootMs ??= bootMsForUsb(board.vendorId, board.productId);
  } else {
    bootMs ??= await bootMsForPort(path);
  }
  const opener = SerialLink.opener(path, baudRate ? { baudRate } : {});
  // A board that resets on open (an Arduino's DTR) is in its bootloader for a while: wait, don't fail.
  return DeviceClient.open(bootMs ? bootWaitOpener(opener, { bootMs }) : opener, clientOpts);
}

/** Runs `work` with an open client (no reconnect) and always closes it. */
export async function withBoard<T>(
  target: BoardTarget,
  opts: DeviceClientOptions & { env?: NodeJS.ProcessEnv },
  work: (client: DeviceClient) => Promise<T>,
): Promise<T> {
  const client = await openBoard(target, { reconnect: false, ...opts });
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}
