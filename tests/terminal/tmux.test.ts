import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotp, stepAt, stepStartMs } from '../../src/otp/index';
import { voicedSegments } from '../../src/speech/index';
import { readBigText } from '../../src/terminal/big-digits';
import { BIN } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { until } from '../helpers/wait';
import { clipComplete, createAlsaFixture } from '../speech/alsa-fixture';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
// One second into a step, so the code shown stays the same for the 29 s a test may take.
const START_MS = stepStartMs(stepAt(1_700_000_000_000)) + 1000;
const EXPECTED = generateTotp({ secret: SECRET, atMs: START_MS });

/** A real terminal: tmux on its own socket, running the built CLI. */
class Tmux {
  private static n = 0;
  readonly socket = `tokenkit-test-${process.pid}-${Tmux.n++}`;
  constructor(private readonly env: Record<string, string>) {}
  tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-u', '-L', this.socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  }
  start(cols: number, rows: number, argv: string[]): void {
    const envArgs = Object.entries(this.env).map(([k, v]) => `${k}=${v}`);
    const command = ['env', ...envArgs, process.execPath, BIN, ...argv]
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    this.tmux('new-session', '-d', '-s', 'sim', '-x', String(cols), '-y', String(rows), command);
    this.tmux('set-option', '-t', 'sim', 'remain-on-exit', 'on');
  }
  screen(): string[] {
    return this.tmux('capture-pane', '-t', 'sim', '-p', '-J').split('\n');
  }
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'sim', ...keys);
  }
  /** Polls the screen until `predicate` holds (the process runs in real time; this is not a speed check). */
  async waitFor(predicate: (screen: string[]) => boolean, what: string, limitMs = 20_000): Promise<string[]> {
    let screen: string[] = [];
    await until(
      `the terminal show ${what}`,
      () => predicate((screen = this.screen())),
      () => screen.join('\n'),
      limitMs,
      250,
    );
    return screen;
  }
  paneDead(): boolean {
    return this.tmux('display-message', '-t', 'sim', '-p', '#{pane_dead}').trim() === '1';
  }
  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}

const digitsOnScreen = (screen: string[], scale: { x: number; y: number }) =>
  readBigText(
    screen.filter((l) => l.includes('█')).map((l) => l.slice(1)),
    scale,
  );

