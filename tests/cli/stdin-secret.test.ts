import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { readSecretLine } from '../../src/cli/stdin-secret';
import { BIN, runBin, runCli } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const HEX = '3132333435363738393031323334353637383930';
const URI = `otpauth://totp/tokenkit:eva?secret=${SECRET}&issuer=tokenkit`;

describe('--secret - reads the secret from stdin, on every command that takes one', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-stdin-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['code', '--time', '59']],
    [['timeline', '--time', '59']],
    [['verify', '287082', '--time', '59']],
    [['find', '287082', '--time', '59', '--range', '2m']],
  ])('%j: the same answer as with the secret on the command line', async (argv) => {
    const given = await runBin([...argv, '--secret', SECRET]);
    for (const [option, value] of [
      ['--secret', SECRET],
      ['--secret-hex', HEX],
      ['--uri', URI],
    ]) {
      const piped = await runBin([...argv, option!, '-'], {}, `${value}\n`);
      expect(piped.stderr).toBe('');
      expect(piped.stdout).toBe(given.stdout);
      expect(piped.code).toBe(given.code);
    }
  });

  it('token add --secret - then token verify', async () => {
    const store = ['--store', join(dir, 't.db')];
    const added = await runBin(['token', 'add', 'eva', '--secret', '-', ...store], {}, `${SECRET}\n`);
    expect(added.code).toBe(EXIT.OK);
    const code = (await runBin(['code', '--secret', SECRET])).stdout.trim();
    expect((await runBin(['token', 'verify', 'eva', code, ...store])).code).toBe(EXIT.OK);
  });

  it('an empty line, no stdin, or two options at "-": one line, exit 2, nothing echoed', async () => {
    for (const [argv, input] of [
      [['code', '--secret', '-'], '\n'],
      [['code', '--secret', '-'], ''],
      [['code', '--secret', '-', '--uri', '-'], `${SECRET}\n`],
    ] as const) {
      const r = await runBin([...argv], {}, input);
      expect(r.code).toBe(EXIT.USAGE);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toContain(SECRET);
    }
    // In-process without a stdin at all.
    expect((await runCli(['code', '--secret', '-'])).code).toBe(EXIT.USAGE);
  });

  it('--help says how to keep the secret out of ps, in both languages', async () => {
    const help = async (argv: string[]) => (await runCli(argv)).stdout.replace(/\s+/g, ' ');
    for (const cmd of [['code'], ['sim'], ['token', 'add'], ['device', 'provision'], ['device', 'watch']]) {
      expect(await help([...cmd, '--help'])).toContain(
        "or '-' to read it from stdin. $TOKENKIT_SECRET or stdin keeps it out of the process list (ps)",
      );
      expect(await help([...cmd, '--help', '--lang', 'da'])).toContain(
        "eller '-' for at læse den fra stdin. $TOKENKIT_SECRET eller stdin holder den ude af proceslisten (ps)",
      );
    }
  });

  it.skipIf(!hasTool('socat', 'socat'))(
    '`sim --serial --secret -`: the secret is not in the process list, and the board uses it',
    async () => {
      const link = join(dir, 'port');
      const sim = spawn(process.execPath, [BIN, 'sim', '--serial', '--secret', '-', '--link', link], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8' },
      });
      let out = '';
      sim.stdout.on('data', (d: Buffer) => (out += d.toString()));
      sim.stderr.on('data', (d: Buffer) => (out += d.toString()));
      try {
        sim.stdin.write(`${SECRET}\n`);
        await until(
          'the board ready',
          () => out.includes('Simulated'),
          () => out,
        );
        const cmdline = readFileSync(`/proc/${sim.pid}/cmdline`, 'utf8');
        expect(cmdline).not.toContain(SECRET);
        expect(cmdline).toContain('--secret\u0000-');
        const pressed = await runCli(['device', 'press', '--port', link, '--json']);
        const { code, step } = JSON.parse(pressed.stdout) as { code: string; step: number };
        expect(code).toBe((await runCli(['code', '--secret', SECRET, '--time', String(step * 30)])).stdout.trim());
      } finally {
        sim.kill('SIGINT');
        await new Promise((r) => sim.once('exit', r));
      }
    },
  );
});

describe('readSecretLine', () => {
  it('on a terminal: raw mode while typing, backspace works, nothing is echoed, raw mode restored', async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[] });
    const setRawMode = (raw: boolean) => tty.modes.push(raw);
    const reading = readSecretLine(Object.assign(tty, { setRawMode }));
    tty.write('GEZX\x7fDG\r');
    expect(await reading).toBe('GEZDG');
    expect(tty.modes).toEqual([true, false]);
  });

  it('from a pipe: one line; the rest stays for the command', async () => {
    const pipe = new PassThrough();
    const reading = readSecretLine(pipe);
    pipe.write(`${SECRET}\nq`);
    expect(await reading).toBe(SECRET);
    const rest = await new Promise<string>((resolve) => {
      pipe.once('data', (d: Buffer) => resolve(d.toString()));
      pipe.resume(); // as the command that reads its keys does
    });
    expect(rest).toBe('q');
  });
});
