import { describe, expect, it } from 'vitest';
import { createFirmware, serveFirmware } from '../../firmware-sim/index';
import { ManualClock, ManualScheduler } from '../../src/clock';
import { DeviceClient, DeviceTimeoutError } from '../../src/device/index';
import { HidFakeBus } from '../../src/link/hid-fake';
import { HidLink } from '../../src/link/hid-link';
import type { Link } from '../../src/link/link';
import { MemoryLink } from '../../src/link/memory-link';
import { startPtyPair } from '../../src/link/pty-pair';
import { SerialLink } from '../../src/link/serial-link';
import { BOARDS } from '../../src/profiles/builtin';
import { encodeFrame, FrameDecoder } from '../../src/protocol/codec';
import { type Message, MessageType, PROTOCOL_VERSION, type RequestMessage, Status } from '../../src/protocol/messages';
import { spawnFirmwareSim } from '../firmware-sim/firmware-process';
import { hasTool } from '../helpers/tools';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SECRET = new TextEncoder().encode('12345678901234567890');

/** What a killed program or a noisy line leaves behind: the first bytes of a frame, no delimiter. */
const PARTIAL_FRAME = encodeFrame({ type: MessageType.GET_TIME, requestId: 7 }).subarray(0, 4);
/** More than the board's 255-byte frame buffer, no delimiter: the board drops bytes until the next 00. */
const OVERFLOW = new Uint8Array(300).fill(0x55);

/** A scheduler whose timers never fire: a call that resolves on it did so without waiting out a timeout. */
const noTimeouts = () => new ManualScheduler(new ManualClock());

async function simOnMemory() {
  const [host, board] = MemoryLink.pair();
  const firmware = await createFirmware({
    secret: { secret: SECRET, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 },
  });
  const server = serveFirmware(firmware, board);
  return { host, firmware, server };
}

/** Answers HELLO like a board, every other request with `answer`'s frames (raw bytes). */
function scriptedBoard(answer: (request: RequestMessage, count: number) => Uint8Array[]) {
  const [host, board] = MemoryLink.pair();
  const decoder = new FrameDecoder();
  const seen: RequestMessage[] = [];
  board.onData((chunk) => {
    for (const r of decoder.push(chunk)) {
      if (!r.ok) continue;
      const m = r.message as RequestMessage;
      if (m.type === MessageType.HELLO) {
        const info: Message = {
          type: MessageType.INFO,
          requestId: m.requestId,
          protocolVersion: PROTOCOL_VERSION,
          firmwareVersion: 'x',
          profileId: 'code-display',
          serial: '1',
          mode: 'smart',
          capabilities: 0,
          provisioned: true,
        };
        void board.write(encodeFrame(info));
        continue;
      }
      seen.push(m);
      for (const bytes of answer(m, seen.length)) void board.write(bytes);
    }
  });
  return { host, seen };
}

const errorEvent = (status: Status) => encodeFrame({ type: MessageType.ERROR, requestId: 0, status });
const time = (requestId: number, deviceMs: number) =>
  encodeFrame({ type: MessageType.TIME, requestId, deviceMs, adjusted: false });

describe('line noise: every request goes out behind a 00 delimiter', () => {
  it('a partial frame left on the wire does not spoil the next request (no retry needed)', async () => {
    const sim = await simOnMemory();
    const client = await DeviceClient.overLink(sim.host, { retries: 0 });
    await sim.host.write(PARTIAL_FRAME);
    expect((await client.getTime()).deviceMs).toBeGreaterThan(0);
    // The board saw the noise as a bad frame of its own, and the request whole, once.
    expect(sim.server.stats.badFrames).toBe(1);
    expect(sim.server.stats.frames).toBe(2); // HELLO, GET_TIME
    await client.close();
  });

  it('garbage that overflows the board buffer costs no timeout: the delimiter ends the overflow', async () => {
    const sim = await simOnMemory();
    const client = await DeviceClient.overLink(sim.host, { retries: 0, scheduler: noTimeouts() });
    await sim.host.write(OVERFLOW);
    expect((await client.press()).kind).toBe('code');
    expect(sim.server.stats.frames).toBe(2); // HELLO, PRESS: answered at the first try
    await client.close();
  });
});

