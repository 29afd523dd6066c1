import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
// RFC 6238 Appendix B, SHA-1, T = 59 s.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('the built package (npm test builds dist/ first)', () => {
  it('works from CommonJS and ESM, with declarations', async () => {
    const cjs = createRequire(import.meta.url)(dist('index.cjs')) as typeof import('../src/index');
    expect(cjs.generateTotp({ secret: RFC_SECRET, atMs: 59_000, digits: 8 })).toBe('94287082');
    const esm = (await import(dist('index.js'))) as typeof import('../src/index');
    expect(esm.verifyTotp('94287082', { secret: RFC_SECRET, atMs: 59_000, digits: 8 })).toEqual({
      valid: true,
      delta: 0,
    });
    expect(readFileSync(dist('index.d.ts'), 'utf8')).toMatch(/generateTotp/);
  });

  it('keeps the CLI and the terminal UI out of the library', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const code = readFileSync(dist(file), 'utf8');
      expect(code).not.toMatch(/from "commander"|require\("commander"\)/);
      expect(code).not.toContain('runTerminalSim');
    }
  });
});
