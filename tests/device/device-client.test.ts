import { beforeEach, describe, expect, it } from 'vitest';
import { type BoardFaults, createFirmware, serveFirmware } from '../../firmware-sim/index';
import { ManualClock, ManualScheduler, SystemClock } from '../../src/clock';
import {
  DeviceBusyError,
  DeviceClient,
  DeviceClosedError,
  DeviceStatusError,
  DeviceTimeoutError,
  NotATokenError,
} from '../../src/device/index';
import { EXIT, exitCodeFor } from '../../src/errors';
import { LinkClosedError } from '../../src/link/link';
import { MemoryLink } from '../../src/link/memory-link';
import { encodeFrame, FrameDecoder } from '../../src/protocol/codec';
import { FrameError, ProtocolVersionError } from '../../src/protocol/errors';
import { type Message, MessageType, PROTOCOL_VERSION, type RequestMessage, Status } from '../../src/protocol/messages';
import { rawFrame } from '../conformance/device-tests';
import { inVirtualTime, settle, untilVirtual } from '../helpers/wait';

const SECRET = new TextEncoder().encode('12345678901234567890');

/*
 * Every test here runs on a ManualScheduler: reply timeouts, reconnect pauses and waits, and the board's
 * reply delays fire only when the test drives virtual time (inVirtualTime, untilVirtual); nothing sleeps.
 * Exceptions, on purpose: the test that counts Node's own timers.
 */
let scheduler = new ManualScheduler(new ManualClock());
beforeEach(() => {
  scheduler = new ManualScheduler(new ManualClock(1_700_000_000_000));
});

async function simBoard(faults: BoardFaults = {}, opts: { startMs?: number } = {}) {
  const [host, board] = MemoryLink.pair();
  const firmware = await createFirmware({
    secret: { secret: SECRET, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 },
    scheduler,
    ...opts,
  });
  const server = serveFirmware(firmware, board, faults);
  return { host, board, firmware, server, faults };
}

/**
 * A scripted board: answers HELLO like a real one, and every other request with whatever `answer`
 * returns (raw bytes), so the host's handling of broken replies can be checked.
 */
function scriptedBoard(answer: (request: RequestMessage) => Uint8Array | undefined) {
  const [host, board] = MemoryLink.pair();
  const decoder = new FrameDecoder();
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
      } else {
        const bytes = answer(m);
        if (bytes) void board.write(bytes);
      }
    }
  });
  return host;
}

describe('DeviceClient: one exchange in flight', () => {
  it('concurrent calls queue in call order; beyond maxQueued a call fails at once with DeviceBusyError', async () => {
    const { host } = await simBoard({ replyDelayMs: 5 });
    const client = await inVirtualTime(scheduler, DeviceClient.overLink(host, { maxQueued: 2, scheduler }));
    const order: string[] = [];
    const a = client.press().then(() => order.push('a'));
    const b = client.getTime().then(() => order.push('b'));
    const c = client.press().then(() => order.push('c'));
    const d = client.press().catch((e: unknown) => e);
    expect(await d).toBeInstanceOf(DeviceBusyError);
    expect(exitCodeFor(await d)).toBe(EXIT.DEVICE);
    await inVirtualTime(scheduler, Promise.all([a, b, c]));
    expect(order).toEqual(['a', 'b', 'c']);
    await client.close();
  });

  it('close() rejects the call in flight and the queued ones with DeviceClosedError', async () => {
    const { host } = await simBoard({ replyDelayMs: 50 });
    const client = await inVirtualTime(scheduler, DeviceClient.overLink(host, { scheduler }));
    const calls = [client.press(), client.press()].map((p) => p.catch((e: unknown) => e));
    await client.close();
    for (const result of await Promise.all(calls)) expect(result).toBeInstanceOf(DeviceClosedError);
    expect(await client.press().catch((e: unknown) => e)).toBeInstanceOf(DeviceClosedError);
  });
});