describe('line noise: a board ERROR event', () => {
  it('is not the answer to the request in flight (it carries no id)', async () => {
    const board = scriptedBoard((m) => [
      errorEvent(Status.BAD_CRC),
      encodeFrame({ type: MessageType.CODE, requestId: m.requestId, code: '123456', step: 9, remainingMs: 1 }),
    ]);
    const client = await DeviceClient.overLink(board.host);
    const events: number[] = [];
    client.onEvent((e) => events.push(e.type));
    expect(await client.press()).toEqual({ kind: 'code', code: '123456', step: 9, remainingMs: 1 });
    expect(events).toEqual([MessageType.ERROR]); // still told to listeners
    expect(board.seen).toHaveLength(1); // a press is never sent twice
    expect(client.stats.boardErrors).toBe(1);
    await client.close();
  });

  it('makes an idempotent request go out again at once, with a new id, instead of after the timeout', async () => {
    // The board could not read the first GET_TIME (noise inside it): it says BAD_CRC and nothing else.
    const board = scriptedBoard((m, count) => (count === 1 ? [errorEvent(Status.BAD_CRC)] : [time(m.requestId, 77)]));
    const client = await DeviceClient.overLink(board.host, { scheduler: noTimeouts() });
    expect((await client.getTime()).deviceMs).toBe(77);
    expect(board.seen.map((m) => m.type)).toEqual([MessageType.GET_TIME, MessageType.GET_TIME]);
    expect(board.seen[1]!.requestId).not.toBe(board.seen[0]!.requestId);
    await client.close();
  });

  it('retries once only: with the retry spent, the call waits for its reply and then times out', async () => {
    const board = scriptedBoard(() => [errorEvent(Status.TOO_LARGE)]);
    const scheduler = noTimeouts();
    const client = await DeviceClient.overLink(board.host, { timeoutMs: 1000, scheduler });
    const call = client.getTime().catch((e: unknown) => e);
    await new Promise((r) => setImmediate(r));
    expect(board.seen).toHaveLength(2);
    scheduler.advance(1000);
    expect(await call).toBeInstanceOf(DeviceTimeoutError);
    expect(board.seen).toHaveLength(2);
    await client.close();
  });
});

describe('line noise: a garbled reply', () => {
  it('whose id cannot be read makes an idempotent request go out again; the second answer counts', async () => {
    const board = scriptedBoard((m, count) => {
      if (count > 1) return [time(m.requestId, 42)];
      const bad = time(m.requestId, 41);
      bad[3] = bad[3]! ^ 0x20 || 1; // one flipped bit: CRC mismatch
      return [bad];
    });
    const client = await DeviceClient.overLink(board.host, { scheduler: noTimeouts() });
    expect((await client.getTime()).deviceMs).toBe(42);
    expect(client.stats.badFrames).toBe(1);
    await client.close();
  });
});

/** HELLO, GET_TIME and PRESS each right after a different kind of noise, with no retries allowed. */
async function survivesNoise(host: Link, inject: (bytes: Uint8Array) => Promise<void>) {
  await inject(PARTIAL_FRAME);
  const client = await DeviceClient.overLink(host, { retries: 0, timeoutMs: 3000 });
  try {
    await inject(OVERFLOW);
    expect((await client.getTime()).deviceMs).toBeGreaterThan(0);
    await inject(PARTIAL_FRAME);
    expect((await client.press()).kind).toBe('code');
    // The noise reached the board (it said so with ERROR events), and no command failed for it.
    expect(client.stats.boardErrors).toBeGreaterThanOrEqual(2);
  } finally {
    await client.close();
  }
}

describe.skipIf(!hasTool('socat', 'socat'))('line noise on a real pty, firmware-sim in its own process', () => {
  it('HELLO, GET_TIME and PRESS each succeed at the first try after partial frames and overflow', async () => {
    const pair = await startPtyPair();
    const child = await spawnFirmwareSim(['--tty', pair.boardPath, '--secret', SECRET_B32]);
    try {
      const link = await SerialLink.open(pair.hostPath);
      await survivesNoise(link, (bytes) => link.write(bytes));
    } finally {
      child.kill('SIGKILL');
      await pair.stop();
    }
  });
});

describe('line noise over HID (in-process HID bus)', () => {
  it('HELLO, GET_TIME and PRESS each succeed at the first try after partial frames and overflow', async () => {
    const definition = BOARDS.find((b) => b.id === 'tokenkit-hid')!;
    const bus = new HidFakeBus();
    const board = bus.addBoard({
      vendorId: parseInt(definition.usb.vendorId, 16),
      productId: parseInt(definition.usb.productId, 16),
      usagePage: parseInt(definition.usb.usagePage!, 16),
    });
    const firmware = await createFirmware({
      profile: definition.profile,
      secret: { secret: SECRET, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 },
    });
    const server = serveFirmware(firmware, board.port);
    const link = await HidLink.open(board.info.path, { backend: bus });
    try {
      await survivesNoise(link, (bytes) => link.write(bytes));
    } finally {
      server.stop();
      firmware.stop();
    }
  });
});
