import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadsOf } from './helpers/loads';

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

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, unknown>;
  sideEffects: boolean;
};

describe('subpath exports (issue 11 item 7)', () => {
  const subpaths = ['otp', 'verify', 'store', 'protocol', 'device', 'speech'];

  it('tokenkit/otp, /verify, /store, /protocol, /device, /speech resolve for import and require, with types', async () => {
    expect(pkg.sideEffects).toBe(false);
    const requireFromRoot = createRequire(`${root}/`);
    for (const name of subpaths) {
      expect(Object.keys(pkg.exports)).toContain(`./${name}`);
      // Resolved through the package's own "exports", as a user's import would be.
      const cjs = requireFromRoot(`tokenkit/${name}`) as Record<string, unknown>;
      const esm = (await import(requireFromRoot.resolve(`tokenkit/${name}`).replace(/\.cjs$/, '.js'))) as Record<
        string,
        unknown
      >;
      expect(Object.keys(cjs).sort(), name).toEqual(Object.keys(esm).sort());
      expect(readFileSync(dist(`${name}.d.ts`), 'utf8').length, name).toBeGreaterThan(0);
      expect(readFileSync(dist(`${name}.d.cts`), 'utf8').length, name).toBeGreaterThan(0);
    }
    const otp = requireFromRoot('tokenkit/otp') as typeof import('../src/otp/index');
    expect(otp.generateTotp({ secret: RFC_SECRET, atMs: 59_000, digits: 8 })).toBe('94287082');
  });

  it("import 'tokenkit/otp' (and the whole library) loads no native module", () => {
    for (const file of ['otp.js', 'index.js', 'device.js', 'store.js']) {
      const loads = loadsOf(['--input-type=module', '-e', `await import(${JSON.stringify(dist(file))})`]);
      expect(loads.status, file).toBe(0);
      expect(loads.native, file).toEqual([]);
      if (file === 'otp.js') expect(loads.packages).toEqual([]);
      // An OTP error is rendered from the OTP layer's own texts: the whole catalog stays unloaded.
      if (file === 'otp.js')
        for (const loaded of loads.files.filter((f) => f.includes('/dist/')))
          expect(readFileSync(loaded, 'utf8'), loaded).not.toContain('// src/i18n/catalog.ts');
    }
    // The store opens SQLite on first use, and then the hooks see it.
    const store = loadsOf([
      '--input-type=module',
      '-e',
      `const { openTokenStore } = await import(${JSON.stringify(dist('store.js'))}); openTokenStore({ path: ':memory:' }).close();`,
    ]);
    expect(store.native.some((file) => file.endsWith('.node'))).toBe(true);
  });
});

describe('what npm pack would ship', () => {
  it('dist, devices, docs, the prebuilt firmware, LICENSE and README; no tests, sources, maps or temp files', () => {
    // --ignore-scripts: prepack would rebuild dist/ under the other tests' feet.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [{ files }] = JSON.parse(r.stdout) as [{ files: { path: string }[] }];
    const paths = files.map((f) => f.path);
    const tops = new Set(
      paths.map((p) => (p.startsWith('firmware/') ? p.split('/').slice(0, 2).join('/') : p.split('/')[0])),
    );
    for (const top of tops)
      expect([
        'dist',
        'devices',
        'docs',
        'firmware/prebuilt',
        'firmware/README.md',
        'LICENSE',
        'README.md',
        'package.json',
      ]).toContain(top);
    for (const needed of [
      'LICENSE',
      'README.md',
      'dist/cli.cjs',
      'dist/cli-main.js',
      'dist/index.js',
      'dist/index.cjs',
      'dist/otp.js',
      'dist/otp.d.ts',
      'devices/profiles/code-display.json',
      'docs/protocol.md',
      'firmware/prebuilt/tokenkit-atmega328p.hex',
    ])
      expect(paths).toContain(needed);
    expect(paths.filter((p) => /(^|\/)(tests?|src|\.tmp)\/|\.map$|\.test\.|\.db$/.test(p))).toEqual([]);
    expect(readFileSync(new URL('../LICENSE', import.meta.url), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) 2026 tokenkit contributors/,
    );
  });
});
