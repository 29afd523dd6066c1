import { groupCode } from '../otp/index';

/**
 * Large digits drawn with block characters, scaled from a 3x5 bitmap so one font serves the keyring
 * display and the audio reader's very large digits, at whatever size the terminal allows.
 */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '-': ['...', '...', '###', '...', '...'],
  ' ': ['...', '...', '...', '...', '...'],
};
export const GLYPH_COLS = 3;
export const GLYPH_ROWS = 5;

export interface DigitScale {
  /** Terminal columns per bitmap pixel. */
  x: number;
  /** Terminal rows per bitmap pixel. */
  y: number;
}

/** Width in columns of `text` drawn at `scale`: glyphs, one pixel gap between digits, two between groups. */
export function bigTextWidth(text: string, scale: DigitScale): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    width += (text[i] === ' ' ? 1 : GLYPH_COLS) * scale.x;
    if (i < text.length - 1) width += scale.x;
  }
  return width;
}

/** Draws `text` (digits, spaces, '-') as GLYPH_ROWS * scale.y lines of block characters. */
export function drawBigText(text: string, scale: DigitScale, ink = '█'): string[] {
  const rows: string[] = [];
  for (let r = 0; r < GLYPH_ROWS; r++) {
    let line = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const glyph = GLYPHS[ch] ?? GLYPHS[' ']!;
      const row = ch === ' ' ? '.' : glyph[r]!;
      for (const px of row) line += (px === '#' ? ink : ' ').repeat(scale.x);
      if (i < text.length - 1) line += ' '.repeat(scale.x);
    }
    for (let k = 0; k < scale.y; k++) rows.push(line);
  }
  return rows;
}

/** Reads drawn digits back (the inverse of drawBigText at a known scale): lets tests check the screen. */
export function readBigText(lines: readonly string[], scale: DigitScale, ink = '█'): string {
  const sample = lines.filter((_, i) => i % scale.y === 0).slice(0, GLYPH_ROWS);
  if (sample.length < GLYPH_ROWS) return '';
  const width = Math.max(...sample.map((l) => l.length));
  let out = '';
  let col = 0;
  while (col < width) {
    const bits = sample.map((l) => {
      let s = '';
      for (let c = 0; c < GLYPH_COLS; c++) s += l[col + c * scale.x] === ink ? '#' : '.';
      return s;
    });
    const match = Object.entries(GLYPHS).find(([ch, g]) => ch !== ' ' && g.every((row, i) => row === bits[i]));
    if (match) {
      out += match[0];
      col += (GLYPH_COLS + 1) * scale.x;
    } else {
      col += scale.x;
    }
  }
  return out;
}

/** "452917" → "452 917": the grouping the reader speaks too (src/otp/format.ts). */
export function groupDigits(code: string): string {
  return groupCode(code).join(' ');
}
