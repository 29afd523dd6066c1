import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { run } from '../../src/cli/program';
import { decodeBase32 } from '../../src/otp/index';
import { startSerialSim } from '../../src/sim/index';
import { runCli, startBin } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const OTHER = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

async function stopBin(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

describe.skipIf(!hasTool('socat', 'socat'))('simulated boards on the wire (issue 10 item 11)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-wire-'));
    env = { TOKENKIT_RUNTIME_DIR: join(dir, 'run') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('`sim --serial` takes the keys of `tokenkit sim`, and is found like a plugged-in board until it stops', async () => {
    const link = join(dir, 'port');
    const sim = startBin(['sim', '--serial', '--secret', SECRET, '--link', link], env);
    try {
      await until('the board ready', () => sim.out().includes('h lists the keys'), sim.out);
      sim.child.stdin.write(' ');
      await until('the press', () => /Code shown: \d{6}/.test(sim.out()), sim.out);
      expect(sim.out()).toContain('Button pressed');
      const code = /Code shown: (\d{6})/.exec(sim.out())![1]!;
      sim.child.stdin.write('r');
      await until('r repeating the code line', () => sim.out().split(`Code shown: ${code}`).length > 2, sim.out);
      sim.child.stdin.write('h');
      await until('the keys', () => sim.out().includes("Keys: space or enter presses the board's button"), sim.out);
      sim.child.stdin.write('+');
      await until('volume belongs to the host', () => sim.out().includes('does not speak itself'), sim.out);

      // Discovery: listed, and "the only board" without --port.
      const list = await runCli(['device', 'list', '--json'], env);
      expect(list.code).toBe(EXIT.OK);
      const boards = JSON.parse(list.stdout) as {
        transport: string;
        path: string;
        board: string;
        serialNumber: string;
      }[];
      expect(boards).toEqual([expect.objectContaining({ transport: 'serial', path: link, board: 'tokenkit-serial' })]);
      const info = await runCli(['device', 'info', '--json'], env);
      expect(info.code).toBe(EXIT.OK);
      expect(JSON.parse(info.stdout).serial).toBe(boards[0]!.serialNumber);
    } finally {
      expect(await stopBin(sim.child)).toBe(EXIT.INTERRUPTED);
    }
    // Gone from the registry with the simulator.
    expect(readdirSync(env.TOKENKIT_RUNTIME_DIR!).filter((n) => n.endsWith('.serial.json'))).toEqual([]);
    const after = await runCli(['device', 'list', '--json'], env);
    expect(JSON.parse(after.stdout)).toEqual([]);
  });

  it('q quits `sim --hid` too (exit 0), after answering its keys', async () => {
    const sim = startBin(['sim', '--hid', '--secret', SECRET], env);
    await until('the board ready', () => sim.out().includes('h lists the keys'), sim.out);
    sim.child.stdin.write(' x');
    await until('the press and the unknown key', () => sim.out().includes('That key does nothing'), sim.out);
    expect(sim.out()).toMatch(/Code shown: \d{6}/);
    sim.child.stdin.write('q');
    expect(await new Promise((resolve) => sim.child.once('exit', resolve))).toBe(EXIT.OK);
  });

  it('the display-board workflow with the simulator alone: a key press on the board, the host pushes the code', async () => {
    const store = join(dir, 'tokens.db');
    expect((await runCli(['--store', store, 'token', 'add', 'demo', '--secret', SECRET])).code).toBe(0);
    const link = join(dir, 'display');
    const sim = startBin(['sim', '--serial', '--mode', 'display', '--link', link], env);
    let out = '';
    const controller = new AbortController();
    try {
      await until('the board ready', () => sim.out().includes('h lists the keys'), sim.out);
      const watching = run(
        ['--store', store, 'device', 'watch', '--user', 'demo'],
        { stdout: (s) => (out += s), stderr: (s) => (out += s), env: { ...env, LANG: 'en_US.UTF-8' }, isTTY: false },
        controller.signal,
      );
      await until(
        'the watch driving the board',
        () => out.includes('Display board: this computer computes'),
        () => out,
      );
      sim.child.stdin.write(' ');
      await until(
        'the pushed code',
        () => /code shown by this computer: \d{6}/.test(out),
        () => out,
      );
      const pushed = /code shown by this computer: (\d{6})/.exec(out)![1]!;
      await until(
        'the board showing it',
        () => sim.out().includes(`Showing the code the host pushed: ${pushed}`),
        sim.out,
      );
      controller.abort();
      expect(await watching).toBe(0);
    } finally {
      controller.abort();
      await stopBin(sim.child);
    }
  });

  it('`device watch` says when it reconnects to a different board, and its JSON event carries the serial', async () => {
    const link = join(dir, 'swap');
    const first = await startSerialSim({ secret: decodeBase32(SECRET), link });
    let out = '';
    const controller = new AbortController();
    const watching = run(
      ['device', 'watch', '--port', link, '--json'],
      { stdout: (s) => (out += s), stderr: (s) => (out += s), env: { LANG: 'en_US.UTF-8' }, isTTY: false },
      controller.signal,
    );
    const events = () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    let second: Awaited<ReturnType<typeof startSerialSim>> | undefined;
    try {
      await until(
        'connected',
        () => events().some((e) => e.event === 'connected'),
        () => out,
      );
      await first.stop();
      await until(
        'disconnected',
        () => events().some((e) => e.event === 'disconnected'),
        () => out,
      );
      second = await startSerialSim({ secret: decodeBase32(OTHER), link });
      await until(
        'reconnected',
        () => events().some((e) => e.event === 'reconnected'),
        () => out,
      );
      expect(events().find((e) => e.event === 'reconnected')).toMatchObject({
        serial: second.serial,
        previousSerial: first.serial,
        changedBoard: true,
      });
    } finally {
      controller.abort();
      await watching;
      await second?.stop();
      await first.stop();
    }
  });
});
