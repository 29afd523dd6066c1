import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits as composeGroups } from '../../src/speech/composer';
import { bigTextWidth, drawBigText, groupDigits, readBigText } from '../../src/terminal/big-digits';
import { plainCodeLine, renderScreen, type TokenView } from '../../src/terminal/layout';
import { ScreenPainter } from '../../src/terminal/painter';

const view = (over: Partial<TokenView> = {}): TokenView => ({
  kind: 'code-display',
  lang: 'en',
  code: '452917',
  remainingSec: 23,
  periodSec: 30,
  batteryLow: false,
  ...over,
});

describe('big digits', () => {
  it('draw and read back any code at any scale', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{6,10}$/),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (code, x, y) => {
          const scale = { x, y };
          const lines = drawBigText(groupDigits(code), scale);
          expect(lines).toHaveLength(5 * y);
          expect(Math.max(...lines.map((l) => l.length))).toBe(bigTextWidth(groupDigits(code), scale));
          expect(readBigText(lines, scale)).toBe(code);
        },
      ),
    );
  });

  it('groups codes the way the tokens show them, and exactly as the reader speaks them', () => {
    expect(groupDigits('452917')).toBe('452 917');
    expect(groupDigits('1234567')).toBe('123 4567');
    expect(groupDigits('12345678')).toBe('123 456 78');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6,10}$/), (code) => {
        expect(groupDigits(code).split(' ')).toEqual(composeGroups(code));
      }),
    );
  });
});

describe('layout', () => {
  it('never writes past the terminal width, at any size, for both tokens and languages', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('code-display' as const, 'audio-code-reader' as const),
        fc.constantFrom('da' as const, 'en' as const),
        fc.option(fc.stringMatching(/^[0-9]{6}$/), { nil: null }),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        fc.boolean(),
        (cols, rows, kind, lang, code, status, batteryLow) => {
          const screen = renderScreen(
            view({ kind, lang, code, volume: 5, rate: 3, batteryLow, ...(status !== undefined ? { status } : {}) }),
            { cols, rows },
          );
          expect(screen.lines.length).toBeLessThanOrEqual(Math.max(1, rows));
          for (const line of screen.lines) expect([...line.text].length).toBeLessThanOrEqual(cols);
        },
      ),
    );
  });

  it('shows the whole code on any terminal at least as wide as the code, however few rows (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('code-display' as const, 'audio-code-reader' as const),
        fc.constantFrom('da' as const, 'en' as const),
        fc.stringMatching(/^[0-9]{6}$/),
        (cols, rows, kind, lang, code) => {
          const screen = renderScreen(view({ kind, lang, code }), { cols, rows });
          if (screen.scale) {
            const big = screen.lines.filter((l) => l.style === 'digits').map((l) => l.text.slice(1));
            expect(readBigText(big, screen.scale)).toBe(code);
          } else {
            const digits = screen.lines.find((l) => l.style === 'digits');
            expect(digits?.text.replace(/\D/g, '')).toBe(code);
          }
        },
      ),
    );
  });

  it('the plain line says "1 second", not "1 seconds", in both languages', () => {
    expect(plainCodeLine('en', '452917', 1)).toBe('Code: 452 917, valid for 1 second');
    expect(plainCodeLine('da', '452917', 1)).toBe('Kode: 452 917, gyldig i 1 sekund');
    expect(plainCodeLine('en', '452917', 2)).toBe('Code: 452 917, valid for 2 seconds');
    expect(plainCodeLine('da', '452917', 0)).toBe('Kode: 452 917, gyldig i 0 sekunder');
  });

  it('wraps a long status over lines instead of cutting off how to fix it, keeping the digits large', () => {
    const status =
      "No speech: audio output 'default' failed: audio open error: No such file or directory. See 'tokenkit audio devices' for the outputs. The reader keeps working silently.";
    const plain = renderScreen(view({ kind: 'audio-code-reader' }), { cols: 100, rows: 30 });
    const screen = renderScreen(view({ kind: 'audio-code-reader', status }), { cols: 100, rows: 30 });
    const alerts = screen.lines.filter((l) => l.style === 'alert');
    expect(alerts.length).toBeGreaterThan(1);
    expect(alerts.map((l) => l.text.trim()).join(' ')).toBe(status);
    expect(screen.scale).toEqual(plain.scale);
  });

  it('draws the code in large digits on an 80x24 terminal, readable back from the screen', () => {
    const screen = renderScreen(view(), { cols: 80, rows: 24 });
    expect(screen.layout).toBe('large');
    const digitLines = screen.lines.filter((l) => l.style === 'digits').map((l) => l.text.slice(1));
    expect(readBigText(digitLines, screen.scale!)).toBe('452917');
    expect(screen.lines.map((l) => l.text).join('\n')).toContain('Valid for 23 s');
  });

  it('gives the audio reader larger digits than the code display on the same terminal', () => {
    const size = { cols: 100, rows: 30 };
    const display = renderScreen(view(), size);
    const reader = renderScreen(view({ kind: 'audio-code-reader', volume: 5, rate: 3 }), size);
    const cells = (s: { x: number; y: number }) => s.x * s.y;
    expect(cells(reader.scale!)).toBeGreaterThan(cells(display.scale!));
  });

  it('falls back to the compact layout when the terminal is too small for big digits', () => {
    const screen = renderScreen(view({ lang: 'da' }), { cols: 30, rows: 8 });
    expect(screen.layout).toBe('compact');
    expect(screen.lines.map((l) => l.text)).toContain('Kode 452 917');
  });

  it('shows every audio-reader key with its current setting', () => {
    const text = renderScreen(view({ kind: 'audio-code-reader', volume: 7, rate: 4 }), { cols: 120, rows: 40 })
      .lines.map((l) => l.text)
      .join('\n');
    for (const s of [
      'Space/Enter: red button',
      'R: repeat',
      '+/-: volume 7',
      '>/<: speech rate 4',
      'L: language',
      'Q: quit',
    ]) {
      expect(text).toContain(s);
    }
  });
});

describe('painter', () => {
  it('rewrites only the lines that changed', () => {
    let out = '';
    const painter = new ScreenPainter((s) => (out += s), false);
    const size = { cols: 80, rows: 24 };
    expect(painter.paint(renderScreen(view(), size))).toBeGreaterThan(5);
    out = '';
    expect(painter.paint(renderScreen(view(), size))).toBe(0);
    expect(out).toBe('');
    // One second later only the countdown line changes.
    expect(painter.paint(renderScreen(view({ remainingSec: 22 }), size))).toBe(1);
    expect(out).toContain('Valid for 22 s');
  });

  it('writes no colour escapes in monochrome', () => {
    let out = '';
    new ScreenPainter((s) => (out += s), false).paint(renderScreen(view(), { cols: 80, rows: 24 }));
    expect(out).not.toMatch(/\x1b\[[0-9;]*m/);
    let colored = '';
    new ScreenPainter((s) => (colored += s), true).paint(renderScreen(view(), { cols: 80, rows: 24 }));
    expect(colored).toMatch(/\x1b\[1;93;40m/);
  });
});
