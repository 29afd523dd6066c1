/** The shape of a catalog, and the helper that declares one. No imports: catalogs stay plain data. */
export interface MessageText {
  en: string;
  da: string;
}
export type Messages = Record<string, MessageText>;

/**
 * Declares a catalog of texts and returns it unchanged, keys typed. It registers nothing: that happens
 * in src/i18n/catalog.ts, so loading a module never changes what `t` knows.
 */
export function defineMessages<M extends Messages>(messages: M): M {
  return messages;
}
