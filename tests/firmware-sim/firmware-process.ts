import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { readyLine } from '../helpers/process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let bundled: string | undefined;

/**
 * firmware-sim/main.ts bundled once per test process with esbuild (what tsup does for dist/, minus the
 * rest of the build), so each spawned board starts in ~100 ms instead of tsx's seconds.
 */
export function firmwareSimEntry(): string {
  if (bundled) return bundled;
  // firmware-sim has no runtime npm dependencies (its tty I/O is node:tty), so the bundle stands alone.
  const dir = join(tmpdir(), 'tokenkit-tests');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `firmware-sim-${process.pid}.mjs`);
  buildSync({
    entryPoints: [join(ROOT, 'firmware-sim/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  bundled = outfile;
  process.once('exit', () => rmSync(outfile, { force: true }));
  return outfile;
}

/** Spawns firmware-sim as its own process with `args`; resolves once it prints its ready line. */
export async function spawnFirmwareSim(args: string[]): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [firmwareSimEntry(), ...args], { cwd: ROOT });
  await readyLine(child, 'firmware-sim', /firmware-sim ready/);
  return child;
}
