import { readFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

export interface BenchOptions {
  json: boolean;
  quick: boolean;
}

/** One line naming the machine, printed above every table so numbers are read in context. */
export function machineLine(): string {
  return `node ${process.version}, ${os.cpus().length} cpu(s) (${os.cpus()[0]?.model ?? 'unknown'})`;
}

/** A Markdown table (so it pastes into docs/performance.md): text columns left, number columns right. */
export function formatTable(head: string[], body: string[][], numericFrom = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= numericFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |\n`;
  const rule = `|${widths.map((w, i) => (i >= numericFrom ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|\n`;
  return line(head) + rule + body.map(line).join('');
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Runs a bench module's `run` when the file is executed directly (`node --import tsx bench/x.ts`). */
export function runIfMain(url: string, name: string, run: (opts: BenchOptions) => Promise<unknown>): void {
  if (url !== pathToFileURL(process.argv[1] ?? '').href) return;
  const json = process.argv.includes('--json');
  const quick = process.argv.includes('--quick');
  run({ json, quick }).then(
    (rows) => {
      if (json)
        process.stdout.write(`${JSON.stringify({ node: process.version, cpus: os.cpus().length, rows }, null, 2)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`bench/${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** CPU seconds (user + system) and RSS of a live process, from /proc (Linux). */
export function procUsage(pid: number): { cpuSec: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { cpuSec: ticks / 100, rssBytes: rssPages * 4096 };
}
