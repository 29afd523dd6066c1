/**
 * The languages and how the environment picks one. No imports: the bin's fast path (src/cli/fast-path.ts)
 * reads the language without loading the message catalog.
 */
export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];

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
