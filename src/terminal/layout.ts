import { type Lang, t } from '../i18n/index';
import { bigTextWidth, type DigitScale, drawBigText, GLYPH_ROWS, groupDigits } from './big-digits';

export type FaceKind = 'code-display' | 'audio-code-reader';
/** Every face kind, in the order the pages offer them. */
export const FACE_KINDS: readonly FaceKind[] = ['code-display', 'audio-code-reader'];

export function isFaceKind(value: unknown): value is FaceKind {
  return typeof value === 'string' && (FACE_KINDS as readonly string[]).includes(value);
}

/** Everything the screen shows; the layout is a pure function of it and the terminal size. */
export interface TokenView {
  kind: FaceKind;
  lang: Lang;
  /** The code on the display, or null when the display is off. */
  code: string | null;
  /** Whole seconds the shown code stays valid (rounded up). */
  remainingSec: number;
  periodSec: number;
  batteryLow: boolean;
  /** Audio reader settings shown beside their keys. */
  volume?: number;
  rate?: number;
  /** One status line (e.g. why there is no speech). */
  status?: string;
}

export type LineStyle = 'title' | 'digits' | 'text' | 'keys' | 'alert';
export interface ScreenLine {
  text: string;
  style: LineStyle;
}
export interface Screen {
  lines: ScreenLine[];
  layout: 'large' | 'compact';
  scale?: DigitScale;
}

const SCALES: Record<FaceKind, DigitScale[]> = {
  // The audio reader is for low vision: the largest digits that fit, down to the keyring's size.
  'audio-code-reader': [
    { x: 4, y: 3 },
    { x: 4, y: 2 },
    { x: 3, y: 2 },
    { x: 2, y: 2 },
    { x: 2, y: 1 },
    { x: 1, y: 1 },
  ],
  'code-display': [
    { x: 2, y: 1 },
    { x: 1, y: 1 },
  ],
};

function keyLines(view: TokenView): string[] {
  const { lang } = view;
  if (view.kind === 'code-display') {
    return [
      [t(lang, 'term.key.grey'), t(lang, 'term.key.lang'), t(lang, 'term.key.help'), t(lang, 'term.key.quit')].join(
        '   ',
      ),
    ];
  }
  return [
    [t(lang, 'term.key.red'), t(lang, 'term.key.repeat')].join('   '),
    [
      t(lang, 'term.key.volume', { volume: view.volume ?? '-' }),
      t(lang, 'term.key.rate', { rate: view.rate ?? '-' }),
    ].join('   '),
    [t(lang, 'term.key.lang'), t(lang, 'term.key.help'), t(lang, 'term.key.quit')].join('   '),
  ];
}

function countdownBar(view: TokenView, width: number): string {
  const cells = Math.max(0, Math.min(width, 30));
  const filled = Math.round((cells * Math.max(0, view.remainingSec)) / Math.max(1, view.periodSec));
  return `[${'='.repeat(filled)}${' '.repeat(cells - filled)}]`;
}

/** Word-wraps to `width` columns (a word longer than that is cut into pieces): for the status line. */
function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = [...word];
    if (line !== '' && [...line].length + 1 + rest.length <= w) {
      line += ` ${word}`;
      continue;
    }
    if (line !== '') lines.push(line);
    while (rest.length > w) {
      lines.push(rest.slice(0, w).join(''));
      rest = rest.slice(w);
    }
    line = rest.join('');
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Cuts to the terminal width: a narrow terminal gets shorter lines, never wrapped garbage. */
function fit(text: string, cols: number): string {
  return [...text].slice(0, Math.max(0, cols)).join('');
}

/**
 * Lays out the token for a terminal of `cols` x `rows`: the largest digits that fit, or a compact text
 * layout when even the smallest big digits don't.
 */
export function renderScreen(view: TokenView, size: { cols: number; rows: number }): Screen {
  const { lang } = view;
  const title = t(lang, view.kind === 'code-display' ? 'term.title.codeDisplay' : 'term.title.audioReader');
  const keys = keyLines(view);
  const shownCode = view.code === null ? '' : groupDigits(view.code);
  const sampleCode = groupDigits('0'.repeat(view.code?.length ?? 6));
  // The status says what to do (e.g. which package to install): wrapped, never cut off.
  const statusLines = view.status ? wrap(view.status, size.cols - 1) : [];
  // Title, two blank lines, the countdown, keys and alerts; one alert row is always kept free, so the
  // digits keep their size when a status appears.
  const chromeRows = 4 + keys.length + Math.max(1, (view.batteryLow ? 1 : 0) + statusLines.length);
  const scale = SCALES[view.kind].find(
    (s) => bigTextWidth(sampleCode, s) + 2 <= size.cols && GLYPH_ROWS * s.y + chromeRows <= size.rows,
  );
  const lines: ScreenLine[] = [];
  const push = (text: string, style: LineStyle) => lines.push({ text: fit(text, size.cols), style });
  // On a tiny terminal the code comes first: the title gives way before the code or its countdown do.
  if (scale || size.rows >= 3) push(title, 'title');
  if (scale) {
    push('', 'text');
    if (view.code === null) {
      const pad = Math.floor((GLYPH_ROWS * scale.y - 1) / 2);
      for (let i = 0; i < GLYPH_ROWS * scale.y; i++)
        push(
          i === pad
            ? ` ${t(lang, view.kind === 'code-display' ? 'term.off.codeDisplay' : 'term.off.audioReader')}`
            : '',
          'text',
        );
    } else {
      for (const row of drawBigText(shownCode, scale)) push(` ${row}`, 'digits');
    }
    push('', 'text');
    push(
      view.code === null
        ? ''
        : ` ${t(lang, 'term.validFor', { seconds: view.remainingSec })}  ${countdownBar(view, size.cols - 20)}`,
      'text',
    );
  } else {
    if (view.code === null)
      push(t(lang, view.kind === 'code-display' ? 'term.off.codeDisplay' : 'term.off.audioReader'), 'text');
    else {
      // Never a cut-off code: drop the label, then the space, before any digit.
      const forms = [t(lang, 'term.compact.code', { code: shownCode }), shownCode, view.code];
      push(forms.find((f) => [...f].length <= size.cols) ?? view.code, 'digits');
    }
    push(view.code === null ? '' : t(lang, 'term.validFor', { seconds: view.remainingSec }), 'text');
  }
  for (const k of keys) push(scale ? ` ${k}` : k, 'keys');
  if (view.batteryLow) push(` ${t(lang, 'term.battery.low')}`, 'alert');
  for (const line of statusLines) push(` ${line}`, 'alert');
  return { lines: lines.slice(0, Math.max(1, size.rows)), layout: scale ? 'large' : 'compact', scale };
}

/** The one-line-per-event text for screen readers (`--plain`). */
export function plainCodeLine(lang: Lang, code: string, remainingSec: number): string {
  return t(lang, remainingSec === 1 ? 'term.plain.codeOne' : 'term.plain.code', {
    code: groupDigits(code),
    seconds: remainingSec,
  });
}
