import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate, OUTPUT } from '../../scripts/gen-hmac-core';
import { OtpKey } from '../../src/otp/index';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('src/otp/sha-compress.ts is what scripts/gen-hmac-core.ts makes', () => {
  it('regenerates byte for byte (edit the generator, never the file)', () => {
    const committed = readFileSync(`${ROOT}${OUTPUT}`, 'utf8');
    const regenerated = generate();
    expect(regenerated.length).toBeGreaterThan(10_000);
    expect(regenerated === committed, 'run: node --import tsx scripts/gen-hmac-core.ts').toBe(true);
  });
});

describe('the JS cores and node:crypto createHmac give the same codes', () => {
  it('for any key, algorithm and counter (both implementations behind OtpKey)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 200 }),
        fc.constantFrom('sha1', 'sha256', 'sha512'),
        fc.maxSafeNat(),
        fc.integer({ min: 6, max: 10 }),
        (secret, algorithm, counter, digits) => {
          const js = OtpKey.from(secret, algorithm, 'js').hotp(counter, digits);
          const node = OtpKey.from(secret, algorithm, 'node').hotp(counter, digits);
          expect(js).toBe(node);
        },
      ),
      { numRuns: 300 },
    );
  });
});
