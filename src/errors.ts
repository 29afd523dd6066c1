import { type Lang, type MessageKey, type MessageParams, t } from './i18n/index';

/**
 * The root of every error tokenkit throws on purpose. Each layer has its own subclass with structured
 * fields; callers branch on the class and its fields, never on message text.
 *
 * `category` says what kind of failure it is (a layer's base sets it; bad input unless said otherwise),
 * so exit codes follow from a field, not from class names.
 *
 * `key` names a message declared with `defineMessages`; `message` is its English rendering and
 * `localized(lang)` gives it in either language. `params` must never hold a secret.
 */
export class TokenkitError extends Error {
  /** What kind of failure this is; the CLI's exit code follows from it (EXIT_BY_CATEGORY). */
  readonly category: ErrorCategory = 'usage';
  readonly key: MessageKey;
  readonly params: MessageParams;

  constructor(key: MessageKey, params: MessageParams = {}, options?: { cause?: unknown }) {
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
 * The one place that turns an error into an exit code: a TokenkitError's `category` (or the code an
 * error carries itself, `exitCode`), else 70 (an error tokenkit did not throw on purpose is a bug).
 */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof TokenkitError)) return EXIT.INTERNAL;
  const own = (error as { exitCode?: unknown }).exitCode;
  if (typeof own === 'number') return own;
  return EXIT_BY_CATEGORY[error.category];
}
