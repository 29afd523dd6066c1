import { describe, expect, it } from 'vitest';
import {
  decodeRawFrame,
  encodeFrame,
  encodeRawFrame,
  FrameDecoder,
  FrameError,
  MAX_FRAME_BYTES,
  type Message,
  MessageEncodeError,
  PROTOCOL_VERSION,
  ProtocolVersionError,
  Status,
  statusName,
  MessageType as T,
} from '../../src/protocol/index';
import { concat, hex } from './arbitraries';
import { referenceRaw, referenceWire, u16le, u32le, u64le } from './reference';

const ascii = (s: string) => [...new TextEncoder().encode(s)];
const lp = (s: string) => [ascii(s).length, ...ascii(s)];

/**
 * Vectors built field by field from the tables in docs/protocol.md §3 with the reference CRC and COBS
 * (tests/protocol/reference.ts), independent of the codec's own writer.
 */
const vectors: [string, Message, number[]][] = [
  ['HELLO', { type: T.HELLO, requestId: 0x1234, hostProtocolVersion: 1 }, [1]],
  ['GET_TIME', { type: T.GET_TIME, requestId: 0xffff }, []],
  [
    'SET_TIME soft',
    { type: T.SET_TIME, requestId: 2, timeMs: 1_700_000_000_123, force: false },
    [...u64le(1_700_000_000_123), 0],
  ],
  [
    'SET_TIME max safe',
    { type: T.SET_TIME, requestId: 2, timeMs: Number.MAX_SAFE_INTEGER, force: true },
    [...u64le(Number.MAX_SAFE_INTEGER), 1],
  ],
  [
    'PROVISION',
    {
      type: T.PROVISION,
      requestId: 3,
      secret: Uint8Array.from([0, 1, 0, 0xff]),
      algorithm: 'sha256',
      digits: 8,
      periodSec: 60,
      t0Sec: 0xdeadbeef,
    },
    [1, 8, ...u16le(60), ...u32le(0xdeadbeef), 4, 0, 1, 0, 0xff],
  ],
  ['PRESS long', { type: T.PRESS, requestId: 4, long: true }, [1]],
  [
    'DISPLAY',
    { type: T.DISPLAY, requestId: 5, code: '0012345678', remainingMs: 29_999 },
    [...u32le(29_999), 10, ...ascii('0012345678')],
  ],
  [
    'INFO',
    {
      type: T.INFO,
      requestId: 6,
      protocolVersion: 1,
      mode: 'display',
      capabilities: 0x8003,
      provisioned: false,
      firmwareVersion: 'v2 æøå',
      profileId: 'audio-code-reader',
      serial: '',
    },
    [1, 1, ...u16le(0x8003), 0, ...lp('v2 æøå'), ...lp('audio-code-reader'), 0],
  ],
  ['TIME', { type: T.TIME, requestId: 7, deviceMs: 0, adjusted: true }, [...u64le(0), 1]],
  ['STATUS unknown code', { type: T.STATUS, requestId: 8, status: 0x7e }, [0x7e]],
  [
    'CODE',
    { type: T.CODE, requestId: 9, code: '755224', step: 0, remainingMs: 30_000 },
    [...u32le(0), ...u32le(30_000), 6, ...ascii('755224')],
  ],
  ['BUTTON', { type: T.BUTTON, requestId: 0, long: true, host: false }, [1]],
  [
    'CODE_SHOWN',
    { type: T.CODE_SHOWN, requestId: 0, code: '1', step: 0xffffffff, remainingMs: 1 },
    [...u32le(0xffffffff), ...u32le(1), 1, 0x31],
  ],
  ['DISPLAY_OFF', { type: T.DISPLAY_OFF, requestId: 0 }, []],
  ['BATTERY', { type: T.BATTERY, requestId: 0, percent: 100, low: false }, [100, 0]],
  ['ERROR', { type: T.ERROR, requestId: 0, status: Status.TOO_LARGE }, [9]],
];

describe('codec vectors built from the spec tables', () => {
  it.each(vectors)('%s', (_name, message, payload) => {
    const raw = referenceRaw(PROTOCOL_VERSION, message.type, message.requestId, payload);
    expect(hex(encodeRawFrame(message))).toBe(hex(Uint8Array.from(raw)));
    expect(hex(encodeFrame(message))).toBe(hex(Uint8Array.from(referenceWire(raw))));
    expect(new FrameDecoder().push(Uint8Array.from(referenceWire(raw)))).toEqual([{ ok: true, message, offset: 0 }]);
  });

  it('ignores payload bytes after the known fields (additive fields within a version)', () => {
    const raw = referenceRaw(1, T.PRESS, 9, [1, 0xaa, 0xbb]);
    expect(decodeRawFrame(Uint8Array.from(raw))).toEqual({
      ok: true,
      message: { type: T.PRESS, requestId: 9, long: true },
      offset: 0,
    });
  });

  it('ignores unknown flag bits', () => {
    const raw = referenceRaw(1, T.BUTTON, 0, [0xfe]);
    expect(decodeRawFrame(Uint8Array.from(raw))).toEqual({
      ok: true,
      message: { type: T.BUTTON, requestId: 0, long: false, host: true },
      offset: 0,
    });
  });

  it('keeps unknown status codes as numbers with a readable name', () => {
    expect(statusName(Status.NOT_PROVISIONED)).toBe('NOT_PROVISIONED');
    expect(statusName(0x42)).toBe('UNKNOWN_0x42');
  });
});

