import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFirmware, serveFirmware } from '../../firmware-sim/index';
import { DeviceClient } from '../../src/device/index';
import { classifyHidOpenError, HidError, HidFakeBus, HidLink, loadNodeHid, parseHidTarget } from '../../src/link/index';
import { LinkClosedError } from '../../src/link/link';
import { encodeFrame, FrameDecoder, type Message, packetise, MessageType as T } from '../../src/protocol/index';
import { nodeHidLoads } from './node-hid-available';

const require = createRequire(import.meta.url);
const VID = 0x1209;
const PID = 0x0002;

function setup() {
  const bus = new HidFakeBus();
  const board = bus.addBoard({ vendorId: VID, productId: PID, usagePage: 0xff00, usage: 1 });
  const received: Uint8Array[] = [];
  board.port.onData((chunk) => received.push(chunk));
  return { bus, board, received };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const joined = (chunks: Uint8Array[]) => Buffer.concat(chunks.map((c) => Buffer.from(c))).toString('hex');

function messagesOf(link: HidLink): Message[] {
  const decoder = new FrameDecoder();
  const out: Message[] = [];
  link.onData((chunk) => {
    for (const r of decoder.push(chunk)) if (r.ok) out.push(r.message);
  });
  return out;
}

const links: HidLink[] = [];
afterEach(async () => {
  for (const link of links.splice(0)) await link.close();
});
async function open(bus: HidFakeBus, target: string | Parameters<typeof HidLink.open>[0] = 'sim:hid/0') {
  const link = await HidLink.open(target, { backend: bus });
  links.push(link);
  return link;
}

describe('HidLink over the in-process HID bus', () => {
  it('writes each transfer as 0x00-led 64-byte reports; the board sees the bytes in order', async () => {
    const { bus, board, received } = setup();
    const link = await open(bus);
    const big = new Uint8Array(700).map((_, i) => (i % 255) + 1); // 3 transfers: 256 + 256 + 188
    const small = encodeFrame({ type: T.GET_TIME, requestId: 9 });
    await Promise.all([link.write(big), link.write(small)]);
    expect(joined(received)).toBe(joined([big, small]));
    expect(received.map((c) => c.length)).toEqual([256, 256, 188, small.length]);
    expect(board.stats.reportsIn).toBe(5 + 5 + 4 + 1);
    expect(link.stats.reportsOut).toBe(15);
  });

  it('delivers the board output reassembled, and opens by VID:PID with the usage page', async () => {
    const { bus, board } = setup();
    bus.addBoard({ vendorId: VID, productId: PID, usagePage: 0x0001, path: 'sim:hid/keyboard-interface' });
    const link = await open(bus, { vendorId: VID, productId: PID, usagePage: 0xff00 });
    expect(link.description).toBe('hid:1209:0002');
    const messages = messagesOf(link);
    const info: Message = {
      type: T.INFO,
      requestId: 3,
      protocolVersion: 1,
      firmwareVersion: '1.0.0',
      profileId: 'code-display',
      serial: 'X'.repeat(32),
      mode: 'smart',
      capabilities: 1,
      provisioned: false,
    };
    await board.port.write(encodeFrame(info));
    await flush();
    expect(messages).toEqual([info]);
    expect(board.openHandles).toBe(1);
  });

  it('a stray or out-of-order report is counted, the frame decoder resyncs, the next frame gets through', async () => {
    const { bus, board } = setup();
    const link = await open(bus);
    const messages = messagesOf(link);
    const frame = encodeFrame({ type: T.CODE_SHOWN, requestId: 0, code: '123456', step: 5, remainingMs: 100 });
    const long = new Uint8Array(120).fill(7); // two reports
    const [init] = packetise(long);
    board.injectInputReport(init!); // init of a transfer whose continuation never comes
    const [, cont] = packetise(long);
    board.injectInputReport(cont!.map((b, i) => (i === 0 ? 5 : b))); // wrong sequence, now stray
    await board.port.write(frame);
    await flush();
    expect(link.stats.packetErrors).toBeGreaterThanOrEqual(1);
    expect(messages).toEqual([{ type: T.CODE_SHOWN, requestId: 0, code: '123456', step: 5, remainingMs: 100 }]);
  });

  it('unplugging closes the link as disconnected; pending and later writes reject with LinkClosedError', async () => {
    const { bus, board } = setup();
    const link = await open(bus);
    const closed = new Promise((resolve) => link.onClose(resolve));
    board.unplug();
    const error = await closed;
    expect(error).toBeInstanceOf(LinkClosedError);
    expect((error as LinkClosedError).disconnected).toBe(true);
    expect(link.isOpen).toBe(false);
    await expect(link.write(Uint8Array.of(1, 0))).rejects.toBeInstanceOf(LinkClosedError);
    expect(await bus.devicesAsync()).toEqual([]);
    await expect(HidLink.open('sim:hid/0', { backend: bus })).rejects.toMatchObject({
      reason: 'not-found',
      disconnected: true,
    });
  });

  it('close() is idempotent, tells onClose once without error, and later writes reject', async () => {
    const { bus, board } = setup();
    const link = await open(bus);
    const seen: unknown[] = [];
    link.onClose((e) => seen.push(e));
    await Promise.all([link.close(), link.close()]);
    expect(seen).toEqual([undefined]);
    expect(board.openHandles).toBe(0);
    await expect(link.write(Uint8Array.of(1))).rejects.toBeInstanceOf(LinkClosedError);
  });

  it('DeviceClient reconnects when the HID board comes back', async () => {
    const { bus, board } = setup();
    const firmware = await createFirmware({ profile: 'code-display' });
    const server = serveFirmware(firmware, board.port);
    const client = await DeviceClient.open(HidLink.opener('sim:hid/0', { backend: bus }), { reconnectIntervalMs: 10 });
    try {
      const serial = client.info.serial;
      const events: string[] = [];
      const reconnected = new Promise<void>((resolve) =>
        client.onConnection((e) => {
          events.push(e.state);
          if (e.state === 'reconnected') resolve();
        }),
      );
      board.unplug();
      await flush();
      board.plug();
      await reconnected;
      expect(events).toEqual(['disconnected', 'reconnected']);
      expect((await client.hello()).serial).toBe(serial);
    } finally {
      await client.close();
      server.stop();
      firmware.stop();
    }
  });
});

describe('HID targets and open errors', () => {
  it('parses --hid PATH and --hid VID:PID', () => {
    expect(parseHidTarget('1209:0002')).toEqual({ vendorId: 0x1209, productId: 2 });
    expect(parseHidTarget('/dev/hidraw3')).toEqual({ path: '/dev/hidraw3' });
    expect(() => parseHidTarget('12:3')).toThrow(HidError);
    expect(() => parseHidTarget(' ')).toThrow(/neither a device path nor VID:PID/);
  });

  it('classifies hidapi messages', () => {
    expect(
      classifyHidOpenError(
        "cannot open device with path /dev/hidraw0: Failed to open a device with path '/dev/hidraw0': Permission denied",
      ),
    ).toBe('permission');
    expect(classifyHidOpenError("Failed to open a device with path '/dev/hidraw9': No such file or directory")).toBe(
      'not-found',
    );
    expect(
      classifyHidOpenError(
        "ioctl(GRDESCSIZE) error for '/dev/null', not a HIDRAW device?: Inappropriate ioctl for device",
      ),
    ).toBe('not-hid');
    expect(classifyHidOpenError('libusb-1.0.so.0: cannot open shared object file')).toBe('unavailable');
  });

  it('the permission message names the udev rule shipped in devices/ (both languages)', () => {
    const error = new HidError('hid:/dev/hidraw0', 'permission', 'Permission denied');
    expect(error.message).toContain('devices/99-tokenkit.rules');
    expect(error.localized('da')).toContain('devices/99-tokenkit.rules');
  });

  // Real node-hid (hidraw backend): the binding must load on this machine and in CI.
  const realHid = nodeHidLoads();
  it.skipIf(!realHid)('real node-hid loads and lists devices (none on a machine without USB)', async () => {
    const hid = await loadNodeHid();
    expect(Array.isArray(await hid.devicesAsync())).toBe(true);
  });

  it.skipIf(!realHid)('real node-hid: a missing hidraw node is not-found, a non-HID file is not-hid', async () => {
    await expect(HidLink.open('/dev/hidraw-tokenkit-missing')).rejects.toMatchObject({
      name: 'HidError',
      reason: 'not-found',
    });
    await expect(HidLink.open('/dev/null')).rejects.toMatchObject({ name: 'HidError', reason: 'not-hid' });
  });

  // Permission denied needs a non-root user: root opens anything. Run node-hid as `nobody` on a 0600 file.
  // (nobody must also be able to read node_modules: not so when the checkout lives in a private home.)
  const NODE_HID = require.resolve('node-hid');
  const asNobody = (script: string) =>
    execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
  const canDropPrivileges =
    realHid &&
    process.getuid?.() === 0 &&
    (() => {
      try {
        return asNobody(`require(${JSON.stringify(NODE_HID)}); console.log('ok')`).trim() === 'ok';
      } catch {
        return false;
      }
    })();
  if (!canDropPrivileges)
    console.warn(
      'skipping the HID permission-denied test: it needs root (to drop to nobody), setpriv, and node_modules readable by nobody',
    );
  it.skipIf(!canDropPrivileges)(
    'real node-hid as an unprivileged user: permission denied gives the udev-rule message',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'tokenkit-hidperm-'));
      try {
        const node = join(dir, 'hidraw-fake');
        writeFileSync(node, '');
        chmodSync(node, 0o600);
        chmodSync(dir, 0o755);
        const out = asNobody(
          `require(${JSON.stringify(NODE_HID)}).HIDAsync.open(${JSON.stringify(node)}).then(()=>console.log('opened'),e=>console.log(e.message))`,
        );
        expect(out).toMatch(/Permission denied/);
        const error = new HidError(`hid:${node}`, classifyHidOpenError(out), out.trim());
        expect(error.reason).toBe('permission');
        expect(error.message).toContain('99-tokenkit.rules');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
