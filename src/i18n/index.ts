/**
 * Every user-facing text exists in Danish and English. Each layer declares its own texts with
 * `defineMessages` next to the code that uses them; `t` renders one by key.
 * Placeholders are `{name}`; values are inserted as given (never pass a secret as a value).
 */
export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];

export interface MessageText {
  en: string;
  da: string;
}
export type Messages = Record<string, MessageText>;
export type MessageParams = Record<string, string | number | boolean | undefined>;

const registry = new Map<string, MessageText>();

export function defineMessages<M extends Messages>(messages: M): M {
  for (const [key, text] of Object.entries(messages)) registry.set(key, text);
  return messages;
}

export function hasMessage(key: string): boolean {
  return registry.has(key);
}

/** All registered keys (for the test that checks both languages are present and agree on placeholders). */
export function messageKeys(): string[] {
  return [...registry.keys()];
}

export function messageText(key: string): MessageText | undefined {
  return registry.get(key);
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

/** Renders a message. Number parameters go through `formatNumber`, so fractions get the language's decimal mark. */
export function t(lang: Lang, key: string, params: MessageParams = {}): string {
  const text = registry.get(key);
  if (!text) return key;
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : String(value);
  });
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/**
 * The language from the environment: TOKENKIT_LANG, then the POSIX locale variables in their order of
 * precedence. Danish locales (da, da_DK.UTF-8) give 'da'; anything else gives 'en'.
 */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const explicit = env.TOKENKIT_LANG?.trim().toLowerCase();
  if (explicit && isLang(explicit)) return explicit;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'] as const) {
    const value = env[name];
    if (value && value.trim() !== '') return /^da([_.@:-]|$)/i.test(value) ? 'da' : 'en';
  }
  return 'en';
}