function decodeOne(raw: number[], offset = 0): FrameError {
  const results = new FrameDecoder().push(Uint8Array.from(referenceWire(raw)));
  expect(results).toHaveLength(1);
  const [result] = results;
  if (!result || result.ok) throw new Error('expected an error');
  expect(result.error.offset).toBe(offset);
  return result.error;
}

describe('typed frame errors', () => {
  it('crc: one flipped payload bit', () => {
    const raw = referenceRaw(1, T.PRESS, 1, [0]);
    raw[4] = 0x40;
    expect(decodeOne(raw)).toMatchObject({ kind: 'crc', offset: 0 });
  });

  it('cobs: a code byte pointing past the delimiter', () => {
    const results = new FrameDecoder().push(Uint8Array.from([0x09, 0x01, 0x02, 0x00]));
    expect(results[0]).toMatchObject({ ok: false, error: { kind: 'cobs', offset: 0 } });
  });

  it('truncated: fewer than header + CRC, and a payload shorter than its fields', () => {
    expect(new FrameDecoder().push(Uint8Array.from([0x03, 0x01, 0x02, 0x00]))[0]).toMatchObject({
      ok: false,
      error: { kind: 'truncated' },
    });
    const short = referenceRaw(1, T.SET_TIME, 5, [1, 2, 3]);
    expect(decodeOne(short)).toMatchObject({ kind: 'truncated', type: T.SET_TIME, requestId: 5 });
  });

  it('unknown-type keeps the request id so a board can answer it', () => {
    const error = decodeOne(referenceRaw(1, 0x3f, 77, []));
    expect(error).toMatchObject({ kind: 'unknown-type', type: 0x3f, requestId: 77 });
    expect(error.message).toContain('0x3f');
  });

  it('version: a newer peer gives ProtocolVersionError', () => {
    const error = decodeOne(referenceRaw(PROTOCOL_VERSION + 1, T.INFO, 1, []));
    expect(error).toBeInstanceOf(ProtocolVersionError);
    expect(error).toBeInstanceOf(FrameError);
    expect(error).toMatchObject({
      kind: 'version',
      version: PROTOCOL_VERSION + 1,
      peerVersion: PROTOCOL_VERSION + 1,
      hostVersion: PROTOCOL_VERSION,
    });
    expect(error.message).toMatch(/update tokenkit/);
  });

  it.each([
    ['version byte 0', referenceRaw(0, T.PRESS, 1, [0])],
    ['event with a request id', referenceRaw(1, T.DISPLAY_OFF, 3, [])],
    ['request with id 0', referenceRaw(1, T.PRESS, 0, [0])],
    ['algorithm code 3', referenceRaw(1, T.PROVISION, 1, [3, 6, 30, 0, 0, 0, 0, 0, 1, 0x41])],
    ['digits 5', referenceRaw(1, T.PROVISION, 1, [0, 5, 30, 0, 0, 0, 0, 0, 1, 0x41])],
    ['empty secret', referenceRaw(1, T.PROVISION, 1, [0, 6, 30, 0, 0, 0, 0, 0, 0])],
    ['period 0', referenceRaw(1, T.PROVISION, 1, [0, 6, 0, 0, 0, 0, 0, 0, 1, 0x41])],
    ['non-digit code', referenceRaw(1, T.CODE, 1, [...u32le(1), ...u32le(1), 2, 0x31, 0x41])],
    ['empty shown code', referenceRaw(1, T.CODE_SHOWN, 0, [...u32le(1), ...u32le(1), 0])],
    ['11-digit display', referenceRaw(1, T.DISPLAY, 1, [...u32le(1), 11, ...ascii('12345678901')])],
    ['mode 2', referenceRaw(1, T.INFO, 1, [1, 2, 0, 0, 0, 0, 0, 0])],
    ['invalid UTF-8 serial', referenceRaw(1, T.INFO, 1, [1, 0, 0, 0, 0, 0, 0, 1, 0xff])],
    ['battery 101 %', referenceRaw(1, T.BATTERY, 0, [101, 0])],
    ['deviceMs above 2^53', referenceRaw(1, T.TIME, 1, [0, 0, 0, 0, 0, 0, 0x20, 0, 0])],
  ])('payload: %s', (_name, raw) => {
    expect(decodeOne(raw)).toMatchObject({ kind: 'payload' });
  });

  it('oversize: reported once, as soon as the frame passes the limit, then back in sync', () => {
    const decoder = new FrameDecoder();
    const junk = new Uint8Array(MAX_FRAME_BYTES - 1).fill(0x55);
    expect(decoder.push(junk)).toEqual([]);
    expect(decoder.state).toBe('in-frame');
    const more = decoder.push(Uint8Array.from([0x55, 0x55, 0x55]));
    expect(more).toHaveLength(1);
    expect(more[0]).toMatchObject({ ok: false, error: { kind: 'oversize', offset: 0 } });
    expect(decoder.state).toBe('overflow');
    expect(decoder.bufferedBytes).toBe(0);
    const good = encodeFrame({ type: T.GET_TIME, requestId: 1 });
    expect(decoder.push(concat([new Uint8Array(500).fill(1), Uint8Array.of(0), good]))).toEqual([
      { ok: true, message: { type: T.GET_TIME, requestId: 1 }, offset: MAX_FRAME_BYTES + 2 + 500 + 1 },
    ]);
    expect(decoder.state).toBe('idle');
  });

  it('a maximal frame (255 encoded bytes + delimiter) is accepted', () => {
    const raw = referenceRaw(1, T.PRESS, 1, [1, ...new Array(248 - 1).fill(7)]);
    expect(raw).toHaveLength(254);
    const wire = Uint8Array.from(referenceWire(raw));
    expect(wire).toHaveLength(MAX_FRAME_BYTES);
    expect(new FrameDecoder().push(wire)).toEqual([
      { ok: true, message: { type: T.PRESS, requestId: 1, long: true }, offset: 0 },
    ]);
  });

  it('offsets count bytes since creation or reset; reset drops a partial frame', () => {
    const decoder = new FrameDecoder();
    const a = encodeFrame({ type: T.GET_TIME, requestId: 1 });
    decoder.push(a);
    decoder.push(Uint8Array.of(0, 0));
    const results = decoder.push(a);
    expect(results[0]).toMatchObject({ ok: true, offset: a.length + 2 });
    decoder.push(a.subarray(0, 3));
    expect(decoder.state).toBe('in-frame');
    decoder.reset();
    expect(decoder.state).toBe('idle');
    expect(decoder.push(a)).toEqual([{ ok: true, message: { type: T.GET_TIME, requestId: 1 }, offset: 0 }]);
  });

  it('messages are in both languages (no raw keys leak)', () => {
    const error = decodeOne(referenceRaw(1, 0x3f, 1, []));
    expect(error.localized('da')).toMatch(/ukendt beskedtype/);
    expect(error.message).not.toContain('protocol.frame');
  });
});

