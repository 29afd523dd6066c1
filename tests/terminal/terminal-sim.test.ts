import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readBigText } from '../../src/terminal/big-digits';
import { keyFor, runTerminalSim, type SimToken, type SimTokenEvent, type SimVoice } from '../../src/terminal/terminal-sim';

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
  repeat() {
    this.calls.push('repeat');
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
}

function outputCapture() {
  const out = { text: '', columns: 80, rows: 24, write: (s: string) => void (out.text += s) };
  return out;
}

describe('terminal simulator controller', () => {
  it('plain mode: one line per event, in the chosen language, and q quits restoring the terminal', async () => {
    const token = new ScriptedToken();
    const input = new FakeTty();
    const output = outputCapture();
    let clock = 0;
    const running = runTerminalSim({ kind: 'code-display', periodSec: 30, lang: 'da', token, input, output, plain: true, color: false, nowMs: () => clock });
    input.type(' ');
    expect(token.presses).toBe(1);
    token.emit({ type: 'code', code: '452917', step: 1, remainingMs: 22_500 });
    clock = 10_000;
    token.emit({ type: 'off' });
    input.type('q');
    await running;
    const lines = output.text.trim().split('\n');
    expect(lines).toContain('Kode: 452 917, gyldig i 23 sekunder');
    expect(lines).toContain('Display slukket');
    expect(lines.at(-1)).toBe('Farvel');
    expect(output.text).not.toContain('\x1b');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('drawn mode shows the big code and restores the screen on abort', async () => {
    const token = new ScriptedToken();
    const input = new FakeTty();
    const output = outputCapture();
    const controller = new AbortController();
    const running = runTerminalSim({ kind: 'code-display', periodSec: 30, lang: 'en', token, input, output, plain: false, color: false, signal: controller.signal, nowMs: () => 0 });
    token.emit({ type: 'code', code: '287082', step: 1, remainingMs: 30_000 });
    // Replay the ANSI writes into a screen buffer to read what a person would see.
    const screen: string[] = [];
    for (const m of output.text.matchAll(/\x1b\[(\d+);1H([^\x1b]*)\x1b\[K/g)) screen[Number(m[1]) - 1] = m[2]!;
    expect(readBigText(screen.filter((l) => l?.includes('█')).map((l) => l.slice(1)), { x: 2, y: 1 })).toBe('287082');
    controller.abort();
    await running;
    expect(output.text.endsWith('\x1b[?25h\x1b[?1049l')).toBe(true);
  });

  it('audio reader: the keys reach the voice, and each shown code is spoken', async () => {
    const token = new ScriptedToken();
    const input = new FakeTty();
    const output = outputCapture();
    const voice = new RecordingVoice();
    const running = runTerminalSim({ kind: 'audio-code-reader', periodSec: 30, lang: 'en', token, input, output, plain: true, color: false, voice, nowMs: () => 0 });
    input.type('\r');
    token.emit({ type: 'code', code: '123456', step: 7, remainingMs: 9_000 });
    input.type('r++->.<l');
    token.emit({ type: 'code', code: '654321', step: 8, remainingMs: 30_000 });
    input.type('\x03');
    await running;
    expect(token.presses).toBe(1);
    expect(voice.calls.filter((c) => c.startsWith('speak'))).toEqual(['speak 123456 9 en', 'speak 654321 30 da']);
    expect(voice.calls).toContain('repeat');
    expect(voice.volume).toBe(6);
    expect(voice.rate).toBe(4);
    expect(output.text).toContain('Volume 7');
    expect(output.text).toContain('Sprog: dansk');
  });

  it('maps keys like the real reader: buttons, repeat, volume, rate, language, quit', () => {
    expect([' ', '\r', 'r', '+', '-', '>', '<', 'l', 'q', 'x'].map(keyFor)).toEqual([
      'press', 'press', 'repeat', 'volumeUp', 'volumeDown', 'rateUp', 'rateDown', 'language', 'quit', undefined,
    ]);
  });
});
