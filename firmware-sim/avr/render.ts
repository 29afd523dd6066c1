import { PNG } from 'pngjs';
import type { DecodedDisplay } from './max7219';

/** Lit segments (a b c d e f g) of each character a digit can show. */
const GLYPHS: Record<string, string> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abdeg',
  '3': 'abcdg',
  '4': 'bcfg',
  '5': 'acdfg',
  '6': 'acdefg',
  '7': 'abc',
  '8': 'abcdefg',
  '9': 'abcdfg',
  '-': 'g',
  E: 'adefg',
  H: 'bcefg',
  L: 'def',
  P: 'abefg',
  '?': 'abeg',
  ' ': '',
};

function segmentsOf(ch: string): string {
  return GLYPHS[ch] ?? GLYPHS['?']!;
}

/** Gap after digit 6 when the right two digits are a countdown (the contract's layout). */
function hasCountdownGap(d: DecodedDisplay): boolean {
  return d.remainingSec !== undefined;
}

/**
 * The 8-digit module as block art, five text rows (what `tokenkit sim --firmware avr` draws). Lit
 * segments are full blocks, unlit ones a light shade so the digit positions stay visible; a switched-off
 * display shows only the light shade. Each digit's decimal point is the column after it, on the bottom row.
 */
export function renderDisplayBlocks(d: DecodedDisplay): string[] {
  const rows = ['', '', '', '', ''];
  const on = '█';
  const off = '░';
  for (let i = 0; i < 8; i++) {
    const s = d.on ? segmentsOf(d.digits[i] ?? ' ') : '';
    const seg = (name: string) => (s.includes(name) ? on : off);
    const h = (name: string) => seg(name).repeat(3);
    rows[0] += ` ${h('a')}  `;
    rows[1] += `${seg('f')}   ${seg('b')} `;
    rows[2] += ` ${h('g')}  `;
    rows[3] += `${seg('e')}   ${seg('c')} `;
    rows[4] += ` ${h('d')} ${d.on && d.dots?.[i] === '.' ? on : off}`;
    const gap = i === 5 && hasCountdownGap(d) ? '  ' : '';
    for (let r = 0; r < 5; r++) rows[r] += gap;
  }
  return rows;
}

/** The module as a PNG (red LEDs on black, unlit segments faint), for docs and screenshots. */
export function renderDisplayPng(d: DecodedDisplay, opts: { scale?: number } = {}): Buffer {
  const scale = Math.max(1, Math.round(opts.scale ?? 1));
  const digitW = 40 * scale;
  const digitH = 70 * scale;
  const pad = 12 * scale;
  const gapW = 14 * scale;
  const t = 7 * scale; // segment thickness
  const dotW = 12 * scale; // the decimal point's column after each digit
  const dot = 6 * scale;
  const width = pad * 2 - dotW + dot + 2 * scale + (digitW + dotW) * 8 + (hasCountdownGap(d) ? gapW : 0);
  const height = pad * 2 + digitH;
  const png = new PNG({ width, height });
  const fill = (x0: number, y0: number, w: number, hgt: number, rgb: [number, number, number]) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + hgt); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        const idx = (width * y + x) << 2;
        png.data[idx] = rgb[0];
        png.data[idx + 1] = rgb[1];
        png.data[idx + 2] = rgb[2];
        png.data[idx + 3] = 255;
      }
    }
  };
  fill(0, 0, width, height, [12, 12, 12]);
  const level = d.on ? 0.45 + (0.55 * (d.intensity ?? 15)) / 15 : 0;
  const lit: [number, number, number] = [Math.round(255 * level), Math.round(32 * level), Math.round(24 * level)];
  const dark: [number, number, number] = [48, 14, 12];
  let x = pad;
  for (let i = 0; i < 8; i++) {
    const s = d.on ? segmentsOf(d.digits[i] ?? ' ') : '';
    const color = (name: string) => (s.includes(name) ? lit : dark);
    const y = pad;
    const half = Math.floor(digitH / 2);
    fill(x + t, y, digitW - 2 * t, t, color('a'));
    fill(x + digitW - t, y + t, t, half - t, color('b'));
    fill(x + digitW - t, y + half, t, half - t, color('c'));
    fill(x + t, y + digitH - t, digitW - 2 * t, t, color('d'));
    fill(x, y + half, t, half - t, color('e'));
    fill(x, y + t, t, half - t, color('f'));
    fill(x + t, y + half - Math.floor(t / 2), digitW - 2 * t, t, color('g'));
    fill(x + digitW + 2 * scale, y + digitH - dot, dot, dot, d.on && d.dots?.[i] === '.' ? lit : dark);
    x += digitW + dotW + (i === 5 && hasCountdownGap(d) ? gapW : 0);
  }
  return PNG.sync.write(png);
}
