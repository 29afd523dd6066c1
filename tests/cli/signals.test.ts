import { type ChildProcessWithoutNullStreams, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { startBin } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether anything (even a dangling symlink) is at `path`. */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The processes `pid` started (socat for sim --serial). */
function children(pid: number): number[] {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe('every signal a terminal sends cleans up like Ctrl-C', () => {
  let dir: string;
  const started: ChildProcessWithoutNullStreams[] = [];
  /** socat processes seen, killed at the end if a failing run left them behind. */
  const socats: number[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-signals-'));
  });
  afterAll(() => {
    for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
    for (const pid of socats) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasTool('socat', 'socat')).each(['SIGHUP', 'SIGQUIT', 'SIGTERM'] as const)(
    '`sim --serial` on %s: socat is gone, the link is removed, exit 130',
    async (signal) => {
      const link = join(dir, `port-${signal}`);
      const { child, out } = startBin(['sim', '--serial', '--secret', SECRET, '--link', link], {});
      started.push(child);
      await until('the board ready', () => out().includes('Simulated'), out);
      const socat = children(child.pid!);
      socats.push(...socat);
      expect(socat.length).toBeGreaterThan(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      child.kill(signal);
      expect(await exited(child)).toBe(EXIT.INTERRUPTED);
      for (const pid of socat) expect(alive(pid), `socat ${pid} after ${signal}`).toBe(false);
      expect(present(link)).toBe(false);
      expect(out()).toContain(`Simulator stopped; ${link} removed.`);
    },
  );

  it('`sim --hid` on SIGHUP: the socket is removed, exit 130', async () => {
    const runtime = join(dir, 'run');
    const { child, out } = startBin(['sim', '--hid', '--secret', SECRET], { TOKENKIT_RUNTIME_DIR: runtime });
    started.push(child);
    await until('the socket path', () => out().includes('.sock\n'), out);
    const socket = out().split('\n')[0]!;
    expect(lstatSync(socket).isSocket()).toBe(true);
    child.kill('SIGHUP');
    expect(await exited(child)).toBe(EXIT.INTERRUPTED);
    expect(present(socket)).toBe(false);
  });
});
