import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/program';
import type { Clock } from '../../src/clock';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with captured output: the same `run` the bin calls. `clock` stands in for the
 * real clock of stateful commands (token verify/resync/unlock refuse a made-up --time).
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, clock?: Clock): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: { LANG: 'en_US.UTF-8', ...env },
    isTTY: false,
    ...(clock ? { clock } : {}),
  });
  return { code, stdout, stderr };
}

export const BIN = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

/** The environment a spawned bin gets: PATH, HOME and an English locale, then `env` on top. */
export const binEnv = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LANG: 'en_US.UTF-8',
  ...env,
});

/** Runs the built bin (dist/cli.cjs, built by `npm test` before vitest) as its own process. */
export function runBin(argv: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: binEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Starts the built bin and keeps running; `out()` is everything it printed so far (stdout and stderr). */
export function startBin(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcessWithoutNullStreams; out: () => string } {
  const child = spawn(process.execPath, [BIN, ...argv], { env: binEnv(env) });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out };
}
