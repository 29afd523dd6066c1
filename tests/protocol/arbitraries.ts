import fc from 'fast-check';
import {
  MAX_DIGITS,
  MAX_PROVISION_SECRET_BYTES,
  MAX_STRING_BYTES,
  type Message,
  MIN_DIGITS,
  MessageType as T,
} from '../../src/protocol/index';

/** fast-check arbitraries covering every message type over its whole valid range (docs/protocol.md §3). */
const id = fc.integer({ min: 1, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u64 = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.maxSafeInteger().filter((n) => n >= 0),
  fc.constant(Number.MAX_SAFE_INTEGER),
);
const digitString = (min: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: MAX_DIGITS });
// Any well-formed Unicode that fits in MAX_STRING_BYTES of UTF-8.
const wireString = fc
  .string({ unit: 'grapheme', maxLength: MAX_STRING_BYTES })
  .filter((s) => new TextEncoder().encode(s).length <= MAX_STRING_BYTES);
const status = fc.integer({ min: 0, max: 0xff });

export const messageArb: fc.Arbitrary<Message> = fc.oneof(
  fc.record({ type: fc.constant(T.HELLO), requestId: id, hostProtocolVersion: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ type: fc.constant(T.GET_TIME), requestId: id }),
  fc.record({ type: fc.constant(T.SET_TIME), requestId: id, timeMs: u64, force: fc.boolean() }),
  fc.record({
    type: fc.constant(T.PROVISION),
    requestId: id,
    secret: fc.uint8Array({ minLength: 1, maxLength: MAX_PROVISION_SECRET_BYTES }),
    algorithm: fc.constantFrom('sha1' as const, 'sha256' as const, 'sha512' as const),
    digits: fc.integer({ min: MIN_DIGITS, max: MAX_DIGITS }),
    periodSec: fc.integer({ min: 1, max: 0xffff }),
    t0Sec: u32,
  }),
  fc.record({ type: fc.constant(T.PRESS), requestId: id, long: fc.boolean() }),
  fc.record({ type: fc.constant(T.DISPLAY), requestId: id, code: digitString(0), remainingMs: u32 }),
  fc.record({
    type: fc.constant(T.INFO),
    requestId: id,
    protocolVersion: fc.integer({ min: 1, max: 255 }),
    firmwareVersion: wireString,
    profileId: wireString,
    serial: wireString,
    mode: fc.constantFrom('smart' as const, 'display' as const),
    capabilities: fc.integer({ min: 0, max: 0xffff }),
    provisioned: fc.boolean(),
  }),
  fc.record({ type: fc.constant(T.TIME), requestId: id, deviceMs: u64, adjusted: fc.boolean() }),
  fc.record({ type: fc.constant(T.STATUS), requestId: id, status }),
  fc.record({ type: fc.constant(T.CODE), requestId: id, code: digitString(1), step: u32, remainingMs: u32 }),
  fc.record({ type: fc.constant(T.BUTTON), requestId: fc.constant(0), long: fc.boolean(), host: fc.boolean() }),
  fc.record({
    type: fc.constant(T.CODE_SHOWN),
    requestId: fc.constant(0),
    code: digitString(1),
    step: u32,
    remainingMs: u32,
  }),
  fc.record({ type: fc.constant(T.DISPLAY_OFF), requestId: fc.constant(0) }),
  fc.record({
    type: fc.constant(T.BATTERY),
    requestId: fc.constant(0),
    percent: fc.integer({ min: 0, max: 100 }),
    low: fc.boolean(),
  }),
  fc.record({ type: fc.constant(T.ERROR), requestId: fc.constant(0), status }),
) as fc.Arbitrary<Message>;

/** Splits bytes into consecutive chunks at arbitrary cut points (how a serial port delivers them). */
export function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const p of points) {
    if (p > start) chunks.push(bytes.subarray(start, p));
    start = Math.max(start, p);
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  return chunks;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
