import { type Lang, type MessageParams, t } from './i18n/index';

/**
 * The root of every error tokenkit throws on purpose. Each layer has its own subclass with structured
 * fields; callers branch on the class and its fields, never on message text.
 *
 * `key` names a message declared with `defineMessages`; `message` is its English rendering and
 * `localized(lang)` gives it in either language. `params` must never hold a secret.
 */
export class TokenkitError extends Error {
  readonly key: string;
  readonly params: MessageParams;

  constructor(key: string, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(t('en', key, params), options);
    this.name = new.target.name;
    this.key = key;
    this.params = params;
  }

  localized(lang: Lang): string {
    return t(lang, this.key, this.params);
  }
}

export function isTokenkitError(error: unknown): error is TokenkitError {
  return error instanceof TokenkitError;
}
