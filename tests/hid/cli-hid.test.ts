import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { decodeBase32 } from '../../src/otp/index';
import { BOARDS } from '../../src/profiles/builtin';
import { type HidSimHandle, startHidSim } from '../../src/sim/index';
import { runCli } from '../helpers/cli';
import { nodeHidLoads } from './node-hid-available';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238's "12345678901234567890"
const hidBoard = BOARDS.find((b) => b.id === 'tokenkit-hid')!;
const VIDPID = `${hidBoard.usb.vendorId}:${hidBoard.usb.productId}`;

/** `tokenkit code` for a step, in-process: the reference for what the board must show. */
async function codeForStep(step: number): Promise<string> {
  const r = await runCli(['code', '--secret', SECRET_B32, '--time', String(step * 30)]);
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    const onData = (d: Buffer) => {
      buffered += d.toString();
      const nl = buffered.indexOf('\n');
      if (nl >= 0) {
        child.stdout.off('data', onData);
        resolve(buffered.slice(0, nl));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line: ${errors}`)));
  });
}

describe('tokenkit sim --hid + tokenkit device --hid', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-cli-hid-'));
    env = { TOKENKIT_RUNTIME_DIR: dir };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('end to end across processes: `sim --hid` prints its socket; `device press --hid` shows the code `tokenkit code` gives; Ctrl-C removes the socket', async () => {
    const sim = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/run-main.ts'), 'sim', '--hid', '--secret', SECRET_B32],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8', TOKENKIT_RUNTIME_DIR: dir },
      },
    );
    let socketPath = '';
    let out = '';
    sim.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      socketPath = await firstLine(sim);
      expect(socketPath.startsWith(dir)).toBe(true);
      const pressed = await runCli(['device', 'press', '--hid', socketPath, '--json'], env);
      expect(pressed.stderr).toBe('');
      expect(pressed.code).toBe(EXIT.OK);
      const { code, step } = JSON.parse(pressed.stdout) as { code: string; step: number };
      expect(code).toBe(await codeForStep(step));
      // By VID:PID from devices/: found by scanning the simulator socket directory.
      const info = await runCli(['device', 'info', '--hid', VIDPID, '--json'], env);
      expect(info.code).toBe(EXIT.OK);
      expect(JSON.parse(info.stdout)).toMatchObject({ profileId: 'code-display', mode: 'smart', provisioned: true });
    } finally {
      sim.kill('SIGINT');
    }
    const exitCode = await new Promise<number | null>((resolve) => sim.once('exit', (c) => resolve(c)));
    expect(exitCode).toBe(EXIT.INTERRUPTED);
    expect(existsSync(socketPath)).toBe(false);
    // Without --headless the simulator narrates its board's events, in words (no raw message keys).
    expect(out).toContain('Button pressed by the host');
    expect(out).toMatch(/Code shown: \d{6} \(step \d+, valid for \d+ s\)/);
    expect(out).toContain(`Simulator stopped; ${socketPath} removed.`);
    expect(out).not.toMatch(/cli\.sim/);
  });

  describe('in-process simulator', () => {
    let sim: HidSimHandle;
    beforeAll(async () => {
      sim = await startHidSim({ secret: decodeBase32(SECRET_B32), link: join(dir, 'inproc.sock') }, undefined, env);
    });
    afterAll(async () => sim?.stop());

    it('`device list --json` lists the HID board with its board definition', async () => {
      const r = await runCli(['device', 'list', '--json'], env);
      expect(r.code).toBe(EXIT.OK);
      const list = JSON.parse(r.stdout) as {
        transport: string;
        path: string;
        board: string | null;
        vendorId: string;
      }[];
      expect(list).toContainEqual(
        expect.objectContaining({
          transport: 'hid',
          path: sim.socketPath,
          board: hidBoard.id,
          vendorId: hidBoard.usb.vendorId,
        }),
      );
    });

    it('`device time --hid` and `device press --hid` (plain output)', async () => {
      const time = await runCli(['device', 'time', '--hid', sim.socketPath, '--json'], env);
      expect(time.code).toBe(EXIT.OK);
      expect(JSON.parse(time.stdout)).toHaveProperty('offsetMs');
      const press = await runCli(['device', 'press', '--hid', sim.socketPath], env);
      expect(press.stdout).toMatch(/^\d{6}\n$/);
    });

    it('`device provision --hid` replaces the secret: presses then follow the new one', async () => {
      const OTHER_B32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      const provisioned = await runCli(['device', 'provision', '--hid', sim.socketPath, '--secret', OTHER_B32], env);
      expect(provisioned.stderr).toBe('');
      expect(provisioned.code).toBe(EXIT.OK);
      expect(provisioned.stdout).not.toContain(OTHER_B32);
      const press = await runCli(['device', 'press', '--hid', sim.socketPath, '--json'], env);
      const { code, step } = JSON.parse(press.stdout) as { code: string; step: number };
      const reference = await runCli(['code', '--secret', OTHER_B32, '--time', String(step * 30)]);
      expect(code).toBe(reference.stdout.trim());
    });

    it('without --port or --hid, the only board (this HID one) is used', async () => {
      // This machine (and CI) has no USB serial or HID boards, so the simulator is the only one.
      const r = await runCli(['device', 'info', '--json'], env);
      expect(r.code).toBe(EXIT.OK);
      expect(JSON.parse(r.stdout)).toMatchObject({ serial: sim.serial });
    });
  });

  type Row = [string[], number, RegExp];
  const realHidRows: Row[] = nodeHidLoads()
    ? [
        [
          ['device', 'press', '--hid', '/dev/hidraw-tokenkit-missing'],
          EXIT.DEVICE,
          /no HID device at hid:\/dev\/hidraw-tokenkit-missing/,
        ],
        [['device', 'info', '--hid', '/dev/null'], EXIT.DEVICE, /is not a HID device/],
      ]
    : [];
  it.each<Row>([
    ...realHidRows,
    [['device', 'info', '--hid', 'ffff:fffe'], EXIT.DEVICE, /no HID device at hid:ffff:fffe/],
    [['device', 'info', '--hid', '12:3'], EXIT.USAGE, /neither a device path nor VID:PID/],
    [['device', 'info', '--hid', '1209:0002', '--port', '/dev/ttyACM0'], EXIT.USAGE, /give only one/],
    [['sim', '--hid', '--serial'], EXIT.USAGE, /choose one/],
  ])('%j exits %i with one line', async (argv, exit, message) => {
    const r = await runCli(argv as string[], { TOKENKIT_RUNTIME_DIR: join(tmpdir(), 'tokenkit-hid-none') });
    expect(r.code).toBe(exit);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
