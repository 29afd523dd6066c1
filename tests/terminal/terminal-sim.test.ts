import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/program';
import { t } from '../../src/i18n/index';
import { voiceFromSpeaker } from '../../src/sim/index';
import { type PlayOptions, RecordingBackend, Speaker, SpeechDeviceError, type Wav } from '../../src/speech/index';
import { readBigText } from '../../src/terminal/big-digits';
import {
  keyFor,
  runTerminalSim,
  type SimToken,
  type SimTokenEvent,
  type SimVoice,
} from '../../src/terminal/terminal-sim';
import { runCli } from '../helpers/cli';

/** A token that records presses and lets the test emit events: a unit test of the terminal layer alone. */
class ScriptedToken implements SimToken {
  presses = 0;
  private listeners = new Set<(e: SimTokenEvent) => void>();
  press() {
    this.presses++;
  }
  onEvent(l: (e: SimTokenEvent) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(e: SimTokenEvent) {
    for (const l of this.listeners) l(e);
  }
}

class FakeTty extends EventEmitter {
  isTTY = true;
  rawModes: boolean[] = [];
  setRawMode(raw: boolean) {
    this.rawModes.push(raw);
  }
  type(text: string) {
    this.emit('data', Buffer.from(text));
  }
}

class RecordingVoice implements SimVoice {
  calls: string[] = [];
  volume = 5;
  rate = 3;
  speakCode(code: string, remainingSec: number, lang: string) {
    this.calls.push(`speak ${code} ${remainingSec} ${lang}`);
  }
  repeat(lang: string) {
    this.calls.push(`repeat ${lang}`);
  }
  cancel() {
    this.calls.push('cancel');
  }
  changeVolume(d: number) {
    this.volume += d;
  }
  changeRate(d: number) {
    this.rate += d;
  }
  announce(what: string, lang: string) {
    this.calls.push(`announce ${what} ${lang}`);
  }
  problem: string | undefined;
  private problemListeners = new Set<() => void>();
  onProblem(listener: () => void) {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }
  fail(problem: string) {
    this.problem = problem;
    for (const l of this.problemListeners) l();
  }
}

function outputCapture() {
  const out = { text: '', columns: 80, rows: 24, write: (s: string) => void (out.text += s) };
  return out;
}

/** An audio reader in the terminal on a scripted token and a fake tty (plain text unless `plain` is false). */
const start = (voice?: RecordingVoice, plain = true) => {
  const token = new ScriptedToken();
  const input = new FakeTty();
  const output = outputCapture();
  const running = runTerminalSim({
    kind: 'audio-code-reader',
    periodSec: 30,
    lang: 'en',
    token,
    input,
    output,
    plain,
    color: false,
    nowMs: () => 0,
    ...(voice ? { voice } : {}),
  });
  return { token, input, output, running };
};

describe('terminal simulator controller', () => {
  it('plain mode: one line per event, in the chosen language, and q quits restoring the terminal', async () => {
    const token = new ScriptedToken();
    const input = new FakeTty();
    const output = outputCapture();
    let clock = 0;
    const running = runTerminalSim({
      kind: 'code-display',
      periodSec: 30,
      lang: 'da',
      token,
      input,
      output,
      plain: true,
      color: false,
      nowMs: () => clock,
    });
    input.type(' ');
    expect(token.presses).toBe(1);
    token.emit({ type: 'code', code: '452917', step: 1, remainingMs: 22_500 });
    clock = 10_000;
    token.emit({ type: 'off' });
    input.type('q');
    await running;
    const lines = output.text.trim().split('\n');
    expect(lines).toContain('Kode: 452 917, gyldig i 23 sekunder');
    expect(lines).toContain(t('da', 'term.plain.off'));
    expect(t('da', 'term.plain.off')).not.toBe(t('en', 'term.plain.off'));
    expect(lines.at(-1)).toBe('Farvel');
    expect(output.text).not.toContain('\x1b');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('drawn mode shows the big code and restores the screen on abort', async () => {
    const token = new ScriptedToken();
    const input = new FakeTty();
    const output = outputCapture();
    const controller = new AbortController();
    const running = runTerminalSim({
      kind: 'code-display',
      periodSec: 30,
      lang: 'en',
      token,
      input,
      output,
      plain: false,
      color: false,
      signal: controller.signal,
      nowMs: () => 0,
    });
    token.emit({ type: 'code', code: '287082', step: 1, remainingMs: 30_000 });
    // Replay the ANSI writes into a screen buffer to read what a person would see.
    const screen: string[] = [];
    for (const m of output.text.matchAll(/\x1b\[(\d+);1H([^\x1b]*)\x1b\[K/g)) screen[Number(m[1]) - 1] = m[2]!;
    expect(
      readBigText(
        screen.filter((l) => l?.includes('█')).map((l) => l.slice(1)),
        { x: 2, y: 1 },
      ),
    ).toBe('287082');
    controller.abort();
    await running;
    expect(output.text.endsWith('\x1b[?25h\x1b[?1049l')).toBe(true);
  });

  it('audio reader: the keys reach the voice, and each shown code is spoken', async () => {
    const voice = new RecordingVoice();
    const { token, input, output, running } = start(voice);
    input.type('\r');
    token.emit({ type: 'code', code: '123456', step: 7, remainingMs: 9_000 });
    input.type('r++->.<l');
    token.emit({ type: 'code', code: '654321', step: 8, remainingMs: 30_000 });
    input.type('\x03');
    await running;
    expect(token.presses).toBe(1);
    expect(voice.calls.filter((c) => c.startsWith('speak'))).toEqual(['speak 123456 9 en', 'speak 654321 30 da']);
    expect(voice.calls).toContain('repeat en');
    expect(voice.volume).toBe(6);
    expect(voice.rate).toBe(4);
    expect(output.text).toContain('Volume 7');
    expect(output.text).toContain('Sprog: dansk');
  });

  it('maps keys like the real reader: buttons, repeat, volume, rate, language, quit', () => {
    expect([' ', '\r', 'r', '+', '-', '>', '<', 'l', 'q', 'x'].map(keyFor)).toEqual([
      'press',
      'press',
      'repeat',
      'volumeUp',
      'volumeDown',
      'rateUp',
      'rateDown',
      'language',
      'quit',
      undefined,
    ]);
  });
});

describe('terminal simulator: every key answers (issue 10 item 15)', () => {
  it('with a voice: r, l, h and an unknown key are printed and spoken; + and > print the new setting', async () => {
    const voice = new RecordingVoice();
    const { token, input, output, running } = start(voice);
    input.type('r');
    input.type('l');
    input.type('h');
    input.type('x');
    input.type('\x1b[A'); // an arrow key: one answer
    token.emit({ type: 'code', code: '123456', step: 7, remainingMs: 9_000 });
    input.type('r+>');
    input.type('q');
    await running;
    expect(voice.calls.filter((c) => c.startsWith('announce'))).toEqual([
      'announce nothingToRepeat en',
      'announce language da',
      'announce help da',
      'announce unknownKey da',
      'announce unknownKey da',
    ]);
    expect(voice.calls).toContain('repeat da');
    const lines = output.text.trim().split('\n');
    expect(lines).toEqual([
      expect.stringContaining('h lists the keys'),
      'No code yet: press space for a code.',
      'Sprog: dansk',
      expect.stringMatching(/^Taster: mellemrum eller enter læser koden op;/),
      'Den tast gør ingenting: tryk på h for at se tasterne.',
      'Den tast gør ingenting: tryk på h for at se tasterne.',
      'Kode: 123 456, gyldig i 9 sekunder',
      'Kode: 123 456, gyldig i 9 sekunder',
      'Lydstyrke 6',
      'Taletempo 4',
      'Farvel',
    ]);
  });

  it('without a voice (--no-speech): volume and rate keys say that nothing changed, drawn or plain', async () => {
    const plain = start();
    plain.input.type('+<q');
    await plain.running;
    expect(plain.output.text).toContain('Volume not changed: speech is off.');
    expect(plain.output.text).toContain('Speech rate not changed: speech is off.');
    const drawn = start(undefined, false);
    drawn.input.type('-');
    expect(drawn.output.text).toContain('Volume not changed: speech is off.');
    drawn.input.type('q');
    await drawn.running;
  });

  it('h, H and ? are the help key', () => {
    expect(['h', 'H', '?'].map(keyFor)).toEqual(['help', 'help', 'help']);
  });
});

describe('terminal simulator: review fixes', () => {
  it('no timer keeps running once the shown countdown has run out (a slow token clock sends its next code late)', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const token = new ScriptedToken();
      const input = new FakeTty();
      const output = outputCapture();
      const running = runTerminalSim({
        kind: 'code-display',
        periodSec: 30,
        lang: 'en',
        token,
        input,
        output,
        plain: false,
        color: false,
        nowMs: () => Date.now(),
      });
      token.emit({ type: 'code', code: '452917', step: 1, remainingMs: 2_000 });
      expect(vi.getTimerCount()).toBe(1); // the countdown tick
      vi.advanceTimersByTime(2_500); // past the deadline, no new code yet
      expect(output.text).toContain('Valid for 0 s');
      expect(vi.getTimerCount()).toBe(0);
      input.type('q');
      await running;
    } finally {
      vi.useRealTimers();
    }
  });

  it('r after l repeats the code in the new language', async () => {
    const token = new ScriptedToken();
    const input = new FakeTty();
    const voice = new RecordingVoice();
    const running = runTerminalSim({
      kind: 'audio-code-reader',
      periodSec: 30,
      lang: 'en',
      token,
      input,
      output: outputCapture(),
      plain: true,
      color: false,
      voice,
      nowMs: () => 0,
    });
    token.emit({ type: 'code', code: '123456', step: 7, remainingMs: 9_000 });
    input.type('lr');
    input.type('q');
    await running;
    expect(voice.calls).toEqual(['speak 123456 9 en', 'announce language da', 'repeat da', 'cancel']);
  });

  it('plain mode prints why the voice went silent when it fails after starting, once per new problem', async () => {
    const voice = new RecordingVoice();
    const { token, input, output, running } = start(voice);
    token.emit({ type: 'code', code: '123456', step: 7, remainingMs: 9_000 });
    voice.fail('No speech: the headphones are gone.');
    voice.fail('No speech: the headphones are gone.');
    input.type('q');
    await running;
    expect(output.text.split('\n').filter((l) => l.startsWith('No speech'))).toEqual([
      'No speech: the headphones are gone.',
    ]);
  });

  it('drawn mode shows a voice problem at once, wrapped so the fix is not cut off', async () => {
    const token = new ScriptedToken();
    const input = new FakeTty();
    const output = Object.assign(outputCapture(), { columns: 40, rows: 24 });
    const voice = new RecordingVoice();
    const running = runTerminalSim({
      kind: 'audio-code-reader',
      periodSec: 30,
      lang: 'en',
      token,
      input,
      output,
      plain: false,
      color: false,
      voice,
      nowMs: () => 0,
    });
    const problem =
      "No speech: audio output 'default' failed: no such device. See 'tokenkit audio devices' for the outputs.";
    voice.fail(problem);
    const screen: string[] = [];
    for (const m of output.text.matchAll(/\x1b\[(\d+);1H([^\x1b]*)\x1b\[K/g)) screen[Number(m[1]) - 1] = m[2]!;
    const shown = screen.join(' ').replace(/\s+/g, ' ');
    expect(shown).toContain(problem);
    input.type('q');
    await running;
  });
});

/** Plays fail with the device error until `failing` is cleared: a unit test's stand-in for unplugged headphones. */
class UnpluggedBackend extends RecordingBackend {
  failing = true;
  override async play(wav: Wav, o: PlayOptions = {}): Promise<void> {
    if (this.failing) throw new SpeechDeviceError(o.device ?? 'default', 'no such device');
    return super.play(wav, o);
  }
}

describe('the simulator voice over a real Speaker', () => {
  it('a failed playback becomes a localized problem, and it clears once speech works again', async () => {
    const backend = new UnpluggedBackend();
    const speaker = new Speaker({ backend, lang: 'da', device: 'headset' });
    const voice = voiceFromSpeaker(speaker, 'da');
    const seen: (string | undefined)[] = [];
    voice.onProblem?.(() => seen.push(voice.problem));
    voice.speakCode('123456', 20, 'da');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([
      t('da', 'speech.silent', {
        reason: t('da', 'speech.error.playback', { device: 'headset', detail: 'no such device' }).replace(/\.$/, ''),
      }),
    ]);
    backend.failing = false;
    voice.repeat('en');
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeUndefined();
    expect(backend.utterances.at(-1)?.lang).toBe('en');
    await speaker.close();
  });
});

describe('tokenkit sim: speaker options where nothing speaks', () => {
  it.each([
    [['sim', '--voice', 'nope'], '--voice'],
    [['sim', '--device', 'headset', '--lang', 'da'], '--device'],
    [['sim', '--no-speech'], '--no-speech'],
    [['sim', '--serial', '--profile', 'audio-code-reader', '--voice', 'espeak'], '--voice'],
  ])('%j is a usage error naming %s (it was ignored: exit 0)', async (argv, flag) => {
    const r = await runCli(argv, { XDG_STATE_HOME: '/nonexistent-tokenkit-test' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lang = argv.includes('da') ? 'da' : 'en';
    expect(r.stderr).toBe(`tokenkit: ${t(lang, 'sim.error.speakerOnly', { option: flag })}\n`);
  });
});

describe('tokenkit sim: the saved audio language', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-sim-lang-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The CLI in-process with a piped stdin that quits at once (plain mode, no speech engine on PATH). */
  async function simOnce(argv: string[]): Promise<string> {
    const stdin = new PassThrough();
    let stdout = '';
    const env = {
      LANG: 'en_US.UTF-8',
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_STATE_HOME: join(dir, 'state'),
      PATH: '/nonexistent',
    }; // no engine: the reader runs silently
    const running = run(['sim', '--profile', 'audio-code-reader', ...argv], {
      stdout: (s) => (stdout += s),
      stderr: () => {},
      env,
      isTTY: false,
      stdin,
    });
    stdin.end('q');
    expect(await running).toBe(0);
    return stdout;
  }

  it('the audio reader starts in the language saved with audio default --lang, unless --lang is given', async () => {
    mkdirSync(join(dir, 'config', 'tokenkit'), { recursive: true });
    writeFileSync(join(dir, 'config', 'tokenkit', 'config.json'), JSON.stringify({ audio: { lang: 'da' } }));
    const title = t('da', 'term.title.audioReader');
    expect((await simOnce([])).split('\n')[0]).toBe(t('da', 'term.plain.readyAudio', { title }));
    expect(await simOnce(['--lang', 'en'])).toContain(t('en', 'term.plain.bye'));
  });
});
