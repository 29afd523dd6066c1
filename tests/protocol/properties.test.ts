import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cobsEncode,
  type DecodeResult,
  encodeFrame,
  encodeRawFrame,
  FrameDecoder,
  FrameError,
  MAX_FRAME_BYTES,
  MessageType as T,
} from '../../src/protocol/index';
import { chunked, concat, messageArb } from './arbitraries';

const okMessages = (results: DecodeResult[]) => results.filter((r) => r.ok).map((r) => (r.ok ? r.message : undefined));

describe('codec properties', () => {
  it('round trip: every message decodes to itself, however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        fc.array(messageArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (messages, cuts) => {
          const wire = concat(messages.map((m) => encodeFrame(m)));
          const decoder = new FrameDecoder();
          const results = chunked(wire, cuts).flatMap((c) => decoder.push(c));
          expect(results.every((r) => r.ok)).toBe(true);
          expect(okMessages(results)).toEqual(messages);
          expect(decoder.state).toBe('idle');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every encoded frame fits MAX_FRAME_BYTES, ends with its only 0x00', () => {
    fc.assert(
      fc.property(messageArb, (message) => {
        const frame = encodeFrame(message);
        expect(frame.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
        expect(frame.indexOf(0)).toBe(frame.length - 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('byte soup: push never throws, never buffers beyond the maximum frame, errors are typed', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 10 }), (chunks) => {
        const decoder = new FrameDecoder();
        let pushed = 0;
        for (const chunk of chunks) {
          const results = decoder.push(chunk);
          pushed += chunk.length;
          expect(decoder.bufferedBytes).toBeLessThan(MAX_FRAME_BYTES);
          for (const r of results) {
            if (!r.ok) {
              expect(r.error).toBeInstanceOf(FrameError);
              expect(r.error.offset).toBeGreaterThanOrEqual(0);
              expect(r.error.offset).toBeLessThan(pushed);
            }
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('resync: after any soup, the frame after the next delimiter decodes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1000 }),
        messageArb,
        fc.array(fc.nat(), { maxLength: 6 }),
        (soup, message, cuts) => {
          const decoder = new FrameDecoder();
          const wire = concat([soup, Uint8Array.of(0), encodeFrame(message)]);
          const results = chunked(wire, cuts).flatMap((c) => decoder.push(c));
          const last = results[results.length - 1];
          expect(last).toEqual({ ok: true, message, offset: soup.length + 1 });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('any single corrupted byte of a frame is detected (CRC-16 catches every error burst up to 16 bits)', () => {
    fc.assert(
      fc.property(messageArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (message, at, xor) => {
        const raw = encodeRawFrame(message);
        const i = at % raw.length;
        raw[i] = raw[i]! ^ xor;
        const results = new FrameDecoder().push(concat([cobsEncode(raw), Uint8Array.of(0)]));
        expect(results).toHaveLength(1);
        expect(results[0]!.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a stream interleaving valid frames and garbage loses only the frames the garbage touches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(messageArb, fc.option(fc.uint8Array({ minLength: 1, maxLength: 40 }), { nil: undefined })), {
          maxLength: 8,
        }),
        (items) => {
          const parts: Uint8Array[] = [];
          const expected = [];
          for (const [message, garbage] of items) {
            if (garbage) parts.push(garbage, Uint8Array.of(0)); // garbage is always followed by a delimiter
            parts.push(encodeFrame(message));
            expected.push(message);
          }
          const results = new FrameDecoder().push(concat(parts));
          expect(okMessages(results).slice(-expected.length)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('decoding a GET_TIME after an oversize run and a truncated frame', () => {
    const decoder = new FrameDecoder();
    const r1 = decoder.push(new Uint8Array(1000).fill(9));
    const r2 = decoder.push(Uint8Array.of(0, 2, 1, 0));
    const r3 = decoder.push(encodeFrame({ type: T.GET_TIME, requestId: 3 }));
    expect(r1.map((r) => !r.ok && r.error.kind)).toEqual(['oversize']);
    expect(r2.map((r) => !r.ok && r.error.kind)).toEqual(['truncated']);
    expect(r3).toEqual([{ ok: true, message: { type: T.GET_TIME, requestId: 3 }, offset: 1004 }]);
  });
});
