// A type only (erased): the whole catalog is never loaded by an error, only its layer's table (below).
import type { MessageKey } from './i18n/catalog';
import type { MessageText } from './i18n/define';
import type { Lang } from './i18n/lang';
import { type MessageParams, renderText } from './i18n/render';

/** A layer's texts by key: the table an error's text is looked up in (the layer's messages file). */
export type TextTable = Readonly<Record<string, MessageText>>;

/**
 * The root of every error tokenkit throws on purpose. Each layer has its own subclass with structured
 * fields; callers branch on the class and its fields, never on message text.
 *
 * `category` says what kind of failure it is (a layer's base sets it; bad input unless said otherwise),
 * so exit codes follow from a field, not from class names.
 *
 * `key` names a message declared with `defineMessages` in `texts`, the throwing layer's own table (its
 * base class passes it and narrows `key` to that table's keys, so a key from elsewhere fails tsc).
 * `message` is its English rendering and `localized(lang)` gives it in either language. Looking the text
 * up in the layer's table, not in src/i18n/catalog.ts, keeps `import 'tokenkit/otp'` and the bin's fast
 * path from loading every layer's texts (issue 11 item 8). `params` must never hold a secret.
 */
export class TokenkitError extends Error {
  /** What kind of failure this is; the CLI's exit code follows from it (EXIT_BY_CATEGORY). */
  readonly category: ErrorCategory = 'usage';
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly #text: MessageText | undefined;

  constructor(texts: TextTable, key: MessageKey, params: MessageParams = {}, options?: { cause?: unknown }) {
    const text = Object.hasOwn(texts, key) ? texts[key] : undefined;
    super(text ? renderText(text, 'en', params) : key, options);
    this.name = new.target.name;
    this.key = key;
    this.params = params;
    this.#text = text;
  }

  localized(lang: Lang): string {
    return this.#text ? renderText(this.#text, lang, this.params) : this.key;
  }
}

export function isTokenkitError(error: unknown): error is TokenkitError {
  return error instanceof TokenkitError;
}

/**
 * The kinds of failure, one per documented exit code (README "Exit codes"):
 * usage = bad input; not-valid = a code or check that failed; locked = locked out; device = a board, port
 * or audio device problem; missing-tool = a program to install; internal = a bug; interrupted = Ctrl-C.
 */
export type ErrorCategory = 'usage' | 'not-valid' | 'locked' | 'device' | 'missing-tool' | 'internal' | 'interrupted';

/** Documented exit codes of the `tokenkit` command (README "Exit codes"). */
export const EXIT = {
  OK: 0,
  /** A code is not valid, was replayed, or a vector failed; or a soft `device time --set` was refused. */
  NOT_VALID: 1,
  /** Bad input: a wrong flag, value, secret, URI, time, or an unusable store file. */
  USAGE: 2,
  /** The token is locked out after too many wrong codes. */
  LOCKED: 3,
  /** A board or port problem: not found, not a token, no answer, unplugged, busy. */
  DEVICE: 4,
  /** A needed external program is missing (socat, a speech engine): the message names the package. */
  MISSING_TOOL: 5,
  /** A bug in tokenkit: please report it. */
  INTERNAL: 70,
  /** Stopped by Ctrl-C. */
  INTERRUPTED: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_BY_CATEGORY: Readonly<Record<ErrorCategory, ExitCode>> = {
  usage: EXIT.USAGE,
  'not-valid': EXIT.NOT_VALID,
  locked: EXIT.LOCKED,
  device: EXIT.DEVICE,
  'missing-tool': EXIT.MISSING_TOOL,
  internal: EXIT.INTERNAL,
  interrupted: EXIT.INTERRUPTED,
};

/**
 * The one place that turns an error into an exit code: a TokenkitError's `category`, else 70 (an error
 * tokenkit did not throw on purpose is a bug).
 */
export function exitCodeFor(error: unknown): ExitCode {
  return error instanceof TokenkitError ? EXIT_BY_CATEGORY[error.category] : EXIT.INTERNAL;
}
