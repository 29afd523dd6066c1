import { describe, expect, it } from 'vitest';
import { FuzzViolation, fuzzDecoder } from '../../bench/fuzz';
import { FrameDecoder, MAX_FRAME_BYTES } from '../../src/protocol/index';

// 100k random and mutated chunks through one decoder (the 10M run is `npm run fuzz`). The invariants are
// checked inside fuzzDecoder on every chunk and throw FuzzViolation naming the seed and chunk.
describe('frame decoder fuzz', () => {
  it('survives 100k random and mutated chunks with every invariant held', () => {
    const stats = fuzzDecoder({ chunks: 100_000, seed: 20261123 });
    expect(stats.chunks).toBe(100_000);
    // The run must have exercised valid frames, resyncs and every error kind, or it proved little.
    expect(stats.messages).toBeGreaterThan(10_000);
    expect(stats.resyncs).toBe(Math.floor(100_000 / 64));
    expect(Object.keys(stats.errors).sort()).toEqual([
      'cobs',
      'crc',
      'oversize',
      'payload',
      'truncated',
      'unknown-type',
      'version',
    ]);
  });

  it('the checker catches a decoder that throws, over-buffers, or loses sync', () => {
    class Throwing extends FrameDecoder {
      override push(chunk: Uint8Array) {
        if (chunk.length > 250) throw new Error('boom');
        return super.push(chunk);
      }
    }
    class Hoarding extends FrameDecoder {
      override get bufferedBytes() {
        return MAX_FRAME_BYTES;
      }
    }
    class Deaf extends FrameDecoder {
      override push(chunk: Uint8Array) {
        return super.push(chunk).filter((r) => !r.ok);
      }
    }
    for (const decoder of [new Throwing(), new Hoarding(), new Deaf()]) {
      expect(() => fuzzDecoder({ chunks: 2_000, seed: 5, decoder })).toThrow(FuzzViolation);
    }
  });
});
