import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeRawFrame,
  encodeFrame,
  encodeRawFrame,
  FrameDecoder,
  type Message,
  MessageType,
  packetise,
} from '../../src/protocol/index';
import { fromHex, hex } from './arbitraries';
import { referenceCobsEncode, referenceCrc16 } from './reference';

/**
 * The worked examples in docs/protocol.md are the spec's test vectors: every ```vector block is checked in
 * both directions against the codec, its CRC is recomputed bit by bit, and its COBS by the reference
 * encoder. A doc edit that breaks an example, or a codec change that breaks the doc, fails here.
 */
const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

interface Vector {
  message: Message;
  raw: Uint8Array;
  wire: Uint8Array;
  label: string;
}

function parseVectors(text: string): Vector[] {
  const blocks = [...text.matchAll(/```vector\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.map((block) => {
    const field = (name: string) => {
      const line = block.split('\n').find((l) => l.startsWith(`${name}:`));
      if (!line) throw new Error(`vector without ${name}: ${block}`);
      return line.slice(name.length + 1).trim();
    };
    const json = JSON.parse(field('message')) as Record<string, unknown>;
    const type = MessageType[json.type as keyof typeof MessageType];
    const message = { ...json, type } as Record<string, unknown>;
    if (typeof json.secret === 'string') message.secret = fromHex(json.secret);
    return {
      message: message as unknown as Message,
      raw: fromHex(field('raw')),
      wire: fromHex(field('wire')),
      label: String(json.type),
    };
  });
}

const vectors = parseVectors(doc);

describe('docs/protocol.md worked examples', () => {
  it('has one for every message type', () => {
    const types = new Set(vectors.map((v) => v.message.type));
    const all = Object.values(MessageType).filter((v): v is MessageType => typeof v === 'number');
    expect([...all].filter((t) => !types.has(t)).map((t) => MessageType[t])).toEqual([]);
  });

  it.each(vectors.map((v) => [v.label, v] as const))(
    '%s: CRC and COBS agree with the independent references',
    (_l, v) => {
      const body = [...v.raw.subarray(0, v.raw.length - 2)];
      const crc = referenceCrc16(body);
      expect([v.raw[v.raw.length - 2], v.raw[v.raw.length - 1]]).toEqual([crc & 0xff, crc >> 8]);
      expect([...v.wire]).toEqual([...referenceCobsEncode([...v.raw]), 0]);
    },
  );

  it.each(vectors.map((v) => [v.label, v] as const))('%s: encodes to the documented bytes', (_l, v) => {
    expect(hex(encodeRawFrame(v.message))).toBe(hex(v.raw));
    expect(hex(encodeFrame(v.message))).toBe(hex(v.wire));
  });

  it.each(vectors.map((v) => [v.label, v] as const))('%s: decodes from the documented bytes', (_l, v) => {
    expect(decodeRawFrame(v.raw)).toEqual({ ok: true, message: v.message, offset: 0 });
    const results = new FrameDecoder().push(v.wire);
    expect(results).toEqual([{ ok: true, message: v.message, offset: 0 }]);
  });

  it('the HID example report matches the packetiser', () => {
    const press = vectors.find((v) => v.message.type === MessageType.PRESS)!;
    const block = doc.match(/as one report:\n\n```\n([\s\S]*?)```/);
    expect(block).not.toBeNull();
    expect(packetise(press.wire).map(hex)).toEqual([hex(fromHex(block![1]!))]);
    expect(hex(packetise(press.wire, { reportId: 0 })[0]!)).toBe(`00${hex(fromHex(block![1]!))}`);
  });
});
