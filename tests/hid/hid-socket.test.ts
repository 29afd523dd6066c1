import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HidError,
  HidFakeBus,
  HidLink,
  HidSocketBackend,
  type HidSocketServer,
  isSocketPath,
  LinkCancelledError,
  serveHidSocket,
} from '../../src/link/index';
import { LinkClosedError } from '../../src/link/link';
import { encodeFrame, FrameDecoder, MessageType as T } from '../../src/protocol/index';

let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokenkit-hidsock-'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

async function board(name = 'b.sock'): Promise<{
  bus: HidFakeBus;
  server: HidSocketServer;
  received: Uint8Array[];
  port: ReturnType<HidFakeBus['addBoard']>['port'];
}> {
  const bus = new HidFakeBus();
  const b = bus.addBoard({ vendorId: 0x1209, productId: 0x0002, usagePage: 0xff00, serialNumber: name });
  const received: Uint8Array[] = [];
  b.port.onData((c) => received.push(c));
  const server = await serveHidSocket(bus, b, join(dir, name));
  cleanups.push(() => server.close());
  return { bus, server, received, port: b.port };
}

async function open(path: string): Promise<HidLink> {
  const link = await HidLink.open(path, { backend: new HidSocketBackend({ dir }) });
  cleanups.push(() => link.close());
  return link;
}

describe('HID report socket (tokenkit sim --hid transport)', () => {
  it('carries frames both ways as 64-byte reports, and lists the board with its device info', async () => {
    const { server, received, port } = await board();
    expect(isSocketPath(server.path)).toBe(true);
    const devices = await new HidSocketBackend({ dir }).devicesAsync();
    expect(devices).toEqual([
      expect.objectContaining({
        vendorId: 0x1209,
        productId: 2,
        usagePage: 0xff00,
        serialNumber: 'b.sock',
        path: server.path,
      }),
    ]);
    const link = await open(server.path);
    const request = encodeFrame({ type: T.GET_TIME, requestId: 7 });
    const arrived = new Promise<void>((resolve) => port.onData(() => resolve()));
    await link.write(request);
    await arrived;
    const decoder = new FrameDecoder();
    const got = new Promise((resolve) =>
      link.onData((c) => decoder.push(c).forEach((r) => r.ok && resolve(r.message))),
    );
    await port.write(encodeFrame({ type: T.TIME, requestId: 7, deviceMs: 123, adjusted: false }));
    expect(await got).toEqual({ type: T.TIME, requestId: 7, deviceMs: 123, adjusted: false });
    expect(Buffer.concat(received).toString('hex')).toBe(Buffer.from(request).toString('hex'));
  });

  it('a simulator that goes away looks like an unplugged board: the link closes as disconnected', async () => {
    const { server } = await board();
    const link = await open(server.path);
    const closed = new Promise((resolve) => link.onClose(resolve));
    await server.close();
    const error = await closed;
    expect(error).toBeInstanceOf(LinkClosedError);
    expect((error as LinkClosedError).disconnected).toBe(true);
    expect(existsSync(server.path)).toBe(false);
    await expect(open(server.path)).rejects.toMatchObject({ name: 'HidError', reason: 'not-found' });
  });

  it('a stale socket file (killed simulator) is skipped by discovery and replaced by the next simulator', async () => {
    const path = join(dir, 'stale.sock');
    // A process listening on the socket, killed with SIGKILL: the file stays behind (a clean close unlinks it).
    const child = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`,
    ]);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(isSocketPath(path)).toBe(true);
    expect(await new HidSocketBackend({ dir }).devicesAsync()).toEqual([]);
    const { server } = await board('stale.sock');
    expect(server.path).toBe(path);
    expect((await new HidSocketBackend({ dir }).devicesAsync()).map((d) => d.path)).toEqual([path]);
  });

  it('a socket that is already served by a live simulator is refused (EADDRINUSE)', async () => {
    const { server } = await board();
    const bus = new HidFakeBus();
    const other = bus.addBoard({ vendorId: 0x1209, productId: 0x0002 });
    await expect(serveHidSocket(bus, other, server.path)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('a socket that is not a tokenkit board is refused with a typed error', async () => {
    const path = join(dir, 'other.sock');
    const other = createServer((s) => s.end('SSH-2.0-OpenSSH\r\n'));
    await new Promise<void>((resolve) => other.listen(path, resolve));
    cleanups.push(() => new Promise<void>((resolve) => other.close(() => resolve())));
    const error = await HidLink.open(path, { backend: new HidSocketBackend({ dir }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HidError);
    expect((error as HidError).message).toMatch(/not a tokenkit HID socket|unsupported HID socket header/);
  });

  it('write with an aborted signal rejects LinkCancelledError and the link stays usable', async () => {
    const { server, received, port } = await board();
    const link = await open(server.path);
    const controller = new AbortController();
    controller.abort();
    await expect(link.write(Uint8Array.of(1, 2, 0), { signal: controller.signal })).rejects.toBeInstanceOf(
      LinkCancelledError,
    );
    const arrived = new Promise<void>((resolve) => port.onData(() => resolve()));
    await link.write(Uint8Array.of(3, 0));
    await arrived;
    expect(Buffer.concat(received).toString('hex')).toBe('0300');
  });
});
