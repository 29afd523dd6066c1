import { describe, expect, it } from 'vitest';
import { ManualClock, ManualScheduler } from '../../../src/clock';
import { generateTotp } from '../../../src/otp/index';
import { WebTokenRegistry } from '../../../src/practice/web-token/index';
import { utteranceText } from '../../../src/speech/index';

const START_MS = Date.UTC(2026, 11, 1, 9, 0, 10); // 10 s into a 30 s step
const SECRET = Uint8Array.from({ length: 20 }, (_, i) => i + 1);

function setup() {
  const clock = new ManualClock(START_MS);
  const scheduler = new ManualScheduler(clock);
  let n = 0;
  const registry = new WebTokenRegistry({
    clock,
    scheduler,
    randomBytes: (size) => Uint8Array.from({ length: size }, () => n++ % 256),
    mint: () => ({ serial: 'TK1234567', secret: SECRET, periodSec: 30, digits: 6 }),
  });
  const codeAt = (atMs: number) =>
    generateTotp({ secret: SECRET, atMs, algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 });
  return { clock, scheduler, registry, codeAt };
}

describe('web token (the terminal simulator model in the page)', () => {
  it('code display: the grey button shows the current code with its countdown, the display blanks after the timeout', async () => {
    const { scheduler, registry, codeAt, clock } = setup();
    const token = await registry.create('code-display', 'da');
    expect(token.view()).toMatchObject({ code: null, serial: 'TK1234567', remainingMs: 0, offInMs: 0 });
    expect(token.applyKey(' ')).toBe('press');
    expect(token.view()).toMatchObject({ code: codeAt(START_MS), remainingMs: 20_000, offInMs: 30_000, periodSec: 30 });
    // The step boundary while shown: the next code at once, the blank still 30 s after the press.
    scheduler.advance(20_000);
    expect(token.view()).toMatchObject({ code: codeAt(clock.nowMs()), remainingMs: 30_000, offInMs: 10_000 });
    expect(token.view().code).not.toBe(codeAt(START_MS));
    scheduler.advance(10_000);
    expect(token.view()).toMatchObject({ code: null, offInMs: 0 });
    // A code display has no speech: no messages, and the reader's keys do nothing.
    expect(token.applyKey('+')).toBeUndefined();
    expect(token.applyKey('r')).toBeUndefined();
    expect(token.view().message).toBeUndefined();
  });

  it('audio reader: a press and the step boundary each make a message read in the token language', async () => {
    const { scheduler, registry, codeAt } = setup();
    const token = await registry.create('audio-code-reader', 'da');
    token.applyKey('\r');
    const first = token.view().message!;
    expect(first.kind).toBe('code');
    const code = codeAt(START_MS);
    expect(utteranceText(token.message(first.seq)!.utterance)).toBe(
      `${code.slice(0, 3).split('').join(' ')}, ${code.slice(3).split('').join(' ')}. Gyldig i 20 sekunder endnu.`,
    );
    scheduler.advance(20_000);
    const next = token.view().message!;
    expect(next.seq).toBe(first.seq + 1);
    expect(token.message(next.seq)!.utterance.parts.filter((p) => p.kind === 'text').length).toBe(7);
  });

  it('audio reader keys: repeat counts down, volume and rate step and clamp with a beep, L switches language, q does nothing', async () => {
    const { scheduler, registry } = setup();
    const token = await registry.create('audio-code-reader', 'en');
    expect(token.view()).toMatchObject({ volumePercent: 80, ratePercent: 100 });
    // Nothing shown yet: nothing to repeat.
    expect(token.applyKey('r')).toBeUndefined();
    token.applyKey(' ');
    scheduler.advance(5_000);
    expect(token.applyKey('R')).toBe('repeat');
    expect(utteranceText(token.message(token.view().message!.seq)!.utterance)).toMatch(/Valid for 15 more seconds\.$/);
    for (let i = 0; i < 5; i++) token.applyKey('+');
    expect(token.view().volumePercent).toBe(100);
    const beep = token.message(token.view().message!.seq)!;
    expect(beep.kind).toBe('beep');
    expect(beep.utterance.volumePercent).toBe(100);
    expect(beep.utterance.parts).toEqual([expect.objectContaining({ kind: 'beep' })]);
    token.applyKey('-');
    expect(token.view().volumePercent).toBe(90);
    for (let i = 0; i < 20; i++) token.applyKey('<');
    expect(token.view().ratePercent).toBe(50);
    token.applyKey('.');
    expect(token.view().ratePercent).toBe(60);
    expect(token.applyKey('l')).toBe('language');
    expect(token.view().lang).toBe('da');
    token.applyKey('r');
    const repeated = token.message(token.view().message!.seq)!.utterance;
    expect(repeated).toMatchObject({ lang: 'da', ratePercent: 60, volumePercent: 90 });
    expect(token.applyKey('q')).toBeUndefined();
    expect(token.applyKey('x')).toBeUndefined();
    // Only the last few messages stay fetchable.
    expect(token.message(1)).toBeUndefined();
  });

  it('evicts the least recently used token when full, and stops its timers', async () => {
    const { registry, scheduler, clock } = setup();
    const small = new WebTokenRegistry({ clock, scheduler, maxTokens: 2 });
    const a = await small.create('code-display', 'da');
    clock.advance(1000);
    const b = await small.create('code-display', 'da');
    clock.advance(1000);
    a.applyKey(' ');
    const c = await small.create('code-display', 'da');
    expect(small.get(a.id)).toBe(a);
    expect(small.get(b.id)).toBeUndefined();
    expect(small.get(c.id)).toBe(c);
    expect(small.size).toBe(2);
    small.close();
    expect(scheduler.pending).toBe(0);
    registry.close();
  });
});