describe.skipIf(!hasTool('tmux', 'tmux'))('terminal simulator in a real terminal (tmux)', () => {
  let dir: string;
  const sessions: Tmux[] = [];
  const open = () => {
    const t = new Tmux({
      XDG_STATE_HOME: dir,
      XDG_CONFIG_HOME: dir,
      LANG: 'en_US.UTF-8',
      NO_COLOR: '1',
      TERM: 'xterm-256color',
    });
    sessions.push(t);
    return t;
  };
  const base = ['sim', '--secret', SECRET, '--start-time', String(START_MS / 1000)];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenkit-tmux-'));
  });
  afterAll(() => {
    for (const t of sessions) t.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('code display: space presses the grey button and the screen shows the code tokenkit code gives', async () => {
    const t = open();
    t.start(100, 30, base);
    await t.waitFor((s) => s.some((l) => l.includes('Press the grey button')), 'the idle display');
    expect(t.screen().some((l) => l.includes('█'))).toBe(false);
    t.keys('Space');
    const screen = await t.waitFor((s) => s.some((l) => l.includes('█')), 'digits');
    expect(digitsOnScreen(screen, { x: 2, y: 1 })).toBe(EXPECTED);
    expect(screen.join('\n')).toMatch(/Valid for (29|30|2\d) s/);
    t.keys('q');
    await t.waitFor(() => t.paneDead(), 'the simulator exiting');
  });

  it('plain mode for screen readers: one line per event, Danish', async () => {
    const t = open();
    t.start(100, 30, [...base, '--plain', '--lang', 'da']);
    await t.waitFor((s) => s.some((l) => l.includes('Tryk på mellemrum eller enter')), 'the ready line');
    t.keys('Enter');
    const grouped = `${EXPECTED.slice(0, 3)} ${EXPECTED.slice(3)}`;
    const screen = await t.waitFor((s) => s.some((l) => l.startsWith('Kode: ')), 'the code line');
    expect(screen.find((l) => l.startsWith('Kode: '))).toMatch(
      new RegExp(`^Kode: ${grouped}, gyldig i \\d+ sekunder$`),
    );
    expect(screen.join('\n')).not.toContain('█');
    t.keys('q');
    await t.waitFor((s) => s.some((l) => l === 'Farvel'), 'goodbye');
  });

  it('audio reader: very large digits, keys on screen, a narrow terminal gets the compact layout', async () => {
    const t = open();
    t.start(120, 40, [...base, '--profile', 'audio-code-reader', '--no-speech']);
    await t.waitFor((s) => s.some((l) => l.includes('Press the red button')), 'the idle reader');
    t.keys('Space');
    const screen = await t.waitFor((s) => s.some((l) => l.includes('█')), 'digits');
    const text = screen.join('\n');
    for (const key of ['R: repeat', '+/-: volume', '>/<: speech rate', 'L: language', 'Q: quit'])
      expect(text).toContain(key);
    const digitRows = screen.filter((l) => l.includes('█')).length;
    expect(digitRows).toBeGreaterThan(5);
    const scale = { x: 4, y: digitRows / 5 };
    expect(digitsOnScreen(screen, scale)).toBe(EXPECTED);
    t.tmux('resize-window', '-t', 'sim', '-x', '34', '-y', '9');
    const small = await t.waitFor((s) => s.some((l) => l.startsWith('Code ')), 'the compact layout');
    expect(small.find((l) => l.startsWith('Code '))).toBe(`Code ${EXPECTED.slice(0, 3)} ${EXPECTED.slice(3)}`);
    for (const line of small) expect([...line].length).toBeLessThanOrEqual(34);
    t.keys('q');
    await t.waitFor(() => t.paneDead(), 'the simulator exiting');
  });

  it.skipIf(!hasTool('espeak-ng', 'espeak-ng') || !hasTool('aplay', 'alsa-utils'))(
    'audio reader: the red button reads the code aloud on the chosen headphone device, and r repeats it',
    async () => {
      const alsa = createAlsaFixture();
      try {
        const t = new Tmux({
          HOME: alsa.dir,
          XDG_STATE_HOME: dir,
          XDG_CONFIG_HOME: alsa.dir,
          LANG: 'en_US.UTF-8',
          NO_COLOR: '1',
          TERM: 'xterm-256color',
        });
        sessions.push(t);
        t.start(120, 40, [...base, '--profile', 'audio-code-reader', '--lang', 'da', '--device', alsa.captureDevice]);
        await t.waitFor((s) => s.some((l) => l.includes('Tryk på den røde knap')), 'the idle reader');
        t.keys('Space');
        // A clip is whole once aplay stops writing to it.
        await t.waitFor(clipComplete(alsa, 1), 'the code spoken on the capture device');
        t.keys('r');
        await t.waitFor(clipComplete(alsa, 2), 'the repeat');
        t.keys('q');
        await t.waitFor(() => t.paneDead(), 'the simulator exiting');
        const clips = alsa.captures();
        for (const clip of clips.slice(0, 2)) {
          const segments = voicedSegments({ sampleRateHz: clip.rateHz, channels: 1, samples: clip.samples });
          // Six digits, each its own segment, then "gyldig i N sekunder".
          expect(segments.length).toBeGreaterThanOrEqual(7);
        }
        expect(t.screen().join('\n')).not.toContain('Ingen tale');
      } finally {
        alsa.cleanup();
      }
    },
  );

  it.skipIf(!hasTool('espeak-ng', 'espeak-ng') || !hasTool('aplay', 'alsa-utils'))(
    '--plain audio reader whose headphones fail: one line says why, in Danish, and the codes keep coming',
    async () => {
      const alsa = createAlsaFixture();
      try {
        // An output that exists but cannot be opened: its file lives in a directory that does not exist.
        appendFileSync(
          join(alsa.dir, '.asoundrc'),
          `pcm.tk_broken {\n  type file\n  slave.pcm "null"\n  file "${join(alsa.dir, 'missing', 'x.raw')}"\n  format "raw"\n  hint { show on description "broken" }\n}\n`,
        );
        const t = new Tmux({
          HOME: alsa.dir,
          XDG_STATE_HOME: dir,
          XDG_CONFIG_HOME: alsa.dir,
          LANG: 'en_US.UTF-8',
          NO_COLOR: '1',
          TERM: 'xterm-256color',
        });
        sessions.push(t);
        t.start(120, 40, [
          ...base,
          '--profile',
          'audio-code-reader',
          '--plain',
          '--lang',
          'da',
          '--device',
          'tk_broken',
        ]);
        await t.waitFor((s) => s.some((l) => l.includes('Mellemrum eller enter')), 'the ready line');
        t.keys('Enter');
        const screen = await t.waitFor(
          (s) => s.some((l) => l.startsWith('Ingen tale:')),
          'the line saying speech failed',
        );
        expect(screen.find((l) => l.startsWith('Ingen tale:'))).toContain("lydudgangen 'tk_broken'");
        expect(screen.some((l) => l.startsWith('Kode: '))).toBe(true);
        t.keys('q');
        await t.waitFor((s) => s.some((l) => l === 'Farvel'), 'goodbye');
      } finally {
        alsa.cleanup();
      }
    },
  );

  it('--plain --no-speech: every key gets a line (r, l, + / -, > / <, h, an unknown key), in both languages', async () => {
    const t = open();
    t.start(140, 40, [...base, '--profile', 'audio-code-reader', '--plain', '--no-speech']);
    await t.waitFor((s) => s.some((l) => l.includes('h lists the keys')), 'the ready line');
    const step = async (key: string, line: (l: string) => boolean, what: string) => {
      const before = t.screen().filter((l) => l.trim() !== '').length;
      t.keys(key);
      return t.waitFor(
        (s) => s.filter((l) => l.trim() !== '').length > before && line(s.filter((l) => l.trim()).at(-1)!),
        what,
      );
    };
    await step('r', (l) => l === 'No code yet: press space for a code.', 'r before any code');
    await step('+', (l) => l === 'Volume not changed: speech is off.', '+ without speech');
    await step('>', (l) => l === 'Speech rate not changed: speech is off.', '> without speech');
    await step('h', (l) => l.startsWith('Keys: space or enter reads the code;'), 'the help line');
    await step('x', (l) => l === 'That key does nothing: press h for the keys.', 'an unknown key');
    await step('Enter', (l) => l.startsWith('Code: '), 'the code');
    await step(
      'r',
      (l) => l.startsWith(`Code: ${EXPECTED.slice(0, 3)} ${EXPECTED.slice(3)}, valid for`),
      'r repeating it',
    );
    await step('l', (l) => l === 'Sprog: dansk', 'the language');
    await step('-', (l) => l === 'Lydstyrken er ikke ændret: talen er slået fra.', '- in Danish');
    await step('?', (l) => l.startsWith('Taster: mellemrum eller enter læser koden op;'), 'the Danish help');
    t.keys('q');
    await t.waitFor((s) => s.some((l) => l === 'Farvel'), 'goodbye');
  });

  it.skipIf(!hasTool('espeak-ng', 'espeak-ng') || !hasTool('aplay', 'alsa-utils'))(
    '--plain with speech: l, h, + and r are confirmed aloud on the headphones as well as printed',
    async () => {
      const alsa = createAlsaFixture();
      try {
        const t = new Tmux({
          HOME: alsa.dir,
          XDG_STATE_HOME: dir,
          XDG_CONFIG_HOME: alsa.dir,
          LANG: 'en_US.UTF-8',
          NO_COLOR: '1',
          TERM: 'xterm-256color',
        });
        sessions.push(t);
        t.start(140, 40, [
          ...base,
          '--profile',
          'audio-code-reader',
          '--plain',
          '--lang',
          'en',
          '--device',
          alsa.captureDevice,
        ]);
        await t.waitFor((s) => s.some((l) => l.includes('h lists the keys')), 'the ready line');
        // Each key waits for the previous clip to be whole, so no confirmation cuts another off.
        t.keys('r');
        await t.waitFor(clipComplete(alsa, 1), '"no code yet" spoken');
        t.keys('l');
        await t.waitFor(clipComplete(alsa, 2), 'the new language spoken');
        t.keys('h');
        await t.waitFor(clipComplete(alsa, 3), 'the help spoken');
        t.keys('+');
        await t.waitFor(clipComplete(alsa, 4), 'the new volume spoken');
        const screen = t.screen();
        expect(screen).toContain('No code yet: press space for a code.');
        expect(screen).toContain('Sprog: dansk');
        expect(screen.some((l) => l.startsWith('Taster: '))).toBe(true);
        expect(screen.some((l) => /^Lydstyrke \d+$/.test(l))).toBe(true);
        t.keys('q');
        await t.waitFor(() => t.paneDead(), 'the simulator exiting');
        const spokenMs = alsa.captures().map((c) => {
          const segments = voicedSegments({ sampleRateHz: c.rateHz, channels: 1, samples: c.samples });
          return segments.length === 0 ? 0 : segments.at(-1)!.endMs - segments[0]!.startMs;
        });
        // Speech, not a 150 ms beep; the help is the longest message.
        const [nothing, language, help, volume] = spokenMs;
        for (const ms of [nothing, language, volume]) expect(ms).toBeGreaterThan(300);
        expect(help).toBeGreaterThan(nothing! * 2);
      } finally {
        alsa.cleanup();
      }
    },
  );

  it('audio reader without any speech engine: says which package to install and keeps working silently', async () => {
    // An empty PATH hides espeak-ng, festival and aplay from the simulator (node itself is started by path).
    const t = new Tmux({
      PATH: join(dir, 'empty-bin'),
      XDG_STATE_HOME: dir,
      XDG_CONFIG_HOME: dir,
      LANG: 'en_US.UTF-8',
      NO_COLOR: '1',
      TERM: 'xterm-256color',
    });
    sessions.push(t);
    t.start(120, 40, [...base, '--profile', 'audio-code-reader', '--plain']);
    const ready = await t.waitFor((s) => s.some((l) => l.startsWith('No speech:')), 'the no-speech notice');
    expect(ready.find((l) => l.startsWith('No speech:'))).toMatch(
      /install the Debian package 'espeak-ng'.*The reader keeps working silently\.$/,
    );
    t.keys('Enter');
    const screen = await t.waitFor((s) => s.some((l) => l.startsWith('Code: ')), 'the code line');
    expect(screen.find((l) => l.startsWith('Code: '))).toContain(`${EXPECTED.slice(0, 3)} ${EXPECTED.slice(3)}`);
    t.keys('q');
    await t.waitFor((s) => s.some((l) => l === 'Goodbye'), 'goodbye');
  });
});