describe('DeviceClient: faults are typed errors', () => {
  it('a board that stops answering: DeviceTimeoutError', async () => {
    const sim = await simBoard();
    const client = await DeviceClient.overLink(sim.host, { timeoutMs: 40, scheduler });
    sim.faults.mute = true;
    const error = await inVirtualTime(
      scheduler,
      client.press().catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(DeviceTimeoutError);
    expect((error as DeviceTimeoutError).request).toBe('PRESS');
    expect(exitCodeFor(error)).toBe(EXIT.DEVICE);
    await client.close();
  });

  it('a late reply to a timed-out request is dropped; the next call gets its own reply', async () => {
    let latePress: Uint8Array | undefined;
    const link = scriptedBoard((m) => {
      if (m.type === MessageType.PRESS) {
        // Hold the answer back until the host has given up and sent its next request.
        latePress = encodeFrame({
          type: MessageType.CODE,
          requestId: m.requestId,
          code: '111111',
          step: 1,
          remainingMs: 1,
        });
        return undefined;
      }
      const late = latePress!;
      latePress = undefined;
      const time = encodeFrame({ type: MessageType.TIME, requestId: m.requestId, deviceMs: 1234, adjusted: false });
      const both = new Uint8Array(late.length + time.length);
      both.set(late);
      both.set(time, late.length);
      return both; // the stale CODE arrives first, while GET_TIME is in flight
    });
    const client = await DeviceClient.overLink(link, { timeoutMs: 100, scheduler });
    expect(
      await inVirtualTime(
        scheduler,
        client.press().catch((e: unknown) => e),
      ),
    ).toBeInstanceOf(DeviceTimeoutError);
    expect((await client.getTime()).deviceMs).toBe(1234);
    await client.close();
  });

  it('nothing answering HELLO: NotATokenError{no-answer}', async () => {
    const [host] = MemoryLink.pair();
    const error = await inVirtualTime(
      scheduler,
      DeviceClient.overLink(host, { timeoutMs: 30, scheduler }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(NotATokenError);
    expect((error as NotATokenError).reason).toBe('no-answer');
    expect(exitCodeFor(error)).toBe(EXIT.DEVICE);
  });

  it('a port that answers with non-frames (a modem, a console): NotATokenError{garbage}', async () => {
    const [host, board] = MemoryLink.pair();
    board.onData(() => void board.write(new TextEncoder().encode('\r\nOK\r\nAT+ERROR\0garbage\0')));
    const error = await DeviceClient.overLink(host, { timeoutMs: 200, scheduler }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotATokenError);
    expect((error as NotATokenError).reason).toBe('garbage');
  });

  it('a board speaking a newer protocol version: ProtocolVersionError (exit 4)', async () => {
    const { host } = await simBoard({ protocolVersion: PROTOCOL_VERSION + 1 });
    const error = await DeviceClient.overLink(host, { timeoutMs: 200, scheduler }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolVersionError);
    expect((error as ProtocolVersionError).peerVersion).toBe(PROTOCOL_VERSION + 1);
    expect(exitCodeFor(error)).toBe(EXIT.DEVICE);
  });

  it('an INFO claiming a newer protocol inside a v1 frame: ProtocolVersionError', async () => {
    const [host, board] = MemoryLink.pair();
    const decoder = new FrameDecoder();
    board.onData((chunk) => {
      for (const r of decoder.push(chunk)) {
        if (r.ok)
          void board.write(
            encodeFrame({
              type: MessageType.INFO,
              requestId: r.message.requestId,
              protocolVersion: 7,
              firmwareVersion: '9',
              profileId: 'code-display',
              serial: '1',
              mode: 'smart',
              capabilities: 0,
              provisioned: false,
            }),
          );
      }
    });
    expect(await DeviceClient.overLink(host, { scheduler }).catch((e: unknown) => e)).toBeInstanceOf(
      ProtocolVersionError,
    );
  });

  const brokenReplies: [string, (id: number) => Uint8Array, string][] = [
    [
      'a reply with a bad CRC',
      (id) => {
        const f = rawFrame(1, MessageType.STATUS, id, [0]);
        f[2] = f[2]! ^ 0x10 || 1;
        return f;
      },
      'crc',
    ],
    ['a truncated reply', (id) => rawFrame(1, MessageType.CODE, id, [1, 2]), 'truncated'],
    ['a reply of an unknown type', (id) => rawFrame(1, 0x7e, id, []), 'unknown-type'],
    ['an oversized reply', () => new Uint8Array([...new Array(400).fill(0x55), 0]), 'oversize'],
  ];
  for (const [name, build, kind] of brokenReplies) {
    it(`${name}: FrameError{${kind}} for the call, and the client keeps working`, async () => {
      let broken = true;
      const host = scriptedBoard((m) => {
        if (broken) {
          broken = false;
          return build(m.requestId);
        }
        return encodeFrame({ type: MessageType.TIME, requestId: m.requestId, deviceMs: 42, adjusted: false });
      });
      // No retry: a garbled reply whose id is unreadable would be asked for again (tests/device/line-noise).
      const client = await DeviceClient.overLink(host, { timeoutMs: 300, retries: 0, scheduler });
      const error = await client.getTime().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FrameError);
      expect((error as FrameError).kind).toBe(kind);
      expect(exitCodeFor(error)).toBe(EXIT.DEVICE);
      expect((await client.getTime()).deviceMs).toBe(42);
      await client.close();
    });
  }

  it('a status other than OK becomes DeviceStatusError{status}, unknown codes kept', async () => {
    const host = scriptedBoard((m) =>
      encodeFrame({
        type: MessageType.STATUS,
        requestId: m.requestId,
        status: m.type === MessageType.PRESS ? Status.LOW_BATTERY : 0x3f,
      }),
    );
    const client = await DeviceClient.overLink(host, { scheduler });
    const low = (await client.press().catch((e: unknown) => e)) as DeviceStatusError;
    expect(low).toBeInstanceOf(DeviceStatusError);
    expect(low.status).toBe(Status.LOW_BATTERY);
    expect(low.localized('da')).toContain('batteriet');
    const unknown = (await client.display('123456', 1000).catch((e: unknown) => e)) as DeviceStatusError;
    expect(unknown.statusName).toBe('UNKNOWN_0x3f');
    await client.close();
  });

  it('a port unplugged mid-exchange: LinkClosedError{disconnected} for the call in flight', async () => {
    const sim = await simBoard({ replyDelayMs: 100 });
    const client = await inVirtualTime(scheduler, DeviceClient.overLink(sim.host, { scheduler }));
    const pending = client.press().catch((e: unknown) => e);
    await settle(); // the PRESS is on the wire; its reply is held back 100 ms of virtual time
    sim.host.disconnect();
    const error = await pending;
    expect(error).toBeInstanceOf(LinkClosedError);
    expect((error as LinkClosedError).disconnected).toBe(true);
    expect(exitCodeFor(error)).toBe(EXIT.DEVICE);
    await client.close();
  });
});

describe('DeviceClient: time', () => {
  it('measures the offset of a board running 5 s ahead within ± rtt/2 (+1 ms of board rounding)', async () => {
    const clock = new SystemClock();
    const { host } = await simBoard({}, { startMs: Date.now() + 5000 });
    const client = await DeviceClient.overLink(host, { hostClock: clock, scheduler });
    for (let i = 0; i < 5; i++) {
      const r = await client.getTime();
      expect(Math.abs(r.offsetMs - 5000)).toBeLessThanOrEqual(r.uncertaintyMs + 1);
    }
    await client.close();
  });
});

describe('DeviceClient: display board', () => {
  it('DISPLAY shows pushed digits; PROVISION is WRONG_MODE; a press only reports BUTTON', async () => {
    const [host, board] = MemoryLink.pair();
    const firmware = await createFirmware({ mode: 'display', profile: 'audio-code-reader' });
    serveFirmware(firmware, board);
    const client = await DeviceClient.overLink(host, { scheduler });
    expect(client.info).toMatchObject({ mode: 'display', profileId: 'audio-code-reader', provisioned: false });
    const events: number[] = [];
    client.onEvent((e) => events.push(e.type));
    await client.display('042917', 12_000);
    expect(firmware.display).toMatchObject({ kind: 'digits', code: '042917' });
    const wrong = (await client.provision({ secret: SECRET }).catch((e: unknown) => e)) as DeviceStatusError;
    expect(wrong.status).toBe(Status.WRONG_MODE);
    expect(await client.press()).toEqual({ kind: 'ok' });
    expect(events).toEqual([MessageType.BUTTON]);
    await client.display('', 0);
    expect(firmware.display.kind).toBe('off');
    await client.close();
  });
});

/** A board on a fresh MemoryLink that records each request and answers only when told to. */
function heldBoard() {
  const [host, board] = MemoryLink.pair();
  const decoder = new FrameDecoder();
  const requests: RequestMessage[] = [];
  board.onData((chunk) => {
    for (const r of decoder.push(chunk)) if (r.ok) requests.push(r.message as RequestMessage);
  });
  const answerHello = (m: RequestMessage) => {
    const info: Message = {
      type: MessageType.INFO,
      requestId: m.requestId,
      protocolVersion: PROTOCOL_VERSION,
      firmwareVersion: 'x',
      profileId: 'code-display',
      serial: '2',
      mode: 'smart',
      capabilities: 0,
      provisioned: true,
    };
    return board.write(encodeFrame(info));
  };
  return { host, board, requests, answerHello };
}

describe('DeviceClient: reconnect', () => {
  it('a call made while the reconnect HELLO is unanswered waits for it instead of taking its place', async () => {
    const first = await simBoard();
    const second = heldBoard();
    const links = [first.host, second.host];
    const client = await DeviceClient.open(
      { description: 'memory:reopen', open: async () => links.shift()! },
      { reconnectIntervalMs: 1, scheduler },
    );
    const states: string[] = [];
    const reconnected = new Promise<void>((resolve) =>
      client.onConnection((e) => {
        states.push(e.state);
        if (e.state === 'reconnected') resolve();
      }),
    );
    first.host.disconnect();
    await untilVirtual(scheduler, 'the reconnect HELLO', () => second.requests.length > 0);
    expect(second.requests.map((m) => MessageType[m.type])).toEqual(['HELLO']);
    const time = client.getTime().catch((e: unknown) => e);
    await settle();
    // Nothing else goes out while the reconnect's HELLO is in flight (one exchange at a time).
    expect(second.requests.map((m) => MessageType[m.type])).toEqual(['HELLO']);
    await second.answerHello(second.requests[0]!);
    await reconnected;
    expect(states).toEqual(['disconnected', 'reconnected']);
    await untilVirtual(scheduler, 'GET_TIME', () => second.requests.length > 1);
    const getTime = second.requests[1]!;
    expect(getTime.type).toBe(MessageType.GET_TIME);
    await second.board.write(
      encodeFrame({ type: MessageType.TIME, requestId: getTime.requestId, deviceMs: 1234, adjusted: false }),
    );
    expect(await time).toMatchObject({ deviceMs: 1234 });
    await client.close();
  });

  it('close() while a reopen is still opening the port: the late link is closed, not left open', async () => {
    const first = await simBoard();
    const late = await simBoard();
    let openCalls = 0;
    let finishOpen!: (link: MemoryLink) => void;
    const client = await DeviceClient.open(
      {
        description: 'memory:slow-reopen',
        open: () =>
          openCalls++ === 0
            ? Promise.resolve(first.host)
            : new Promise<MemoryLink>((resolve) => (finishOpen = resolve)),
      },
      { reconnectIntervalMs: 1, scheduler },
    );
    first.host.disconnect();
    await untilVirtual(scheduler, 'the reopen', () => openCalls === 2);
    await client.close();
    finishOpen(late.host);
    await settle();
    await settle();
    expect(late.host.isOpen).toBe(false);
    expect(late.server.stats.frames).toBe(0);
  });
});

describe('DeviceClient: reconnect wait', () => {
  it('a reconnectWaitMs beyond what a Node timer holds (device watch waits a year) keeps waiting instead of failing at once', async () => {
    const first = await simBoard();
    let opens = 0;
    const client = await DeviceClient.open(
      {
        description: 'memory:gone',
        open: async () => {
          if (opens++ === 0) return first.host;
          throw new LinkClosedError('memory:gone', true); // the port stays absent
        },
      },
      { reconnectIntervalMs: 86_400_000, reconnectWaitMs: 365 * 86_400_000, scheduler },
    );
    first.host.disconnect();
    const call = client.getTime().then(
      () => 'answered',
      (e: unknown) => e,
    );
    await untilVirtual(scheduler, 'a few reopen attempts', () => opens > 5);
    scheduler.advance(300 * 86_400_000); // 300 days later: still within the year
    await settle();
    expect(await Promise.race([call, Promise.resolve('still waiting')])).toBe('still waiting');
    await client.close();
    expect(await call).toBeInstanceOf(DeviceClosedError);
  });
});

describe('DeviceClient: close() stops reconnecting', () => {
  it('leaves no reconnect timer behind (a closed client does not hold the process open)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const first = await simBoard();
    let opens = 0;
    const client = await DeviceClient.open(
      {
        description: 'memory:gone',
        open: async () => {
          if (opens++ === 0) return first.host;
          throw new LinkClosedError('memory:gone', true);
        },
      },
      { reconnectIntervalMs: 3_600_000 },
    );
    const before = timers();
    first.host.disconnect();
    expect(timers()).toBe(before + 1); // the pause before the next reopen
    await client.close();
    expect(timers()).toBe(before);
  });
});

describe('DeviceClient: a reopen that fails during HELLO', () => {
  it('is one disconnect, not two: the listeners hear disconnected once, then reconnected', async () => {
    const first = await simBoard();
    const flaky = heldBoard();
    const good = await simBoard();
    const links: MemoryLink[] = [first.host, flaky.host, good.host];
    const client = await DeviceClient.open(
      { description: 'memory:flaky', open: async () => links.shift()! },
      { reconnectIntervalMs: 1, scheduler },
    );
    const states: string[] = [];
    const reconnected = new Promise<void>((resolve) =>
      client.onConnection((e) => {
        states.push(e.state);
        if (e.state === 'reconnected') resolve();
      }),
    );
    first.host.disconnect();
    await untilVirtual(scheduler, 'the HELLO on the flaky link', () => flaky.requests.length > 0);
    flaky.host.disconnect(); // gone again before it answered
    await inVirtualTime(scheduler, reconnected);
    expect(states).toEqual(['disconnected', 'reconnected']);
    expect(client.connected).toBe(true);
    await client.close();
  });
});

describe('DeviceClient.open() failing', () => {
  it('a port lost during the first HELLO rejects open() and leaves no reconnect loop behind', async () => {
    const flaky = heldBoard();
    let opens = 0;
    const opening = DeviceClient.open(
      {
        description: 'memory:lost-at-hello',
        open: async () => {
          opens++;
          return opens === 1 ? flaky.host : (await simBoard()).host;
        },
      },
      { reconnectIntervalMs: 1, scheduler },
    ).catch((e: unknown) => e);
    await untilVirtual(scheduler, 'the first HELLO', () => flaky.requests.length > 0);
    flaky.host.disconnect();
    expect(await opening).toBeInstanceOf(LinkClosedError);
    expect(scheduler.pending).toBe(0); // no reopen is even scheduled
    scheduler.advance(1000);
    await settle();
    expect(opens).toBe(1); // nobody holds this client: it must not keep reopening the port
  });
});

describe('DeviceClient: events', () => {
  it('a listener that throws does not keep the others from hearing the event, nor the reply from its call', async () => {
    const [host, board] = MemoryLink.pair();
    const firmware = await createFirmware({
      secret: { secret: new Uint8Array(20).fill(1), algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 },
    });
    serveFirmware(firmware, board);
    const client = await DeviceClient.overLink(host, { scheduler });
    const heard: number[] = [];
    const thrown: unknown[] = [];
    const onUncaught = (error: unknown) => thrown.push(error);
    process.prependListener('uncaughtException', onUncaught);
    try {
      client.onEvent(() => {
        throw new Error('listener bug');
      });
      client.onEvent((e) => heard.push(e.type));
      const pressed = await client.press();
      expect(pressed.kind).toBe('code');
      await settle();
      // BUTTON and CODE_SHOWN arrive in the same chunk as the CODE reply.
      expect(heard).toEqual([MessageType.BUTTON, MessageType.CODE_SHOWN]);
      expect(thrown.map((e) => (e as Error).message)).toEqual(['listener bug', 'listener bug']);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      await client.close();
      firmware.stop();
    }
  });
});

describe('DeviceClient: request ids', () => {
  it('wrap from 65535 to 1, never 0 (reserved for events); each reply still reaches its call', async () => {
    const seen: number[] = [];
    const host = scriptedBoard((m) => {
      seen.push(m.requestId);
      return encodeFrame({ type: MessageType.TIME, requestId: m.requestId, deviceMs: m.requestId, adjusted: false });
    });
    // Start at the end of the id space rather than make 65k exchanges (HELLO takes 65533).
    const client = await DeviceClient.overLink(host, { firstRequestId: 65533, scheduler });
    const readings = [];
    for (let i = 0; i < 3; i++) readings.push((await client.getTime()).deviceMs);
    expect(seen).toEqual([65534, 65535, 1]);
    expect(readings).toEqual([65534, 65535, 1]);
    await client.close();
  });

  it("start at a random id by default, so a stale reply from an earlier run is not taken for this run's", async () => {
    const firsts = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const seen: number[] = [];
      const host = scriptedBoard((m) => {
        seen.push(m.requestId);
        return encodeFrame({ type: MessageType.TIME, requestId: m.requestId, deviceMs: 0, adjusted: false });
      });
      const client = await DeviceClient.overLink(host, { scheduler });
      await client.getTime();
      await client.close();
      expect(seen[0]).toBeGreaterThanOrEqual(1);
      expect(seen[0]).toBeLessThanOrEqual(65535);
      firsts.add(seen[0]!);
    }
    // Eight clients starting at one fixed id would give one value.
    expect(firsts.size).toBeGreaterThan(1);
  });
});
