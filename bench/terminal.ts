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
import { renderScreen, type TokenView } from '../src/terminal/layout';
import { ScreenPainter } from '../src/terminal/painter';
import { type BenchOptions, formatTable, machineLine, procUsage, runIfMain } from './lib';

const BIN = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));

export interface RedrawRow {
  painter: string;
  bytesPerCode: number;
  linesPerCode: number;
}

/**
 * What a person's terminal receives while one code counts down (30 ticks, one a second), painted by the
 * diffing ScreenPainter versus repainting the whole screen each tick, as a naive loop would. Over ssh or
 * a braille display every byte counts.
 */
function redrawCost(): RedrawRow[] {
  const size = { cols: 100, rows: 30 };
  const view = (remainingSec: number): TokenView => ({
    kind: 'audio-code-reader',
    lang: 'en',
    code: '452917',
    remainingSec,
    periodSec: 30,
    batteryLow: false,
    volume: 80,
    rate: 100,
  });
  const rows: RedrawRow[] = [];
  for (const [name, full] of [
    ['ScreenPainter (changed lines only)', false],
    ['full repaint every tick', true],
  ] as const) {
    let bytes = 0;
    let lines = 0;
    const painter = new ScreenPainter((text) => (bytes += Buffer.byteLength(text)), true);
    for (let sec = 30; sec > 0; sec--) {
      if (full) painter.invalidate();
      lines += painter.paint(renderScreen(view(sec), size));
    }
    rows.push({ painter: name, bytesPerCode: bytes, linesPerCode: lines });
  }
  return rows;
}

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
  if (tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', command).status !== 0)
    throw new Error('tmux failed to start');
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

export async function run(opts: BenchOptions): Promise<{ processes: TerminalBenchRow[]; redraw: RedrawRow[] }> {
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
    for (const [scenario, argv, press] of scenarios)
      rows.push({ ...(await measure(argv, press, seconds, stateDir)), scenario });
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
  const redraw = redrawCost();
  if (!opts.json) {
    process.stdout.write(`${machineLine()}, ${seconds} s per scenario\n`);
    process.stdout.write(
      formatTable(
        ['scenario', 'CPU %', 'RSS MB'],
        rows.map((r) => [r.scenario, r.cpuPercent.toFixed(1), r.rssMb.toFixed(1)]),
      ),
    );
    process.stdout.write('\nbytes sent to the terminal while one code counts down (30 ticks, audio reader, 100x30)\n');
    process.stdout.write(
      formatTable(
        ['painter', 'bytes', 'lines written'],
        redraw.map((r) => [r.painter, String(r.bytesPerCode), String(r.linesPerCode)]),
      ),
    );
  }
  return { processes: rows, redraw };
}

runIfMain(import.meta.url, 'terminal', run);
