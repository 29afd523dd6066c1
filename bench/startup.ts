/**
 * Start-up time of the `tokenkit` bin against bare node, side by side in one run (issue 11 item 8):
 * `node -e 0`, `tokenkit --help` and `tokenkit code --secret ...`, each spawned many times in turn
 * (interleaved, so machine load hits every command alike), median wall time and the ratio to node.
 * Goal: both tokenkit commands at most 1.3x `node -e 0`. `--bin PATH` measures another build (e.g. an
 * older checkout's dist/cli.cjs); `--before PATH` adds an older build's rows to the same run.
 *
 *   npm run bench:startup [-- --runs 40] [--bin dist/cli.cjs] [--before OLD/dist/cli.cjs] [--json]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatTable, machineLine, percentile, runIfMain } from './lib';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Row {
  command: string;
  medianMs: number;
  p90Ms: number;
  ratio: number;
}

export async function run(opts: { json: boolean; quick: boolean }): Promise<Row[]> {
  const bin = arg('--bin') ?? fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
  const runs = Number(arg('--runs') ?? (opts.quick ? 10 : 40));
  const commands: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['tokenkit --help', [bin, '--help']],
    ['tokenkit code --secret ...', [bin, 'code', '--secret', SECRET]],
  ];
  // --before PATH: an older build's bin in the same interleaved run, for before/after numbers.
  const before = arg('--before');
  if (before)
    commands.push(
      ['before: tokenkit --help', [before, '--help']],
      ['before: tokenkit code --secret ...', [before, 'code', '--secret', SECRET]],
    );
  const times = commands.map(() => [] as number[]);
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8' };
  // One warm-up each (file cache), then interleaved runs.
  for (const [, argv] of commands) spawnSync(process.execPath, argv, { env, stdio: 'ignore' });
  for (let r = 0; r < runs; r++) {
    commands.forEach(([name, argv], i) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr.toString().trim()}`);
      times[i]!.push(ms);
    });
  }
  const medians = times.map((t) =>
    percentile(
      t.sort((a, b) => a - b),
      50,
    ),
  );
  const rows: Row[] = commands.map(([name], i) => ({
    command: name,
    medianMs: Math.round(medians[i]! * 10) / 10,
    p90Ms: Math.round(percentile(times[i]!, 90) * 10) / 10,
    ratio: Math.round((medians[i]! / medians[0]!) * 100) / 100,
  }));
  if (!opts.json) {
    process.stdout.write(
      `start-up, ${runs} runs each, interleaved; ${machineLine()}\nbin: ${bin}${before ? `\nbefore: ${before}` : ''}\n\n`,
    );
    process.stdout.write(
      formatTable(
        ['command', 'median ms', 'p90 ms', 'x node -e 0'],
        rows.map((r) => [r.command, r.medianMs.toFixed(1), r.p90Ms.toFixed(1), `${r.ratio.toFixed(2)}x`]),
      ),
    );
  }
  return rows;
}

runIfMain(import.meta.url, 'startup', run);
