import { describe, expect, it } from 'vitest';
import { createFirmware, serveFirmware } from '../../firmware-sim/index';
import { DeviceClient } from '../../src/device/index';
import { MemoryLink } from '../../src/link/memory-link';
import { crc16 } from '../../src/protocol/crc16';
import { decodeRawFrame, encodeRawFrame, type InfoMessage, type Message, MessageType } from '../../src/protocol/index';

// INFO's optional clockFlags byte (docs/protocol.md §12): additive, so INFO from older boards still decodes.
const BASE: InfoMessage = {
  type: MessageType.INFO,
  requestId: 1,
  protocolVersion: 1,
  mode: 'smart',
  capabilities: 0x5d,
  provisioned: true,
  firmwareVersion: '1.0.0',
  profileId: 'code-display',
  serial: 'TK0001',
};

/** The raw INFO frame with `extra` bytes appended to the payload (CRC recomputed). */
function withExtra(message: Message, extra: number[]): Uint8Array {
  const raw = encodeRawFrame(message);
  const out = new Uint8Array(raw.length + extra.length);
  out.set(raw.subarray(0, raw.length - 2));
  out.set(extra, raw.length - 2);
  const crc = crc16(out, 0, out.length - 2);
  out[out.length - 2] = crc & 0xff;
  out[out.length - 1] = crc >> 8;
  return out;
}

function decode(raw: Uint8Array): Message {
  const r = decodeRawFrame(raw);
  if (!r.ok) throw r.error;
  return r.message;
}

describe('INFO clockFlags', () => {
  it('an INFO without the byte (older firmware) decodes with no clock field', () => {
    const message = decode(encodeRawFrame(BASE));
    expect(message).toEqual(BASE);
    expect('clock' in message).toBe(false);
  });

  it('bit 0 is unset, bit 1 unreliable; unknown bits and bytes after it are ignored', () => {
    expect(decode(withExtra(BASE, [0x01]))).toMatchObject({ clock: { unset: true, unreliable: false } });
    expect(decode(withExtra(BASE, [0x02]))).toMatchObject({ clock: { unset: false, unreliable: true } });
    expect(decode(withExtra(BASE, [0xfc, 0x55]))).toMatchObject({ clock: { unset: false, unreliable: false } });
  });

  it('encodes the byte only when clock is given, and round-trips it', () => {
    const message: InfoMessage = { ...BASE, clock: { unset: true, unreliable: true } };
    const raw = encodeRawFrame(message);
    expect(raw.length).toBe(encodeRawFrame(BASE).length + 1);
    expect(raw[raw.length - 3]).toBe(0x03);
    expect(decode(raw)).toEqual(message);
  });

  it('firmware-sim reports a set, reliable clock; with the clock-unset fault, unset until a SET_TIME sets it', async () => {
    for (const clockUnset of [false, true]) {
      const [host, board] = MemoryLink.pair();
      const firmware = await createFirmware({ profile: 'code-display' });
      const server = serveFirmware(firmware, board, { clockUnset });
      const client = await DeviceClient.overLink(host);
      try {
        expect(client.info.clock).toEqual({ unset: clockUnset, unreliable: false });
        await client.setTime(Date.now() - 60_000); // soft and backwards: not applied, still unset
        expect((await client.hello()).clock?.unset).toBe(clockUnset);
        await client.setTime('now', { force: true });
        expect((await client.hello()).clock).toEqual({ unset: false, unreliable: false });
      } finally {
        await client.close();
        server.stop();
        firmware.stop();
      }
    }
  });
});
