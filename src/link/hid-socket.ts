import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { HID_REPORT_BYTES, NODE_HID_REPORT_ID } from '../protocol/index';
import type { HidFakeBoard, HidFakeBus } from './hid-fake';
import { type HidBackend, type HidDeviceHandle, type HidDeviceInfo, loadNodeHid } from './hid-link';
import { checkRendezvousDir, rendezvousDirPath } from './rendezvous';

/*
 * HID reports over a local (Unix domain) socket: how `tokenkit sim --hid` is reached from another process.
 * No kernel HID device can be created on machines without uhid/uinput, so the simulator's board is put
 * behind a socket that carries exactly what hidraw would: fixed 64-byte reports each way.
 *
 * Stream format: the server first sends one line of JSON (the device info, `{"tokenkit":"hid-socket",
 * "version":1, vendorId, productId, usagePage, usage, serialNumber, product, manufacturer, reportBytes}`)
 * ended by "\n"; after that both directions are back-to-back reports of `reportBytes` (64) bytes, without
 * report id. The client side is a HidBackend in node-hid's shape, so HidLink runs unchanged on it.
 */

export const HID_SOCKET_MAGIC = 'hid-socket';
const HEADER_LIMIT_BYTES = 4096;

/**
 * Where `tokenkit sim --hid` puts its socket by default, and where discovery looks: the user's private
 * rendezvous directory (src/link/rendezvous.ts), never a shared one.
 */
export function hidSocketDir(env: NodeJS.ProcessEnv = process.env): string {
  return rendezvousDirPath(env);
}

/** True when `path` is a Unix socket (a `tokenkit sim --hid` board) rather than a hidraw node. */
export function isSocketPath(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return false;
  }
}

interface SocketHeader extends HidDeviceInfo {
  tokenkit: string;
  version: number;
  reportBytes: number;
}

/** A node-hid HIDAsync-shaped handle on a socket board. 'error' when the simulator goes away. */
export class HidSocketDevice extends EventEmitter implements HidDeviceHandle {
  private pending: Buffer = Buffer.alloc(0);
  private closed = false;
  private socketClosed = false;

  private constructor(
    private readonly socket: Socket,
    readonly info: HidDeviceInfo,
    private readonly reportBytes: number,
    rest: Buffer,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => {
      this.socketClosed = true;
      if (!this.closed && this.listenerCount('error') > 0)
        this.emit('error', new Error(`could not read from HID device ${info.path}: No such device`));
      this.closed = true;
    });
    socket.on('error', () => undefined); // 'close' follows and reports it
    if (rest.length > 0) queueMicrotask(() => this.receive(rest));
  }

  /** Connects and reads the device header. Errors use hidapi's wording (so HidLink classifies them alike). */
  static connect(path: string, timeoutMs = 2000): Promise<HidSocketDevice> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(path);
      let buffered = Buffer.alloc(0);
      const fail = (message: string) => {
        cleanup();
        socket.destroy();
        reject(new Error(`cannot open device with path ${path}: ${message}`));
      };
      const timer = setTimeout(() => fail('no device header (is this a tokenkit sim --hid socket?)'), timeoutMs);
      const onError = (error: NodeJS.ErrnoException) => {
        const why =
          error.code === 'ENOENT'
            ? 'No such file or directory'
            : error.code === 'EACCES'
              ? 'Permission denied'
              : error.code === 'ECONNREFUSED'
                ? 'No such device (the simulator is gone)'
                : error.message;
        fail(why);
      };
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        const nl = buffered.indexOf(0x0a);
        if (nl < 0) {
          if (buffered.length > HEADER_LIMIT_BYTES) fail('not a tokenkit HID socket');
          return;
        }
        let header: SocketHeader;
        try {
          header = JSON.parse(buffered.subarray(0, nl).toString('utf8')) as SocketHeader;
        } catch {
          return fail('not a tokenkit HID socket');
        }
        if (header.tokenkit !== HID_SOCKET_MAGIC || header.version !== 1 || header.reportBytes !== HID_REPORT_BYTES)
          return fail('unsupported HID socket header');
        cleanup();
        const info: HidDeviceInfo = {
          vendorId: header.vendorId,
          productId: header.productId,
          path,
          serialNumber: header.serialNumber,
          manufacturer: header.manufacturer,
          product: header.product,
          release: header.release ?? 0,
          interface: header.interface ?? 0,
          usagePage: header.usagePage,
          usage: header.usage,
        };
        resolve(new HidSocketDevice(socket, info, header.reportBytes, buffered.subarray(nl + 1)));
      };
      const cleanup = () => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onError);
      };
      socket.on('data', onData);
      socket.on('error', onError);
    });
  }

  write(values: number[] | Buffer): Promise<number> {
    if (this.closed) return Promise.reject(new Error('Cannot write to closed device'));
    const data = Buffer.isBuffer(values) ? values : Buffer.from(values);
    if (data[0] !== NODE_HID_REPORT_ID || data.length > this.reportBytes + 1) {
      return Promise.reject(new Error('write 0x00 (report id) followed by at most one 64-byte report'));
    }
    const report = Buffer.alloc(this.reportBytes);
    data.copy(report, 0, 1);
    return new Promise((resolve, reject) => {
      this.socket.write(report, (error) => (error ? reject(error) : resolve(data.length)));
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.removeAllListeners();
    // Called from an 'error' listener while the socket is already closing: nothing left to wait for.
    if (this.socketClosed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.destroy();
    });
  }

  async getDeviceInfo(): Promise<HidDeviceInfo> {
    return { ...this.info };
  }

  private receive(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    while (this.pending.length - at >= this.reportBytes) {
      const report = Buffer.from(this.pending.subarray(at, at + this.reportBytes));
      at += this.reportBytes;
      if (!this.closed) this.emit('data', report);
    }
    this.pending = at === 0 ? this.pending : Buffer.from(this.pending.subarray(at));
  }
}

