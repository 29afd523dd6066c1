import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateTotp } from '../../src/otp/index';
import { BIN, runCli } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/**
 * Seven segments as renderDisplayBlocks draws them (5 rows, 6 columns a digit, 2 more between a code's six
 * digits and its countdown) back to characters.
 */
const SEGMENT_DIGITS: Record<string, string> = {
  abcdef: '0',
  bc: '1',
  abdeg: '2',
  abcdg: '3',
  bcfg: '4',
  acdfg: '5',
  acdefg: '6',
  abc: '7',
  abcdefg: '8',
  abcdfg: '9',
  g: '-',
  '': ' ',
};
function readBlockDigits(rows: string[]): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    const x = i * 6 + (i >= 6 && rows[4]!.length >= 50 ? 2 : 0);
    const lit = (r: number, c: number) => rows[r]![x + c] === '█';
    const segs = [
      ['a', lit(0, 1)],
      ['b', lit(1, 4)],
      ['c', lit(3, 4)],
      ['d', lit(4, 1)],
      ['e', lit(3, 0)],
      ['f', lit(1, 0)],
      ['g', lit(2, 1)],
    ]
      .filter(([, on]) => on)
      .map(([s]) => s)
      .join('');
    out += SEGMENT_DIGITS[segs] ?? '?';
  }
  return out;
}
const codesAround = (atMs: number) => [-1, 0, 1].map((k) => generateTotp({ secret: SECRET, atMs: atMs + k * 30_000 }));

describe.skipIf(!hasTool('tmux', 'tmux'))('tokenkit sim --firmware avr in a real terminal (tmux)', () => {
  it('shows the C firmware’s decoded display; space presses its button and the code is the one tokenkit code gives', async () => {
    const socket = `tokenkit-avr-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', ['-u', '-L', socket, ...args], { encoding: 'utf8' }).stdout;
    const command = `env LANG=en_US.UTF-8 '${process.execPath}' '${BIN}' sim --firmware avr --secret ${SECRET}`;
    tmux('new-session', '-d', '-s', 'avr', '-x', '100', '-y', '20', command);
    try {
      let screen: string[] = [];
      const capture = () => (screen = tmux('capture-pane', '-t', 'avr', '-p').split('\n'));
      await until(
        'the key line',
        () => capture().some((l) => l.includes('space or Enter presses the button')),
        () => screen.join('\n'),
      );
      tmux('send-keys', '-t', 'avr', ' ');
      await until(
        'a code on the display',
        () => {
          const rows = capture().filter((l) => /[█░]/.test(l));
          return rows.length === 5 && /^\d{8}$/.test(readBlockDigits(rows));
        },
        () => screen.join('\n'),
      );
      const shown = readBlockDigits(screen.filter((l) => /[█░]/.test(l)));
      expect(codesAround(Date.now())).toContain(shown.slice(0, 6));
      expect(Number(shown.slice(6))).toBeLessThanOrEqual(30);
      tmux('send-keys', '-t', 'avr', 'q');
      await until(
        'the simulator to quit',
        () => tmux('list-sessions').trim() === '',
        () => screen.join('\n'),
      );
    } finally {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    }
  });
});

describe.skipIf(!hasTool('socat', 'socat'))('tokenkit sim --serial --firmware avr', () => {
  it('serves the C firmware on a pty: device info and press work; Ctrl-C cleans up', async () => {
    const sim = spawn(
      process.execPath,
      [BIN, 'sim', '--serial', '--firmware', 'avr', '--secret', SECRET, '--headless'],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8' },
      },
    );
    try {
      let out = '';
      sim.stdout.on('data', (d) => (out += d));
      await until(
        'the pty path',
        () => out.includes('\n'),
        () => out,
      );
      const port = out.split('\n')[0]!;
      const info = await runCli(['device', 'info', '--port', port, '--json', '--timeout', '3000']);
      expect(info.stderr).toBe('');
      expect(JSON.parse(info.stdout)).toMatchObject({
        profileId: 'code-display',
        provisioned: true,
        clock: { unset: false, unreliable: false },
      });
      const press = await runCli(['device', 'press', '--port', port, '--json', '--timeout', '3000']);
      expect(press.code).toBe(0);
      const { code, step } = JSON.parse(press.stdout) as { code: string; step: number };
      expect(code).toBe(generateTotp({ secret: SECRET, atMs: step * 30_000 + 1 }));
      sim.kill('SIGINT');
      const exit = await new Promise<number | null>((r) => sim.once('exit', (c) => r(c)));
      expect([0, 130]).toContain(exit);
    } finally {
      sim.kill('SIGKILL');
    }
  });
});
