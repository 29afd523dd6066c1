import type { MessageText } from './define';
import type { Lang } from './lang';

/**
 * Rendering one text, with no catalog: src/errors.ts renders an error's text from its layer's own table
 * through this, so `import 'tokenkit/otp'` (and the bin's `tokenkit code` fast path) never loads every
 * layer's texts. `t` (./index) is the same rendering looked up in the whole catalog.
 */
export type MessageParams = Record<string, string | number | boolean | undefined>;

/**
 * A number as a reader of `lang` writes it: a decimal comma in Danish ("-0,7", "482,0"), a point in
 * English. `fractionDigits` fixes the decimals (toFixed's rounding); without it the number is shown with
 * the digits it has. `sign: true` writes a leading '+' on positive numbers. No thousands separators, so
 * serial numbers, counters and unix times read as typed.
 */
export function formatNumber(lang: Lang, value: number, fractionDigits?: number, o: { sign?: boolean } = {}): string {
  let text = fractionDigits === undefined ? String(value) : value.toFixed(fractionDigits);
  // toFixed(-0.04, 1) is "-0.0": a sign on zero only confuses.
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  if (o.sign && value > 0 && !text.startsWith('-')) text = `+${text}`;
  return lang === 'da' ? text.replace('.', ',') : text;
}

/** `text` in `lang` with its `{name}` placeholders filled; numbers go through `formatNumber`. */
export function renderText(text: MessageText, lang: Lang, params: MessageParams = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : String(value);
  });
}
