/**
 * What the generators (gen-hmac-core.ts, gen-root-help.ts) share: their output through `biome format`,
 * run from the repository root so biome finds the project's config wherever the script is started, and
 * the write-or `--check` step of running one as a script.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `source` as the repository keeps `output` (a path from the root): through `biome format`. */
export function formatWithBiome(output: string, source: string): string {
  const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
  const result = spawnSync(biome, ['format', `--stdin-file-path=${output}`], {
    cwd: ROOT,
    input: source,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout;
}

/** Writes `text` to `output`, or with --check exits 1 (0) when the committed file differs (matches). */
export function writeOrCheck(output: string, text: string, script: string): void {
  const path = `${ROOT}${output}`;
  if (process.argv.includes('--check')) {
    const same = readFileSync(path, 'utf8') === text;
    process.stdout.write(same ? `${output} is up to date\n` : `${output} is out of date: run ${script}\n`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(path, text);
  process.stdout.write(`wrote ${output}\n`);
}
