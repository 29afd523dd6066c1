import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceClient, type DeviceInfo, DeviceStatusError } from '../../src/device/index';
import type { Link } from '../../src/link/link';
import { cobsEncode } from '../../src/protocol/cobs';
import { FrameDecoder } from '../../src/protocol/codec';
import { crc16 } from '../../src/protocol/crc16';
import { type EventMessage, type Message, MessageType, PROTOCOL_VERSION, Status } from '../../src/protocol/messages';

/**
 * One conformance suite for the device protocol (docs/protocol.md), run against every implementation:
 * firmware-sim over MemoryLink, firmware-sim on a socat pty through serialport, the HID path, and real
 * hardware (TOKENKIT_TEST_PORT). A harness plugs in by giving a way to reach a board:
 *
 *   createDeviceTests({ name: 'memory', connect: async () => ({ link, teardown }) })
 *
 * The suite opens its own DeviceClient over the link, and also reads the link's raw bytes to check
 * replies to frames a DeviceClient would never send (corrupt, unknown type, newer version, oversize).
 * It PROVISIONS A TEST SECRET: don't point it at a board whose secret you need.
 */
export interface DeviceTestContext {
  /** Shown in the describe title. */
  name: string;
  /** Opens a link to a board in smart-token mode. Called once for the whole suite. */
  connect(): Promise<{ link: Link; teardown(): Promise<void> }>;
  /** Reply timeout for the client (real hardware may need more than the default). */
  timeoutMs?: number;
  /** The board starts with no secret (true for a fresh simulator): checks NOT_PROVISIONED first. */
  startsUnprovisioned?: boolean;
}

// RFC 6238's SHA-1 secret, with otplib as the independent reference for expected codes.
const SECRET = new TextEncoder().encode('12345678901234567890');
const SECRET_B = new Uint8Array(20).map((_, i) => (i * 53 + 7) & 0xff);

function referenceCode(secret: Uint8Array, step: number, digits = 6, periodSec = 30): string {
  return generateSync({ secret, epoch: step * periodSec, digits: digits as 6, period: periodSec, algorithm: 'sha1' });
}

/** A frame built by hand: any version/type/id, valid CRC, COBS + delimiter. */
export function rawFrame(version: number, type: number, requestId: number, payload: number[] = []): Uint8Array {
  const raw = new Uint8Array(4 + payload.length + 2);
  raw.set([version, type, requestId & 0xff, requestId >> 8, ...payload]);
  const crc = crc16(raw, 0, raw.length - 2);
  raw[raw.length - 2] = crc & 0xff;
  raw[raw.length - 1] = crc >> 8;
  const encoded = cobsEncode(raw);
  const out = new Uint8Array(encoded.length + 1);
  out.set(encoded);
  return out;
}

