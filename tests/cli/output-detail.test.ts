import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import qrcode from 'qrcode-terminal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { run } from '../../src/cli/program';
import { formatDuration } from '../../src/i18n/index';
import { decodeBase32 } from '../../src/otp/index';
import { type HidSimHandle, startHidSim } from '../../src/sim/index';
import { runBin, runCli } from '../helpers/cli';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const DAY_MS = 86_400_000;

const qrOf = (text: string) =>
  new Promise<string>((resolve) => qrcode.generate(text, { small: true }, (code: string) => resolve(code)));

describe('output that tells the user what it knows (issue 10 item 18)', () => {
  let dir: string;
  let sim: HidSimHandle;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-detail-'));
    env = { TOKENKIT_RUNTIME_DIR: join(dir, 'run') };
    // A board whose clock is a day, two hours and three minutes behind.
    sim = await startHidSim({
      secret: decodeBase32(SECRET),
      link: join(dir, 'b.sock'),
      startMs: Date.now() - DAY_MS - 2 * 3_600_000 - 3 * 60_000,
    });
  });
  afterAll(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('device press --long prints the serial number and the battery, in text and JSON', async () => {
    const text = await runCli(['device', 'press', '--hid', sim.socketPath, '--long'], env);
    expect(text.code).toBe(EXIT.OK);
    expect(text.stdout).toMatch(new RegExp(`serial number ${sim.serial}, battery \\d+%`));
    const json = JSON.parse(
      (await runCli(['device', 'press', '--hid', sim.socketPath, '--long', '--json'], env)).stdout,
    );
    expect(json).toMatchObject({ code: null, long: true, serial: sim.serial });
    expect(typeof json.batteryPercent).toBe('number');
  });

  it('a big offset is shown in days, hours and minutes beside the ms', async () => {
    const r = await runCli(['device', 'time', '--hid', sim.socketPath], env);
    expect(r.stdout).toMatch(/offset -9\d{7}\.\d ms \(-1 d 2 h 3 min( \d+ s)?\) ±/);
    const da = await runCli(['device', 'time', '--hid', sim.socketPath, '--lang', 'da'], env);
    expect(da.stdout).toMatch(/forskel -9\d{7},\d ms \(-1 d 2 t 3 min( \d+ s)?\) ±/);
    expect(formatDuration('en', 90_061_000)).toBe('1 d 1 h 1 min 1 s');
    expect(formatDuration('en', 500)).toBe('1 s');
  });

  it('verify --json reports the matched step, as the text does; code --json names validity startMs/endMs', async () => {
    const at = 1_700_000_000;
    const earlier = (await runCli(['code', '--secret', SECRET, '--time', String(at - 30)])).stdout.trim();
    const text = await runCli(['verify', earlier, '--secret', SECRET, '--time', String(at)]);
    const step = Number(/\(step (\d+)\)/.exec(text.stdout)![1]);
    const json = JSON.parse(
      (await runCli(['verify', earlier, '--secret', SECRET, '--time', String(at), '--json'])).stdout,
    );
    expect(json).toMatchObject({ valid: true, delta: -1, step, currentStep: step + 1 });
    const code = JSON.parse((await runCli(['code', '--secret', SECRET, '--time', String(at), '--json'])).stdout);
    expect(code).toMatchObject({ startMs: 1_699_999_980_000, endMs: 1_700_000_010_000 });
    expect(code).not.toHaveProperty('validFromMs');
    const timeline = JSON.parse(
      (await runCli(['timeline', '--secret', SECRET, '--time', String(at), '--json'])).stdout,
    );
    expect(timeline.entries[0]).toHaveProperty('startMs');
  });

  it('token add --generate --qr prints the URI and its QR code', async () => {
    const r = await runCli(['token', 'add', 'eva', '--generate', '--qr', '--store', join(dir, 't.db')]);
    expect(r.code).toBe(EXIT.OK);
    const uri = r.stdout.split('\n').find((l) => l.startsWith('otpauth://'))!;
    expect(r.stdout).toContain(await qrOf(uri));
  });

  it('sim --show-secret --qr, and sim --register USER puts the practice token in the store in one step', async () => {
    const store = join(dir, 'sim.db');
    const home = { XDG_STATE_HOME: join(dir, 'state') };
    const first = await runBin(
      ['sim', '--plain', '--show-secret', '--qr', '--register', 'lea', '--store', store],
      home,
      'q',
    );
    expect(first.code).toBe(EXIT.OK);
    expect(first.stdout).toMatch(/^Practice token added to the store for lea/m);
    const uri = /Practice token: (otpauth:\S+)/.exec(first.stdout)![1]!;
    expect(first.stdout).toContain(await qrOf(uri));
    // The store verifies the practice token's codes.
    const secret = new URL(uri).searchParams.get('secret')!;
    const code = (await runCli(['code', '--secret', secret])).stdout.trim();
    expect((await runCli(['token', 'verify', 'lea', code, '--store', store])).code).toBe(EXIT.OK);
    // Again: the same practice token is already there, nothing is added twice.
    const again = await runBin(['sim', '--plain', '--register', 'lea', '--store', store], home, 'q');
    expect(again.stdout).toMatch(/already has this practice token for lea/);
    expect(again.code).toBe(EXIT.OK);
  });

  it('provision --generate without --register says first that the secret cannot be recovered', async () => {
    const log: string[] = [];
    const io = {
      stdout: (s: string) => log.push(`out ${s}`),
      stderr: (s: string) => log.push(`err ${s}`),
      env: { ...env, LANG: 'en_US.UTF-8' },
      isTTY: false,
    };
    expect(await run(['device', 'provision', '--hid', sim.socketPath, '--generate'], io)).toBe(EXIT.OK);
    expect(log[0]).toMatch(/^err note: the generated secret goes to the board only and can never be read back/);
    expect(log.at(-1)).toMatch(/^out Provisioned/);
    const shown = await runCli(['device', 'provision', '--hid', sim.socketPath, '--generate', '--show-secret'], env);
    expect(shown.stderr).toBe('');
  });
});