export interface HidSocketBackendOptions {
  /** Sockets to list besides those found in `dir`. */
  paths?: string[];
  /**
   * Directory scanned for `*.sock` (default hidSocketDir()). It must pass `checkRendezvousDir` (this
   * user's, not writable by others): otherwise `devicesAsync` rejects with RendezvousDirError.
   */
  dir?: string;
}

/** Socket boards as a HidBackend: `devicesAsync` lists the simulators listening in `dir`. */
export class HidSocketBackend implements HidBackend {
  readonly HIDAsync = { open: (path: string) => HidSocketDevice.connect(path) };
  constructor(private readonly opts: HidSocketBackendOptions = {}) {}

  async devicesAsync(): Promise<HidDeviceInfo[]> {
    const dir = this.opts.dir ?? hidSocketDir();
    const candidates = new Set(this.opts.paths ?? []);
    // A board in a directory others can write to could be anyone's: refused, not listed.
    if (checkRendezvousDir(dir)) {
      try {
        for (const name of readdirSync(dir)) if (name.endsWith('.sock')) candidates.add(join(dir, name));
      } catch {
        // gone meanwhile: no simulators
      }
    }
    const infos: HidDeviceInfo[] = [];
    for (const path of candidates) {
      try {
        const device = await HidSocketDevice.connect(path, 500);
        infos.push(device.info);
        await device.close();
      } catch {
        // a stale socket (its simulator was killed) or something else: not a board
      }
    }
    return infos;
  }
}

/**
 * node-hid plus socket boards: what the CLI uses. Paths that are Unix sockets open through the socket
 * backend, anything else through node-hid. If node-hid cannot load, socket boards still work and
 * `nodeHidError` tells why real boards are missing.
 */
export class CombinedHidBackend implements HidBackend {
  nodeHidError: unknown;
  readonly HIDAsync = {
    open: async (path: string): Promise<HidDeviceHandle> =>
      isSocketPath(path) ? this.sockets.HIDAsync.open(path) : (await loadNodeHid()).HIDAsync.open(path),
  };
  private readonly sockets: HidSocketBackend;
  constructor(opts: HidSocketBackendOptions = {}) {
    this.sockets = new HidSocketBackend(opts);
  }

  async devicesAsync(): Promise<HidDeviceInfo[]> {
    let real: HidDeviceInfo[] = [];
    try {
      real = await (await loadNodeHid()).devicesAsync();
    } catch (error) {
      this.nodeHidError = error;
    }
    return [...real, ...(await this.sockets.devicesAsync())];
  }
}

export interface HidSocketServer {
  readonly path: string;
  /** Connected host processes right now. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * Serves a fake-bus board on a Unix socket (the `tokenkit sim --hid` side). Each connection is one open
 * handle on the board (like opening /dev/hidraw*); several may be open, as with hidraw. A stale socket
 * file left by a killed simulator is replaced; a live one is an error (EADDRINUSE).
 */
export async function serveHidSocket(bus: HidFakeBus, board: HidFakeBoard, path: string): Promise<HidSocketServer> {
  const parent = dirname(path);
  if (!existsSync(parent)) mkdirSync(parent, { recursive: true, mode: 0o700 });
  if (isSocketPath(path)) {
    const alive = await new Promise<boolean>((resolve) => {
      const probe = createConnection(path);
      probe.once('connect', () => (probe.destroy(), resolve(true)));
      probe.once('error', () => resolve(false));
    });
    if (alive) throw Object.assign(new Error(`${path} is in use by another simulator`), { code: 'EADDRINUSE' });
    unlinkSync(path);
  }
  const sockets = new Set<Socket>();
  const header = `${JSON.stringify({ tokenkit: HID_SOCKET_MAGIC, version: 1, reportBytes: HID_REPORT_BYTES, ...board.info })}\n`;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    void bus.HIDAsync.open(board.info.path).then(
      (handle) => {
        let pending = Buffer.alloc(0);
        socket.write(header);
        handle.on('data', (report: Buffer) => socket.write(report));
        handle.on('error', () => socket.destroy());
        socket.on('data', (chunk: Buffer) => {
          pending = Buffer.concat([pending, chunk]);
          while (pending.length >= HID_REPORT_BYTES) {
            const report = Buffer.concat([Buffer.of(NODE_HID_REPORT_ID), pending.subarray(0, HID_REPORT_BYTES)]);
            pending = pending.subarray(HID_REPORT_BYTES);
            void handle.write(report).catch(() => socket.destroy());
          }
        });
        socket.on('close', () => {
          sockets.delete(socket);
          void handle.close();
        });
        socket.on('error', () => undefined);
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Connecting to a Unix socket needs write permission on it: only this user may talk to the board.
  chmodSync(path, 0o600);
  let closing: Promise<void> | undefined;
  return {
    path,
    get connections() {
      return sockets.size;
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          try {
            if (isSocketPath(path)) unlinkSync(path);
          } catch {
            // already gone
          }
          resolve();
        });
      })),
  };
}
