import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cobsEncode, crc16 } from '../../src/protocol/index';
import { hasTool } from '../helpers/tools';
import { fromHex, hex } from './arbitraries';

/**
 * docs/protocol.md §11 gives firmware authors CRC and COBS in C. This compiles that exact block (g++, which
 * CI installs) with a small stdin/stdout harness, and checks it against the worked examples of §10 and the
 * TypeScript codec on random input. A doc edit that breaks the C fails here.
 */
const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
const cBlock = /```c\n([\s\S]*?)```/.exec(doc)?.[1];
const vectors = [...doc.matchAll(/```vector\n[\s\S]*?raw:\s+([0-9a-f ]+)\nwire:\s+([0-9a-f ]+)\n```/g)].map((m) => ({
  raw: fromHex(m[1]!),
  wire: fromHex(m[2]!),
}));

const HARNESS = `
#include <stdio.h>
#include <string.h>
static int unhex(const char *s, uint8_t *out) { int n = 0; unsigned v; while (sscanf(s, "%2x", &v) == 1) { out[n++] = (uint8_t)v; s += 2; } return n; }
static void puthex(const uint8_t *p, int n) { for (int i = 0; i < n; i++) printf("%02x", p[i]); printf("\\n"); }
int main(void) {
  char op[8], arg[2048];
  uint8_t in[1024], out[1024];
  while (scanf("%7s %2047s", op, arg) == 2) {
    int n = strcmp(arg, "-") == 0 ? 0 : unhex(arg, in);
    if (strcmp(op, "crc") == 0) printf("%04x\\n", tk_crc16(in, (size_t)n));
    else if (strcmp(op, "enc") == 0) puthex(out, (int)tk_cobs_encode(in, (size_t)n, out));
    else { int r = tk_cobs_decode(in, (size_t)n, out); if (r < 0) printf("invalid\\n"); else puthex(out, r); }
    fflush(stdout);
  }
  return 0;
}
`;

describe.skipIf(!hasTool('g++', 'g++'))('reference C in docs/protocol.md', () => {
  let dir: string;
  let bin: string;
  beforeAll(() => {
    expect(cBlock).toBeDefined();
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-c-'));
    writeFileSync(join(dir, 'ref.cc'), `${cBlock}\n${HARNESS}`);
    bin = join(dir, 'ref');
    const cc = spawnSync(
      'g++',
      ['-x', 'c++', '-std=c++17', '-O1', '-Wall', '-Werror', '-Wno-sign-compare', '-o', bin, join(dir, 'ref.cc')],
      { encoding: 'utf8' },
    );
    expect(cc.stderr).toBe('');
    expect(cc.status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const runC = (lines: string[]): string[] => {
    const r = spawnSync(bin, [], { input: `${lines.join('\n')}\n`, encoding: 'utf8' });
    expect(r.status).toBe(0);
    return r.stdout.trim().split('\n');
  };
  const h = (b: Uint8Array) => (b.length === 0 ? '-' : hex(b));

  it('CRC check value and every worked example', () => {
    expect(runC(['crc 313233343536373839'])).toEqual(['29b1']);
    expect(vectors.length).toBeGreaterThan(10);
    const out = runC(
      vectors.flatMap((v) => [
        `crc ${h(v.raw.subarray(0, v.raw.length - 2))}`,
        `enc ${h(v.raw)}`,
        `dec ${h(v.wire.subarray(0, v.wire.length - 1))}`,
      ]),
    );
    vectors.forEach((v, i) => {
      const crc = v.raw[v.raw.length - 2]! | (v.raw[v.raw.length - 1]! << 8);
      expect(out[3 * i]).toBe(crc.toString(16).padStart(4, '0'));
      expect(out[3 * i + 1]).toBe(hex(v.wire));
      expect(out[3 * i + 2]).toBe(hex(v.raw));
    });
  });

  it('agrees with the TypeScript codec on random frames up to 254 bytes, and rejects bad COBS', () => {
    const samples = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 254 }), { numRuns: 300, seed: 7 });
    const out = runC(samples.flatMap((s) => [`crc ${h(s)}`, `enc ${h(s)}`, `dec ${h(cobsEncode(s))}`]));
    samples.forEach((s, i) => {
      expect(out[3 * i]).toBe(crc16(s).toString(16).padStart(4, '0'));
      expect(out[3 * i + 1]).toBe(`${hex(cobsEncode(s))}00`);
      expect(out[3 * i + 2]).toBe(hex(s));
    });
    expect(runC(['dec 051122', 'dec 031100'])).toEqual(['invalid', 'invalid']);
  });
});