/** Collects decoded frames from a link's raw bytes (alongside the DeviceClient's own decoder). */
class RawTap {
  readonly messages: Message[] = [];
  private readonly decoder = new FrameDecoder();
  private waiters: (() => void)[] = [];
  readonly off: () => void;
  constructor(link: Link) {
    this.off = link.onData((chunk) => {
      for (const r of this.decoder.push(chunk)) if (r.ok) this.messages.push(r.message);
      for (const w of this.waiters.splice(0)) w();
    });
  }
  async waitFor(predicate: (m: Message) => boolean, timeoutMs = 3000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('expected frame did not arrive');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
}

export function createDeviceTests(ctx: DeviceTestContext): void {
  describe(`device conformance: ${ctx.name}`, () => {
    let link: Link;
    let teardown: () => Promise<void>;
    let client: DeviceClient;
    let tap: RawTap;
    let info: DeviceInfo;
    const events: EventMessage[] = [];

    beforeAll(async () => {
      ({ link, teardown } = await ctx.connect());
      tap = new RawTap(link);
      client = await DeviceClient.overLink(link, { timeoutMs: ctx.timeoutMs ?? 1000 });
      client.onEvent((e) => events.push(e));
      info = client.info;
    });
    afterAll(async () => {
      tap?.off();
      await client?.close();
      await teardown?.();
    });

    it('HELLO answers INFO with the protocol version, a profile from devices/, a serial and the mode', async () => {
      expect(info.protocolVersion).toBe(PROTOCOL_VERSION);
      expect(['code-display', 'audio-code-reader']).toContain(info.profileId);
      expect(info.serial.length).toBeGreaterThan(0);
      expect(info.mode).toBe('smart');
      const again = await client.hello();
      expect(again.serial).toBe(info.serial);
    });

    it.skipIf(!ctx.startsUnprovisioned)('a press before provisioning answers NOT_PROVISIONED', async () => {
      expect(info.provisioned).toBe(false);
      const error = await client.press().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceStatusError);
      expect((error as DeviceStatusError).status).toBe(Status.NOT_PROVISIONED);
    });

    it('PROVISION then PRESS: the code is the TOTP of the provisioned secret for the step the board reports', async () => {
      await client.provision({ secret: SECRET, digits: 6, periodSec: 30 });
      expect((await client.hello()).provisioned).toBe(true);
      const result = await client.press();
      if (result.kind !== 'code') throw new Error('expected a code');
      expect(result.code).toBe(referenceCode(SECRET, result.step));
      expect(result.remainingMs).toBeGreaterThan(0);
      expect(result.remainingMs).toBeLessThanOrEqual(30_000);
    });

    it('a press emits BUTTON{host} and CODE_SHOWN with the same code and step as the reply', async () => {
      events.length = 0;
      const result = await client.press();
      if (result.kind !== 'code') throw new Error('expected a code');
      await tap.waitFor((m) => m.type === MessageType.CODE_SHOWN && m.step >= result.step);
      const shown = events.find((e) => e.type === MessageType.CODE_SHOWN);
      expect(shown).toMatchObject({ code: result.code, step: result.step });
      const button = events.find((e) => e.type === MessageType.BUTTON);
      expect(button).toMatchObject({ long: false, host: true });
      expect(events.indexOf(button!)).toBeLessThan(events.indexOf(shown!));
    });

    it('provisioning a new secret replaces the old one (codes follow the new secret)', async () => {
      await client.provision({ secret: SECRET_B, digits: 8, periodSec: 30 });
      const result = await client.press();
      if (result.kind !== 'code') throw new Error('expected a code');
      expect(result.code).toBe(referenceCode(SECRET_B, result.step, 8));
      await client.provision({ secret: SECRET, digits: 6, periodSec: 30 });
    });

    it('a long press answers OK and emits BUTTON{long} and BATTERY', async () => {
      events.length = 0;
      expect(await client.press({ long: true })).toEqual({ kind: 'ok' });
      await tap.waitFor((m) => m.type === MessageType.BATTERY);
      expect(events.find((e) => e.type === MessageType.BUTTON)).toMatchObject({ long: true, host: true });
      const battery = events.find((e) => e.type === MessageType.BATTERY);
      expect(battery).toBeDefined();
      if (battery?.type === MessageType.BATTERY) {
        expect(battery.percent).toBeGreaterThanOrEqual(0);
        expect(battery.percent).toBeLessThanOrEqual(100);
      }
    });

    it('GET_TIME: the offset comes with an uncertainty of half the round trip', async () => {
      const reading = await client.getTime();
      expect(reading.uncertaintyMs).toBeCloseTo(reading.rttMs / 2, 6);
      expect(reading.offsetMs).toBeCloseTo(reading.deviceMs - reading.hostMs, 6);
    });

    it('SET_TIME: a soft set never moves the clock back; a forced set does; the code follows the clock', async () => {
      const before = await client.getTime();
      const soft = await client.setTime(before.deviceMs - 3_600_000);
      expect(soft.adjusted).toBe(false);
      expect(soft.deviceMs).toBeGreaterThanOrEqual(before.deviceMs);

      const targetMs = Date.UTC(2030, 5, 1, 8, 0, 10);
      const forced = await client.setTime(targetMs, { force: true });
      expect(forced.adjusted).toBe(true);
      expect(forced.deviceMs).toBeGreaterThanOrEqual(targetMs);
      const result = await client.press();
      if (result.kind !== 'code') throw new Error('expected a code');
      const after = await client.getTime();
      // The press read the board clock after it was set to targetMs and before this reading.
      expect(result.step).toBeGreaterThanOrEqual(Math.floor(targetMs / 30_000));
      expect(result.step).toBeLessThanOrEqual(Math.floor(after.deviceMs / 30_000));
      expect(result.code).toBe(referenceCode(SECRET, result.step));
      const restored = await client.setTime('now', { force: true });
      expect(restored.adjusted).toBe(true);
    });

    it('DISPLAY on a smart token answers WRONG_MODE', async () => {
      const error = await client.display('123456', 10_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceStatusError);
      expect((error as DeviceStatusError).status).toBe(Status.WRONG_MODE);
    });

    it('concurrent calls wait in a queue and each gets its own reply', async () => {
      const [a, b, c] = await Promise.all([client.press(), client.getTime(), client.press()]);
      expect(a.kind).toBe('code');
      expect(b.deviceMs).toBeGreaterThan(0);
      expect(c.kind).toBe('code');
    });

    it('an unknown request type with a readable id gets STATUS UNKNOWN_TYPE; the board keeps working', async () => {
      await link.write(rawFrame(PROTOCOL_VERSION, 0x3e, 0x7701));
      const reply = await tap.waitFor((m) => m.requestId === 0x7701);
      expect(reply).toMatchObject({ type: MessageType.STATUS, status: Status.UNKNOWN_TYPE });
      expect((await client.press()).kind).toBe('code');
    });

    it('a frame from a newer protocol version gets STATUS UNSUPPORTED_VERSION', async () => {
      await link.write(rawFrame(PROTOCOL_VERSION + 1, MessageType.GET_TIME, 0x7702));
      const reply = await tap.waitFor((m) => m.requestId === 0x7702);
      expect(reply).toMatchObject({ type: MessageType.STATUS, status: Status.UNSUPPORTED_VERSION });
    });

    it('a request with a truncated payload gets STATUS BAD_REQUEST', async () => {
      await link.write(rawFrame(PROTOCOL_VERSION, MessageType.SET_TIME, 0x7703, [1, 2, 3]));
      const reply = await tap.waitFor((m) => m.requestId === 0x7703);
      expect(reply).toMatchObject({ type: MessageType.STATUS, status: Status.BAD_REQUEST });
    });

    it('a corrupt frame (bad CRC) gets an ERROR event; an oversized one ERROR TOO_LARGE; the board stays in sync', async () => {
      const good = rawFrame(PROTOCOL_VERSION, MessageType.GET_TIME, 0x7704);
      const corrupt = Uint8Array.from(good);
      corrupt[3] = corrupt[3]! ^ 0x40 || 1;
      tap.messages.length = 0;
      await link.write(corrupt);
      await tap.waitFor((m) => m.type === MessageType.ERROR && m.status === Status.BAD_CRC);
      const oversized = new Uint8Array(600).fill(0x41);
      await link.write(oversized);
      await link.write(new Uint8Array([0]));
      await tap.waitFor((m) => m.type === MessageType.ERROR && m.status === Status.TOO_LARGE);
      // Garbage split across writes, then a good frame: answered normally.
      await link.write(new Uint8Array([0x13, 0x37]));
      await link.write(new Uint8Array([0x00]));
      await link.write(good);
      expect(await tap.waitFor((m) => m.requestId === 0x7704)).toMatchObject({ type: MessageType.TIME });
      expect((await client.press()).kind).toBe('code');
    });

    it('no message reads the secret back: INFO and every reply carry no secret bytes', async () => {
      const secretHex = Buffer.from(SECRET).toString('hex');
      for (const m of tap.messages) {
        const json = JSON.stringify(m, (_k, v: unknown) =>
          v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
        );
        expect(json).not.toContain(secretHex);
      }
      expect(tap.messages.length).toBeGreaterThan(0);
    });
  });
}