describe('encodeFrame rejects messages that cannot go on the wire', () => {
  it.each([
    ['request id 0', { type: T.PRESS, requestId: 0, long: false }, 'requestId'],
    ['request id 65536', { type: T.PRESS, requestId: 65536, long: false }, 'requestId'],
    ['event with id', { type: T.DISPLAY_OFF, requestId: 1 }, 'requestId'],
    [
      'secret too long',
      {
        type: T.PROVISION,
        requestId: 1,
        secret: new Uint8Array(65),
        algorithm: 'sha1',
        digits: 6,
        periodSec: 30,
        t0Sec: 0,
      },
      'secret',
    ],
    [
      'unknown algorithm',
      {
        type: T.PROVISION,
        requestId: 1,
        secret: new Uint8Array(20),
        algorithm: 'md5',
        digits: 6,
        periodSec: 30,
        t0Sec: 0,
      },
      'algorithm',
    ],
    ['code with letters', { type: T.DISPLAY, requestId: 1, code: '12a456', remainingMs: 1 }, 'code'],
    ['negative time', { type: T.SET_TIME, requestId: 1, timeMs: -1, force: false }, 'timeMs'],
    ['fractional remaining', { type: T.CODE, requestId: 1, code: '1', step: 1, remainingMs: 1.5 }, 'remainingMs'],
    [
      'string over 32 bytes',
      {
        type: T.INFO,
        requestId: 1,
        protocolVersion: 1,
        mode: 'smart',
        capabilities: 0,
        provisioned: false,
        firmwareVersion: 'ø'.repeat(17),
        profileId: '',
        serial: '',
      },
      'firmwareVersion',
    ],
    [
      'lone surrogate',
      {
        type: T.INFO,
        requestId: 1,
        protocolVersion: 1,
        mode: 'smart',
        capabilities: 0,
        provisioned: false,
        firmwareVersion: '\ud800',
        profileId: '',
        serial: '',
      },
      'firmwareVersion',
    ],
    ['unknown type', { type: 0x3e, requestId: 1 }, 'type'],
  ])('%s', (_name, message, field) => {
    let caught: unknown;
    try {
      encodeFrame(message as unknown as Message);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MessageEncodeError);
    expect((caught as MessageEncodeError).field).toBe(field);
  });

  it('never puts a secret into the error', () => {
    const secret = new TextEncoder().encode('SUPERSECRETSUPERSECRETSUPERSECRETSUPERSECRETSUPERSECRETSUPERSECRET');
    try {
      encodeFrame({ type: T.PROVISION, requestId: 1, secret, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('SUPERSECRET');
      expect(JSON.stringify(error)).not.toContain('SUPERSECRET');
    }
  });
});
