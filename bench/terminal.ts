/**
 * The terminal simulator's cost while a person looks at it: CPU% and RSS of `tokenkit sim` in a real
 * terminal (tmux), idle (display off), while a code is shown (the countdown redraws once a second), and
 * in --plain mode, side by side. Target: idle under 1% CPU.
 *
 *   node --import tsx bench/terminal.ts [--json] [--quick]      (needs tmux and a built dist/)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, machineLine, procUsage, runIfMain, type BenchOptions } from './lib';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface TerminalBenchRow {
  scenario: string;
  cpuPercent: number;
  rssMb: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(argv: string[], press: boolean, seconds: number, stateDir: string): Promise<TerminalBenchRow> {
  const socket = `tokenkit-bench-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-u', '-L', socket, ...args], { encoding: 'utf8' });
  const command = `env XDG_STATE_HOME=${stateDir} LANG=en_US.UTF-8 ${process.execPath} ${BIN} ${argv.join(' ')}`;
  if (tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', command).status !== 0) throw new Error('tmux failed to start');
  try {
    const pid = Number(tmux('display-message', '-t', 'b', '-p', '#{pane_pid}').stdout.trim());
    await sleep(1500); // start-up is not what is measured
    if (press) {
      tmux('send-keys', '-t', 'b', 'Space');
      await sleep(200);
    }
    const before = procUsage(pid);
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const after = procUsage(pid);
    const elapsedSec = (performance.now() - t0) / 1000;
    return {
      scenario: '',
      cpuPercent: Math.round(((after.cpuSec - before.cpuSec) / elapsedSec) * 1000) / 10,
      rssMb: Math.round(after.rssBytes / 1e5) / 10,
      seconds: Math.round(elapsedSec),
    };
  } finally {
    tmux('kill-server');
  }
}

export async function run(opts: BenchOptions): Promise<TerminalBenchRow[]> {
  const seconds = opts.quick ? 3 : 20;
  const stateDir = mkdtempSync(join(tmpdir(), 'tokenkit-bench-term-'));
  const secret = ['--secret', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'];
  const scenarios: [string, string[], boolean][] = [
    ['code display, drawn, idle', ['sim', ...secret], false],
    ['code display, drawn, code shown', ['sim', ...secret], true],
    ['code display, --plain, idle', ['sim', '--plain', ...secret], false],
    ['audio reader, drawn, idle', ['sim', '--profile', 'audio-code-reader', '--no-speech', ...secret], false],
  ];
  const rows: TerminalBenchRow[] = [];
  try {
    for (const [scenario, argv, press] of scenarios) rows.push({ ...(await measure(argv, press, seconds, stateDir)), scenario });
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
  if (!opts.json) {
    process.stdout.write(`${machineLine()}, ${seconds} s per scenario\n`);
    process.stdout.write(formatTable(['scenario', 'CPU %', 'RSS MB'], rows.map((r) => [r.scenario, r.cpuPercent.toFixed(1), r.rssMb.toFixed(1)])));
  }
  return rows;
}

runIfMain(import.meta.url, 'terminal', run);
