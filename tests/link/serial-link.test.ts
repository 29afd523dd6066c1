import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BoardFaults, createFirmware, serveFirmware } from '../../firmware-sim/index';
import { type ConnectionEvent, DeviceClient, NotATokenError } from '../../src/device/index';
import { EXIT, exitCodeFor } from '../../src/errors';
import { LinkClosedError, LinkOpenError } from '../../src/link/link';
import { MemoryLink } from '../../src/link/memory-link';
import { type PtyPair, PtyPairError, startPtyPair } from '../../src/link/pty-pair';
import { NotASerialPortError, SerialLink } from '../../src/link/serial-link';
import { redactedHex, TrafficLink } from '../../src/link/traffic';
import { encodeFrame } from '../../src/protocol/codec';
import { MessageType } from '../../src/protocol/messages';
import { hasTool } from '../helpers/tools';

const SECRET = new TextEncoder().encode('12345678901234567890');

describe('SerialLink: ports that are not tokens', () => {
  it('/dev/null is not a serial port: NotASerialPortError, and DeviceClient says NotATokenError (exit 4)', async () => {
    await expect(SerialLink.open('/dev/null')).rejects.toBeInstanceOf(NotASerialPortError);
    const error = await DeviceClient.open(SerialLink.opener('/dev/null')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotATokenError);
    expect((error as NotATokenError).reason).toBe('not-tty');
    expect(exitCodeFor(error)).toBe(EXIT.DEVICE);
  });

  it('a missing path: LinkOpenError{not-found} (exit 4)', async () => {
    const error = await SerialLink.open('/dev/tokenkit-no-such-port').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkOpenError);
    expect((error as LinkOpenError).reason).toBe('not-found');
    expect(exitCodeFor(error)).toBe(EXIT.DEVICE);
  });

  it('a regular file is not a serial port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-link-'));
    try {
      const file = join(dir, 'not-a-port');
      writeFileSync(file, 'hello');
      await expect(SerialLink.open(file)).rejects.toBeInstanceOf(LinkOpenError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('traffic logging', () => {
  it('logs frames as hex with PROVISION secrets redacted', async () => {
    const [host, board] = MemoryLink.pair();
    const lines: string[] = [];
    const logged = new TrafficLink(host, (l) => lines.push(l));
    board.onData(() => undefined);
    const provision = encodeFrame({
      type: MessageType.PROVISION,
      requestId: 5,
      secret: SECRET,
      algorithm: 'sha1',
      digits: 6,
      periodSec: 30,
      t0Sec: 0,
    });
    await logged.write(provision);
    await logged.write(encodeFrame({ type: MessageType.GET_TIME, requestId: 6 }));
    const secretHex = Buffer.from(SECRET).toString('hex');
    expect(lines.join('\n')).not.toContain(secretHex.slice(0, 16));
    expect(lines[0]).toMatch(/^traffic memory:host > <PROVISION 01040500… \d+ bytes redacted>00$/);
    expect(lines[1]).toBe(
      `traffic memory:host > ${Buffer.from(encodeFrame({ type: MessageType.GET_TIME, requestId: 6 })).toString('hex')}`,
    );
    // Undecodable outgoing bytes are cut too: they might be a mangled PROVISION.
    expect(redactedHex(provision.subarray(0, provision.length - 3))).not.toContain(secretHex.slice(0, 8));
  });
});

describe.skipIf(!hasTool('socat', 'socat'))('SerialLink over a socat pty', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });

  async function boardOn(path: string, faults: BoardFaults = {}) {
    const link = await SerialLink.open(path, { lock: false });
    const firmware = await createFirmware({
      secret: { secret: SECRET, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 },
    });
    const server = serveFirmware(firmware, link, faults);
    const stop = async () => {
      server.stop();
      firmware.stop();
      await link.close();
    };
    cleanups.push(stop);
    return { stop, faults };
  }

  async function pair(opts: { hostLink?: string } = {}): Promise<PtyPair> {
    const p = await startPtyPair(opts);
    cleanups.push(() => p.stop());
    return p;
  }

  it('a --link in a missing directory says why in one line', async () => {
    const error = (await startPtyPair({ hostLink: '/nonexistent-tokenkit-dir/tk0' }).catch(
      (e: unknown) => e,
    )) as PtyPairError;
    expect(error).toBeInstanceOf(PtyPairError);
    expect(error.message).toMatch(
      /cannot make the --link \/nonexistent-tokenkit-dir\/tk0: its directory does not exist/,
    );
    expect(error.message).not.toContain('\n');
    expect(exitCodeFor(error)).toBe(EXIT.USAGE);
  });

  it('--link held by a running simulator is refused (exit 2) and left alone; a dangling one is replaced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-link-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const hostLink = join(dir, 'tk0');
    const first = await pair({ hostLink });
    // (If it were wrongly accepted, stop that pair so no socat outlives the test.)
    const error = (await startPtyPair({ hostLink }).then(
      async (p) => (await p.stop(), p),
      (e: unknown) => e,
    )) as PtyPairError;
    expect(error).toBeInstanceOf(PtyPairError);
    expect(error.message).toContain(hostLink);
    expect(exitCodeFor(error)).toBe(EXIT.USAGE);
    expect(realpathSync(hostLink)).toBe(realpathSync(first.hostPath)); // still the first board's port
    await first.stop();
    symlinkSync('/dev/pts/tokenkit-gone', hostLink); // what a SIGKILLed socat leaves behind
    const second = await pair({ hostLink });
    expect(existsSync(second.hostPath)).toBe(true);
  });

  it('a pty with nothing behind it: NotATokenError{no-answer}', async () => {
    const p = await pair();
    const error = await DeviceClient.open(SerialLink.opener(p.hostPath), { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotATokenError);
    expect((error as NotATokenError).reason).toBe('no-answer');
  });

  it('socat killed mid-exchange (port unplugged): the call fails with LinkClosedError{disconnected}', async () => {
    const p = await pair();
    await boardOn(p.boardPath, { replyDelayMs: 300 });
    const client = await DeviceClient.open(SerialLink.opener(p.hostPath), { reconnect: false });
    cleanups.push(() => client.close());
    const pending = client.press().catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    p.process.kill('SIGKILL');
    const error = await pending;
    expect(error).toBeInstanceOf(LinkClosedError);
    expect((error as LinkClosedError).disconnected).toBe(true);
    expect(exitCodeFor(error)).toBe(EXIT.DEVICE);
  });

  it('reconnects when the port disappears and comes back on the same path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-reconnect-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const hostLink = join(dir, 'board');
    const first = await pair({ hostLink });
    const board1 = await boardOn(first.boardPath);
    const client = await DeviceClient.open(SerialLink.opener(hostLink), {
      reconnectIntervalMs: 50,
      reconnectWaitMs: 10_000,
    });
    cleanups.push(() => client.close());
    const connection: ConnectionEvent['state'][] = [];
    let noticed!: () => void;
    const disconnected = new Promise<void>((resolve) => (noticed = resolve));
    client.onConnection((e) => {
      connection.push(e.state);
      if (e.state === 'disconnected') noticed();
    });
    expect((await client.press()).kind).toBe('code');

    // Unplug: socat dies, its pty goes away.
    first.process.kill('SIGKILL');
    await first.exited;
    await board1.stop();
    await disconnected;
    expect(client.connected).toBe(false);
    const waiting = client.press(); // made while unplugged: waits for the board to come back

    // Plug back in on the same path.
    const second = await pair({ hostLink });
    await boardOn(second.boardPath);
    const result = await waiting;
    expect(result.kind).toBe('code');
    expect(connection).toEqual(['disconnected', 'reconnected']);
    expect(client.stats.reconnects).toBe(1);
    expect(existsSync(hostLink)).toBe(true);
  });
});
