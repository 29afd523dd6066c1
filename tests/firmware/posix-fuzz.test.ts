import { describe, expect, it } from 'vitest';
import { fuzzFirmware } from '../../bench/firmware-fuzz';
import { hasTool } from '../helpers/tools';

// 100k fuzz chunks into the C firmware's posix build under ASan + UBSan (the long run is
// `npm run fuzz:firmware`). fuzzFirmware throws FuzzViolation, naming the seed, on a crash, a sanitizer
// report, an undecodable frame from the board, or an unanswered resync or final HELLO.
describe.skipIf(!hasTool('cc', 'gcc') || !hasTool('make', 'make'))(
  'C firmware frame fuzz (posix build, sanitizers)',
  () => {
    it('survives 100k random and mutated chunks, answers every resync HELLO and a HELLO at the end', async () => {
      const stats = await fuzzFirmware({ chunks: 100_000, seed: 20261201 });
      expect(stats.chunks).toBe(100_000);
      expect(stats.resyncs).toBe(Math.floor(100_000 / 64));
      // The run reached the request handlers, not only the framing: codes, provisioning, clock, errors.
      for (const type of ['INFO', 'TIME', 'STATUS', 'ERROR', 'CODE', 'CODE_SHOWN', 'BUTTON', 'BATTERY', 'DISPLAY_OFF'])
        expect(stats.byType[type] ?? 0, type).toBeGreaterThan(100);
    }, 120_000);
  },
);
