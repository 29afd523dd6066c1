import { CATALOG, type MessageKey } from './catalog';
import type { MessageText } from './define';
import type { Lang } from './lang';

export type { MessageKey } from './catalog';
export { detectLang, isLang, LANGS, type Lang } from './lang';

/**
 * Every user-facing text exists in Danish and English. Each layer declares its own texts with
 * `defineMessages` in a messages file next to the code that uses them; src/i18n/catalog.ts registers
 * them all in one place, and `t` renders one by its typed key.
 * Placeholders are `{name}`; values are inserted as given (never pass a secret as a value).
 */

export { defineMessages, type Messages, type MessageText } from './define';
export type MessageParams = Record<string, string | number | boolean | undefined>;

/** Read at call time, not at load: a catalog module may load src/i18n before the catalog is complete. */
const texts = (): Readonly<Record<string, MessageText>> => CATALOG;

/** Whether `key` names a text (for keys built at run time, e.g. from a board's status name). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(texts(), key);
}

/** All keys (for the test that checks both languages are present and agree on placeholders). */
export function messageKeys(): MessageKey[] {
  return Object.keys(texts()) as MessageKey[];
}

export function messageText(key: string): MessageText | undefined {
  return hasMessage(key) ? texts()[key] : undefined;
}

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

/**
 * A long span of time in days, hours, minutes and seconds for a person ("-1 d 2 h 3 min 4 s"; Danish
 * "-1 d 2 t 3 min 4 s"), shown beside a raw millisecond figure so a big offset can be read at a glance.
 */
export function formatDuration(lang: Lang, ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.round(Math.abs(ms) / 1000);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, lang === 'da' ? 't' : 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return `${sign}${parts.join(' ') || '0 s'}`;
}

/** Renders a message. Number parameters go through `formatNumber`, so fractions get the language's decimal mark. */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const text = texts()[key];
  if (!text) return key;
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : String(value);
  });
}
