import { existsSync, watch } from 'node:fs';
import { isAbsolute } from 'node:path';
import { type Clock, SystemClock } from '../../clock';
import {
  type DeviceClient,
  type DeviceInfo,
  type DiscoveredPort,
  discoverSerialBoards,
  hidBackendFor,
  openBoard,
  provisionBoard,
  watchHidBoards,
} from '../../device/index';
import { TokenkitError } from '../../errors';
import type { MessageKey, MessageParams } from '../../i18n/index';
import { getProfile } from '../../profiles/index';
import { BOARD_MESSAGES } from './messages';

export type BoardState = 'probing' | 'ready' | 'provisioning' | 'assigned' | 'unusable';

/** A board in the classroom, as the trainer console shows it. Never holds a secret. */
export interface ClassroomBoard {
  /** `serial:PATH` or `hid:PATH`: stable while the board stays plugged in. */
  id: string;
  transport: 'serial' | 'hid';
  path: string;
  /** The board definition's name (devices/boards), or undefined for a port known by path only. */
  model: string | undefined;
  state: BoardState;
  /** From HELLO, once the board answered. */
  info?: Pick<DeviceInfo, 'serial' | 'profileId' | 'mode' | 'provisioned' | 'firmwareVersion'>;
  /** What went wrong last (a message key and its values, shown in the console's language). */
  problem?: { key: MessageKey; params: MessageParams };
  /** The learner it was handed to, after a successful provisioning. */
  learnerId?: number;
}

/** The key a board gets, made where activation and login look it up (the site's PracticeTokens). */
export interface BoardKey {
  secret: Uint8Array;
  digits: number;
  periodSec: number;
}

export interface BoardRoomOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Serial ports known by path (`tokenkit sim --serial --link PATH`, the AVR emulator's pty, a board
   * without USB ids): listed while the path exists, so starting and stopping a simulator hot-plugs it.
   */
  serialPaths?: readonly string[];
  /** USB serial boards and HID boards found by discovery (default true). Off in tests. */
  discover?: boolean;
  /** Poll interval (default 1000 ms): neither serialport nor hidapi has a portable hot-plug event. */
  intervalMs?: number;
  /**
   * How often USB serial ports are enumerated when /dev shows no change (default 10 000 ms). Enumerating
   * runs `udevadm` and parses its whole database: ~40 ms and a process per call, which every second took
   * ~4 % of a core and stalled pages mid-class (docs/performance.md, "Practice site"). A device node
   * appearing in or leaving /dev triggers a scan at once (and a few more while udev settles).
   */
  rescanMs?: number;
  /** Lists the USB serial boards (default: the device layer's discoverSerialBoards, through udev). */
  listSerial?: () => Promise<DiscoveredPort[]>;
  /**
   * Calls `onChange` when a device node appears or goes (default: fs.watch on /dev); returns the function
   * that stops watching, or undefined when it cannot watch (then every poll enumerates, as before).
   */
  watchDevices?: (onChange: () => void) => (() => void) | undefined;
  /** The clock the site verifies codes with: a board is set to it before it gets its key. */
  clock?: Clock;
  /** Opens a board and says HELLO (default: the device layer's openBoard, no reconnect). */
  open?: (port: DiscoveredPort) => Promise<DeviceClient>;
}

/** A problem the trainer can act on (shown in the console); `key` is a message in boards/messages.ts. */
export class BoardRoomError extends TokenkitError {
  constructor(
    readonly problem: 'unknown-board' | 'not-ready' | 'display-board' | 'bad-path',
    key: keyof typeof BOARD_MESSAGES,
    params: MessageParams = {},
  ) {
    super(BOARD_MESSAGES, key, params);
  }
}

const problemOf = (error: unknown): { key: MessageKey; params: MessageParams } =>
  error instanceof TokenkitError
    ? { key: error.key, params: error.params }
    : { key: 'boards.problem.other', params: { detail: error instanceof Error ? error.message.slice(0, 120) : '' } };

/**
 * The boards of a classroom: serial and HID boards (real, `tokenkit sim --serial/--hid`, the AVR emulator),
 * hot-plugged by polling discovery, each asked HELLO once when it appears. `assign` provisions a board with
 * a new key (write-only: the secret goes to the board and the store, never to a page). The room holds no
 * port open between exchanges, so `tokenkit device press --port ...` still works on a listed board.
 */
