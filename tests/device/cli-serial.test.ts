import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { run } from '../../src/cli/program';
import { type PtyPair, startPtyPair } from '../../src/link/pty-pair';
import { type SerialSimHandle, startSerialSim } from '../../src/sim/index';
import { openTokenStore } from '../../src/store/index';
import { spawnFirmwareSim } from '../firmware-sim/firmware-process';
import { runCli } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238's "12345678901234567890"
const OTHER_B32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Spawns a TypeScript entry point (the CLI or firmware-sim) as its own process, from source via tsx. */
function spawnTs(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8', ...env },
  });
}

function firstLine(child: ChildProcessWithoutNullStreams, stream: 'stdout' | 'stderr' = 'stdout'): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (d: Buffer) => {
      buffered += d.toString();
      const nl = buffered.indexOf('\n');
      if (nl >= 0) {
        child[stream].off('data', onData);
        resolve(buffered.slice(0, nl));
      }
    };
    child[stream].on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
}

/** `tokenkit code` for the step the board reported, in-process: the reference for what a board shows. */
async function codeForStep(secretB32: string, step: number): Promise<string> {
  const r = await runCli(['code', '--secret', secretB32, '--time', String(step * 30)]);
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

describe.skipIf(!hasTool('socat', 'socat'))('tokenkit sim --serial + tokenkit device', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-cli-serial-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('end to end: `tokenkit sim --serial` prints its port; `device press` shows the code `tokenkit code` gives for that step; Ctrl-C cleans up', async () => {
    const sim = spawnTs('src/cli/run-main.ts', ['sim', '--serial', '--secret', SECRET_B32, '--headless']);
    try {
      const path = await firstLine(sim);
      expect(path).toMatch(/^\/dev\/pts\/\d+$/);
      const pressed = await runCli(['device', 'press', '--port', path, '--json']);
      expect(pressed.stderr).toBe('');
      expect(pressed.code).toBe(0);
      const { code, step, remainingMs } = JSON.parse(pressed.stdout) as {
        code: string;
        step: number;
        remainingMs: number;
      };
      expect(code).toBe(await codeForStep(SECRET_B32, step));
      expect(remainingMs).toBeGreaterThan(0);
      const plain = await runCli(['device', 'press', '--port', path]);
      expect(plain.stdout).toMatch(/^\d{6}\n$/);
    } finally {
      sim.kill('SIGINT');
    }
    const exitCode = await new Promise<number | null>((resolve) => sim.once('exit', (c) => resolve(c)));
    expect(exitCode).toBe(EXIT.INTERRUPTED);
  });

  it('--link PATH, --start-time and a drifting clock: the board shows the code for its own time; the link is removed on exit', async () => {
    const link = join(dir, 'token');
    const startIso = '2031-03-04T05:06:07Z';
    const sim = spawnTs('src/cli/run-main.ts', [
      'sim',
      '--serial',
      '--link',
      link,
      '--secret',
      SECRET_B32,
      '--start-time',
      startIso,
      '--drift-ppm',
      '50',
    ]);
    try {
      await firstLine(sim); // the ready line
      expect(existsSync(link)).toBe(true);
      const r = await runCli(['device', 'press', '--port', link, '--json']);
      const { code, step } = JSON.parse(r.stdout) as { code: string; step: number };
      expect(code).toBe(await codeForStep(SECRET_B32, step));
      const time = await runCli(['device', 'time', '--port', link, '--json']);
      const reading = JSON.parse(time.stdout) as Record<string, number>;
      expect(Object.keys(reading).sort()).toEqual(['deviceMs', 'hostMs', 'offsetMs', 'rttMs', 'uncertaintyMs']);
      expect(reading.offsetMs).toBeCloseTo(reading.deviceMs! - reading.hostMs!, 2);
      // The press happened on the board's clock between its start time and this later reading.
      expect(step).toBeGreaterThanOrEqual(Math.floor(Date.parse(startIso) / 30_000));
      expect(step).toBeLessThanOrEqual(Math.floor(reading.deviceMs! / 30_000));
    } finally {
      sim.kill('SIGTERM');
      await new Promise((resolve) => sim.once('exit', resolve));
    }
    expect(existsSync(link)).toBe(false);
  });

  it('without socat on PATH: one line naming the package, exit 5', async () => {
    const sim = spawnTs('src/cli/run-main.ts', ['sim', '--serial'], { PATH: '/var/empty' });
    let stderr = '';
    sim.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => sim.once('exit', (c) => resolve(c)));
    expect(code).toBe(EXIT.MISSING_TOOL);
    expect(stderr).toBe(
      "tokenkit: socat is not installed: install it (Debian/Ubuntu: 'sudo apt-get install socat', macOS: 'brew install socat').\n",
    );
  });

  describe('against an in-process simulated board', () => {
    let sim: SerialSimHandle;
    beforeAll(async () => {
      sim = await startSerialSim({ link: join(dir, 'inproc') });
    });
    afterAll(async () => sim?.stop());

    it('device info --json names the profile, serial and mode', async () => {
      const r = await runCli(['device', 'info', '--port', sim.hostPath, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        profileId: 'code-display',
        serial: sim.serial,
        mode: 'smart',
        protocolVersion: 1,
        provisioned: false,
      });
    });

    it('device press on an unprovisioned board: one line naming the fix, exit 4', async () => {
      const r = await runCli(['device', 'press', '--port', sim.hostPath]);
      expect(r.code).toBe(EXIT.DEVICE);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('tokenkit device provision');
    });

    it('device provision --register adds the token to the store; the board then shows `tokenkit code` codes', async () => {
      const store = join(dir, 'store.db');
      const r = await runCli([
        '--store',
        store,
        'device',
        'provision',
        '--port',
        sim.hostPath,
        '--secret',
        OTHER_B32,
        '--register',
        'alice',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(OTHER_B32); // never printed unless --show-secret
      const s = openTokenStore({ path: store });
      try {
        expect(s.get('alice')).toMatchObject({ user: 'alice', digits: 6, periodSec: 30 });
      } finally {
        s.close();
      }
      const pressed = JSON.parse((await runCli(['device', 'press', '--port', sim.hostPath, '--json'])).stdout) as {
        code: string;
        step: number;
      };
      expect(pressed.code).toBe(await codeForStep(OTHER_B32, pressed.step));
      // The same user again: refused before the board is touched.
      const again = await runCli([
        '--store',
        store,
        'device',
        'provision',
        '--port',
        sim.hostPath,
        '--generate',
        '--register',
        'alice',
      ]);
      expect(again.code).toBe(EXIT.USAGE);
      const after = JSON.parse((await runCli(['device', 'press', '--port', sim.hostPath, '--json'])).stdout) as {
        code: string;
        step: number;
      };
      expect(after.code).toBe(await codeForStep(OTHER_B32, after.step));
    });

    it('device time --set: soft set refused backwards, forced set applied', async () => {
      const soft = await runCli(['device', 'time', '--port', sim.hostPath, '--set', '2001-01-01T00:00:00Z', '--json']);
      expect(JSON.parse(soft.stdout)).toMatchObject({ adjusted: false });
      // Refused is not done: exit 1, as README "Exit codes" says (it exited 0, as if the clock were set).
      expect(soft.code).toBe(EXIT.NOT_VALID);
      const forced = await runCli([
        'device',
        'time',
        '--port',
        sim.hostPath,
        '--set',
        '2001-01-01T00:00:00Z',
        '--force',
        '--json',
      ]);
      const reading = JSON.parse(forced.stdout) as { adjusted: boolean; deviceMs: number };
      expect(reading.adjusted).toBe(true);
      expect(reading.deviceMs).toBeLessThan(Date.parse('2001-01-02T00:00:00Z'));
      const back = await runCli(['device', 'time', '--port', sim.hostPath, '--set', 'now', '--force', '--json']);
      // Back from 2001 to now: a year-scale offset would mean the set did not happen.
      expect(Math.abs((JSON.parse(back.stdout) as { offsetMs: number }).offsetMs)).toBeLessThan(60_000);
    });

    it('device drift --json reports a fit over the reads it made', async () => {
      const r = await runCli([
        'device',
        'drift',
        '--port',
        sim.hostPath,
        '--duration',
        '1s',
        '--interval',
        '100',
        '--json',
      ]);
      expect(r.code).toBe(0);
      const fit = JSON.parse(r.stdout) as { samples: number; driftPpm: number };
      expect(fit.samples).toBeGreaterThanOrEqual(5);
      expect(Number.isFinite(fit.driftPpm)).toBe(true);
    });

    it('device watch prints events until interrupted', async () => {
      // A board of its own: on the shared one a code an earlier test showed may still be lit, and a step
      // boundary during this test would add its CODE_SHOWN to the events.
      const board = await startSerialSim({ link: join(dir, 'watch') });
      try {
        await watchBoard(board);
      } finally {
        await board.stop();
      }
    });

    async function watchBoard(sim: SerialSimHandle): Promise<void> {
      let out = '';
      const controller = new AbortController();
      const io = {
        stdout: (s: string) => (out += s),
        stderr: (s: string) => (out += s),
        env: { LANG: 'en_US.UTF-8' },
        isTTY: false,
      };
      const watching = run(['device', 'watch', '--port', sim.hostPath, '--json'], io, controller.signal);
      // The watch prints `connected` once the board has answered its HELLO; then press the board's own button.
      await until(
        'the watch connect',
        () => out.includes('connected'),
        () => out,
      );
      sim.firmware.press({ long: true });
      await until(
        'the battery event',
        () => out.includes('battery'),
        () => out,
      );
      controller.abort();
      expect(await watching).toBe(0);
      const events = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { event: string });
      expect(events.map((e) => e.event)).toEqual(['connected', 'button', 'battery']);
    }
  });

  it('device watch survives the board going away and coming back on the same --link path', async () => {
    const link = join(dir, 'replug');
    let sim = await startSerialSim({ link });
    let out = '';
    const controller = new AbortController();
    const io = {
      stdout: (s: string) => (out += s),
      stderr: (s: string) => (out += s),
      env: { LANG: 'en_US.UTF-8' },
      isTTY: false,
    };
    const watching = run(['device', 'watch', '--port', link, '--json'], io, controller.signal);
    const waitFor = (text: string) =>
      until(
        text,
        () => out.includes(text),
        () => out,
      );
    try {
      await waitFor('"connected"');
      await sim.stop(); // socat killed, link removed: the board is unplugged
      await waitFor('"disconnected"');
      sim = await startSerialSim({ link }); // plugged back in on the same path
      await waitFor('"reconnected"');
      sim.firmware.press({ long: true });
      await waitFor('"battery"');
    } finally {
      controller.abort();
      await sim.stop();
    }
    expect(await watching).toBe(0);
    const events = out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events).toEqual(['connected', 'disconnected', 'reconnected', 'button', 'battery']);
  });

  describe('faults through the CLI: one line, exit 4', () => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    async function misbehavingBoard(flags: string[]): Promise<PtyPair> {
      const pair = await startPtyPair();
      cleanups.push(() => pair.stop());
      const board = await spawnFirmwareSim(['--tty', pair.boardPath, ...flags]);
      cleanups.push(() => void board.kill('SIGKILL'));
      return pair;
    }

    it('a board speaking a newer protocol', async () => {
      const pair = await misbehavingBoard(['--fault-protocol-version', '2']);
      const r = await runCli(['device', 'info', '--port', pair.hostPath]);
      expect(r.code).toBe(EXIT.DEVICE);
      expect(r.stderr).toMatch(/^tokenkit: the board speaks protocol version 2.*update tokenkit\.\n$/);
    });

    it('a board that never answers', async () => {
      const pair = await misbehavingBoard(['--fault-mute']);
      const r = await runCli(['device', 'press', '--port', pair.hostPath, '--timeout', '200']);
      expect(r.code).toBe(EXIT.DEVICE);
      expect(r.stderr).toMatch(/^tokenkit: .* is not a tokenkit board \(no answer to HELLO within 200 ms\)/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('/dev/null, a missing port, in Danish too', async () => {
      const devNull = await runCli(['device', 'info', '--port', '/dev/null']);
      expect(devNull.code).toBe(EXIT.DEVICE);
      expect(devNull.stderr).toContain('is not a tokenkit board (not a serial port)');
      const missing = await runCli(['--lang', 'da', 'device', 'info', '--port', '/dev/tokenkit-missing']);
      expect(missing.code).toBe(EXIT.DEVICE);
      expect(missing.stderr).toMatch(/^tokenkit: ingen port på \/dev\/tokenkit-missing/);
    });

    it('bad input is exit 2', async () => {
      expect(
        (await runCli(['device', 'provision', '--port', '/dev/null', '--secret', SECRET_B32, '--generate'])).code,
      ).toBe(EXIT.USAGE);
      expect((await runCli(['device', 'press', '--port', '/dev/null', '--timeout', 'soon'])).code).toBe(EXIT.USAGE);
      expect((await runCli(['device', 'drift', '--port', '/dev/null', '--duration', 'forever'])).code).toBe(EXIT.USAGE);
      // One read cannot give a drift: refused before the port is opened.
      const tooShort = await runCli([
        'device',
        'drift',
        '--port',
        '/dev/null',
        '--duration',
        '1s',
        '--interval',
        '5000',
      ]);
      expect(tooShort.code).toBe(EXIT.USAGE);
      expect(tooShort.stderr).toMatch(/^tokenkit: --duration \(1000 ms\) is shorter than --interval \(5000 ms\).*\n$/);
      // A bad --baud is reported even when --hid (or discovery) means it would not be used.
      expect((await runCli(['device', 'info', '--hid', '/dev/tokenkit-missing', '--baud', 'fast'])).code).toBe(
        EXIT.USAGE,
      );
    });

    it('an empty --port is bad input (exit 2, one line in both languages), not an internal error', async () => {
      for (const [lang, port] of [
        ['en', ''],
        ['da', ' '],
      ]) {
        const r = await runCli(['--lang', lang!, 'device', 'info', '--port', port!]);
        expect(r.code).toBe(EXIT.USAGE);
        expect(r.stderr).toMatch(/^tokenkit: --port .*\n$/);
      }
    });
  });
});
