import { CATALOG, type MessageKey } from './catalog';
import type { MessageText } from './define';
import type { Lang } from './lang';
import { type MessageParams, renderText } from './render';

export type { MessageKey } from './catalog';
export { detectLang, isLang, LANGS, type Lang } from './lang';

/**
 * Every user-facing text exists in Danish and English. Each layer declares its own texts with
 * `defineMessages` in a messages file next to the code that uses them; src/i18n/catalog.ts registers
 * them all in one place, and `t` renders one by its typed key.
 * Placeholders are `{name}`; values are inserted as given (never pass a secret as a value).
 */

export { defineMessages, type Messages, type MessageText } from './define';
export { formatNumber, type MessageParams, renderText } from './render';

const texts: Readonly<Record<string, MessageText>> = CATALOG;

/** Whether `key` names a text (for keys built at run time, e.g. from a board's status name). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(texts, key);
}

/** All keys (for the test that checks both languages are present and agree on placeholders). */
export function messageKeys(): MessageKey[] {
  return Object.keys(texts) as MessageKey[];
}

export function messageText(key: string): MessageText | undefined {
  return hasMessage(key) ? texts[key] : undefined;
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
  const text = texts[key];
  return text ? renderText(text, lang, params) : key;
}