export class BoardRoom {
  private readonly boards = new Map<string, ClassroomBoard>();
  private readonly ports = new Map<string, DiscoveredPort>();
  private readonly listeners = new Set<(board: ClassroomBoard, change: 'added' | 'changed' | 'removed') => void>();
  private readonly serialPaths = new Set<string>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly rescanMs: number;
  private readonly open: (port: DiscoveredPort) => Promise<DeviceClient>;
  private timer: NodeJS.Timeout | undefined;
  private stopHid: (() => void) | undefined;
  private polling: Promise<void> | undefined;
  private stopped = true;
  private stopWatch: (() => void) | undefined;
  /** The last udev enumeration, and when it ran; scans again after rescanMs, or while /dev is settling. */
  private usbPorts: DiscoveredPort[] = [];
  private lastScanMs = Number.NEGATIVE_INFINITY;
  private settlingUntilMs = 0;
  /** Probes and provisionings in flight: stop() waits for them, so no port outlives the room. */
  private readonly busy = new Set<Promise<unknown>>();

  constructor(private readonly opts: BoardRoomOptions = {}) {
    this.env = opts.env ?? process.env;
    this.clock = opts.clock ?? new SystemClock();
    this.intervalMs = opts.intervalMs ?? 1000;
    this.rescanMs = opts.rescanMs ?? 10_000;
    for (const path of opts.serialPaths ?? []) this.serialPaths.add(path);
    this.open =
      opts.open ??
      ((port) =>
        openBoard(
          port.transport === 'hid'
            ? { hid: port.path }
            : { port: port.path, ...(port.board?.baudRate ? { baudRate: port.board.baudRate } : {}) },
          { env: this.env, reconnect: false },
        ));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.opts.discover ?? true) {
      this.stopHid = watchHidBoards(
        (event) => (event.kind === 'added' ? this.added(event.port) : this.removed(`hid:${event.port.path}`)),
        { backend: hidBackendFor(this.env), intervalMs: this.intervalMs },
      );
      this.stopWatch = (this.opts.watchDevices ?? watchDevDirectory)(() => {
        // Scan soon (a burst of nodes for one plug is one scan) and on the next polls while udev settles
        // (its properties, the USB ids we match on, can lag the node by a moment).
        this.settlingUntilMs = Date.now() + DEV_SETTLE_MS;
        this.schedule(DEV_CHANGE_DELAY_MS);
      });
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopHid?.();
    this.stopWatch?.();
    this.stopWatch = undefined;
    await this.polling;
    await Promise.allSettled([...this.busy]);
  }

  list(): ClassroomBoard[] {
    return [...this.boards.values()].sort((a, b) => a.id.localeCompare(b.id)).map((b) => ({ ...b }));
  }

  get(id: string): ClassroomBoard | undefined {
    const board = this.boards.get(id);
    return board ? { ...board } : undefined;
  }

