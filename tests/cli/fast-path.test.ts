import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate, OUTPUT } from '../../scripts/gen-root-help';
import { fastPath } from '../../src/cli/fast-path';
import { runBin, runCli } from '../helpers/cli';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/**
 * The bin answers the root help and `code --secret BASE32` without commander (src/cli/fast-path.ts,
 * issue 11 item 8). These tests hold it to the full program: the built bin's output and exit code must
 * be exactly what `run` (commander) gives for the same command line and environment.
 */
describe('src/cli/root-help.ts is what scripts/gen-root-help.ts makes', () => {
  it('regenerates byte for byte from the commander program (edit the program, then regenerate)', async () => {
    const committed = readFileSync(`${ROOT}${OUTPUT}`, 'utf8');
    const regenerated = await generate();
    expect(regenerated).toContain('Usage: tokenkit');
    expect(regenerated).toContain('Brug: tokenkit');
    expect(regenerated === committed, 'run: node --import tsx scripts/gen-root-help.ts').toBe(true);
  });
});

describe('the fast path prints what the full program prints', () => {
  const helpForms = [
    [],
    ['--help'],
    ['-h'],
    ['--lang', 'da', '--help'],
    ['--lang=en', '-h'],
    ['--help', '--lang', 'da'],
    ['-h', '--lang=da'],
  ];
  const envs = [
    { LANG: 'en_US.UTF-8' },
    { LANG: 'da_DK.UTF-8' },
    { TOKENKIT_LANG: 'da', LANG: 'en_US.UTF-8' },
    { LC_ALL: 'da_DK.UTF-8', LANG: 'en_US.UTF-8' },
  ];

  it('the root help, for each form and each way of choosing the language', async () => {
    for (const argv of helpForms) {
      expect(fastPath(argv, {})?.kind, argv.join(' ')).toBe('help');
      for (const env of envs) {
        const [fast, full] = await Promise.all([runBin(argv, env), runCli(argv, env)]);
        expect(fast, `${argv.join(' ')} ${JSON.stringify(env)}`).toEqual(full);
      }
    }
  });

  it('tokenkit code --secret BASE32 (and --secret=BASE32) gives the code commander gives', async () => {
    for (const argv of [
      ['code', '--secret', SECRET],
      ['code', `--secret=${SECRET}`],
    ]) {
      expect(fastPath(argv, {})?.kind).toBe('code');
      const beforeMs = Date.now();
      const fast = await runBin(argv);
      const afterMs = Date.now();
      expect(fast.code).toBe(0);
      expect(fast.stderr).toBe('');
      // The code of the step the bin ran in: the step at the time before or after the spawn.
      const full = await Promise.all(
        [beforeMs, afterMs].map((ms) => runCli([...argv, '--time', (ms / 1000).toFixed(3)]).then((r) => r.stdout)),
      );
      expect(full).toContain(fast.stdout);
      expect(fast.stdout).toMatch(/^\d{6}\n$/);
    }
  });

  it('a secret the fast path cannot use goes to the full program: same message, same exit code', async () => {
    for (const argv of [
      ['code', '--secret', 'xx1'],
      ['code', '--secret', 'AAAA'],
      ['code', '--secret='],
      ['code', '--secret', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1'],
    ]) {
      for (const env of envs) {
        const [fast, full] = await Promise.all([runBin(argv, env), runCli(argv, env)]);
        expect(fast, `${argv.join(' ')} ${JSON.stringify(env)}`).toEqual(full);
      }
    }
  });

  it('anything else is not a fast path: other options, other commands, a bad --lang', () => {
    for (const argv of [
      ['--lang', 'de', '--help'],
      ['--lang', 'da'],
      ['--help', '--no-color'],
      ['--version'],
      ['code', '--help'],
      ['code', '--secret', '-'],
      ['code', '--secret', SECRET, '--json'],
      ['code', '--secret', SECRET, '--time', '0'],
      ['code'],
      ['vectors'],
      ['help'],
    ])
      expect(fastPath(argv, {}), argv.join(' ')).toBeUndefined();
  });
});