  onChange(listener: (board: ClassroomBoard, change: 'added' | 'changed' | 'removed') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watches one more serial path (the console's "add a port" form); it shows up once it exists. */
  addSerialPath(path: string): void {
    if (!isAbsolute(path) || path.length > 256 || /[\0\n]/.test(path))
      throw new BoardRoomError('bad-path', 'boards.error.badPath', { path: path.slice(0, 80) });
    this.serialPaths.add(path);
    this.schedule(0);
  }

  /** Polls once now and resolves when the boards it found have answered HELLO (for tests and the console). */
  async refresh(): Promise<void> {
    await this.poll();
    await Promise.allSettled([...this.busy]);
  }

  /**
   * Provisions the board with a key from `makeKey` (called once the board is known to be a smart token,
   * with its serial number and profile) and marks it as the learner's. If the board refuses the key,
   * `undo` is called so the key made for it goes away again. Rejects with BoardRoomError (unknown board,
   * busy, a display board) or the device layer's typed error.
   */
  async assign(
    id: string,
    learnerId: number,
    makeKey: (info: NonNullable<ClassroomBoard['info']>) => BoardKey,
    undo: (info: NonNullable<ClassroomBoard['info']>) => void = () => {},
  ): Promise<ClassroomBoard> {
    const board = this.boards.get(id);
    const port = this.ports.get(id);
    if (!board || !port) throw new BoardRoomError('unknown-board', 'boards.error.unknown');
    if ((board.state !== 'ready' && board.state !== 'assigned') || !board.info)
      throw new BoardRoomError('not-ready', 'boards.error.notReady');
    // A display board shows what its host pushes: it keeps no key of its own to log in with.
    if (board.info.mode !== 'smart') throw new BoardRoomError('display-board', 'boards.error.displayBoard');
    const info = board.info;
    this.update(board, { state: 'provisioning', problem: undefined });
    const work = (async () => {
      const key = makeKey(info);
      let client: DeviceClient | undefined;
      try {
        client = await this.open(port);
        // The board's clock decides its codes: set it to the site's before the key goes on.
        await client.setTime(Math.round(this.clock.nowMs()), { force: true });
        await provisionBoard(client, {
          kind: 'totp',
          secret: key.secret,
          algorithm: 'sha1',
          digits: key.digits,
          periodSec: key.periodSec,
          t0Sec: 0,
        });
        this.update(board, { state: 'assigned', learnerId, info: { ...info, provisioned: true } });
      } catch (error) {
        undo(info);
        this.update(board, { state: 'ready', problem: problemOf(error), learnerId: undefined });
        throw error;
      } finally {
        await client?.close();
      }
    })();
    this.track(work);
    await work;
    return { ...board };
  }

  // --- internals -----------------------------------------------------------------------------------

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        this.schedule(this.intervalMs);
      });
    }, delayMs);
  }

  private async poll(): Promise<void> {
    const found: DiscoveredPort[] = [];
    if (this.opts.discover ?? true) {
      const now = Date.now();
      if (!this.stopWatch || now >= this.lastScanMs + this.rescanMs || now < this.settlingUntilMs) {
        this.lastScanMs = now;
        try {
          this.usbPorts = await (this.opts.listSerial ?? discoverSerialBoards)();
        } catch {
          // udev missing or not readable: the paths below still work; the next scan tries again.
          this.usbPorts = [];
        }
      }
      found.push(...this.usbPorts);
    }
    for (const path of this.serialPaths) {
      if (!existsSync(path) || found.some((p) => p.path === path)) continue;
      found.push({
        transport: 'serial',
        path,
        vendorId: undefined,
        productId: undefined,
        serialNumber: undefined,
        manufacturer: undefined,
        board: undefined,
      });
    }
    if (this.stopped) return;
    const ids = new Set(found.map((p) => `serial:${p.path}`));
    for (const [id, board] of this.boards) if (board.transport === 'serial' && !ids.has(id)) this.removed(id);
    for (const port of found) if (!this.boards.has(`serial:${port.path}`)) this.added(port);
  }

  private added(port: DiscoveredPort): void {
    const id = `${port.transport}:${port.path}`;
    const board: ClassroomBoard = {
      id,
      transport: port.transport,
      path: port.path,
      model: port.board?.name,
      state: 'probing',
    };
    this.boards.set(id, board);
    this.ports.set(id, port);
    this.emit(board, 'added');
    this.track(this.probe(board, port));
  }

  private removed(id: string): void {
    const board = this.boards.get(id);
    if (!board) return;
    this.boards.delete(id);
    this.ports.delete(id);
    this.emit(board, 'removed');
  }

  private async probe(board: ClassroomBoard, port: DiscoveredPort): Promise<void> {
    let client: DeviceClient | undefined;
    try {
      client = await this.open(port);
      const { serial, profileId, mode, provisioned, firmwareVersion } = client.info;
      // A board whose profile this tokenkit does not know cannot be handed out as a code display.
      getProfile(profileId);
      if (this.boards.get(board.id) === board)
        this.update(board, { state: 'ready', info: { serial, profileId, mode, provisioned, firmwareVersion } });
    } catch (error) {
      if (this.boards.get(board.id) === board) this.update(board, { state: 'unusable', problem: problemOf(error) });
    } finally {
      await client?.close().catch(() => {});
    }
  }

  private update(board: ClassroomBoard, patch: Partial<ClassroomBoard>): void {
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete (board as unknown as Record<string, unknown>)[k];
      else (board as unknown as Record<string, unknown>)[k] = v;
    }
    if (this.boards.get(board.id) === board) this.emit(board, 'changed');
  }

  private emit(board: ClassroomBoard, change: 'added' | 'changed' | 'removed'): void {
    for (const listener of [...this.listeners]) {
      try {
        listener({ ...board }, change);
      } catch {
        // One listener (a closed console stream) must not stop the others.
      }
    }
  }

  private track(work: Promise<unknown>): void {
    const settled = work.catch(() => {});
    this.busy.add(settled);
    void settled.then(() => this.busy.delete(settled));
  }
}

/** After a change in /dev: how soon to scan, and how long to keep scanning on every poll. */
const DEV_CHANGE_DELAY_MS = 200;
const DEV_SETTLE_MS = 3000;

/** fs.watch on /dev (inotify on Linux): device nodes of USB serial boards come and go there. */
function watchDevDirectory(onChange: () => void): (() => void) | undefined {
  try {
    const watcher = watch('/dev', { persistent: false }, () => onChange());
    let closed = false;
    const close = () => {
      if (!closed) watcher.close();
      closed = true;
    };
    // A watcher that fails later just stops; the fallback rescan still finds boards, more slowly.
    watcher.on('error', close);
    return close;
  } catch {
    return undefined;
  }
}
