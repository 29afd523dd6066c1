import { TokenkitError } from '../errors';
import type { MessageParams } from '../i18n/index';
import { STORE_MESSAGES } from './messages';

/**
 * What went wrong with the store; callers branch on this, never on the message.
 * - corrupt: not a database, or a malformed one. foreign: an SQLite file that is not a tokenkit store.
 * - unwritable: the file or its directory cannot be created or written. newerSchema: written by a newer tokenkit.
 * - busy: another process held the write lock past the busy timeout.
 * - duplicate / notFound: the user already has / has no token. invalidUser / invalidToken: rejected input.
 */
export type StoreErrorKind =
  | 'corrupt'
  | 'foreign'
  | 'unwritable'
  | 'newerSchema'
  | 'busy'
  | 'duplicate'
  | 'notFound'
  | 'invalidUser'
  | 'invalidToken'
  | 'closed';

/** The store layer's error base. `path` is the store file when the problem is about it. Never holds a secret. */
export class StoreError extends TokenkitError {
  readonly kind: StoreErrorKind;
  readonly path: string | undefined;
  readonly user: string | undefined;

  constructor(
    kind: StoreErrorKind,
    key: keyof typeof STORE_MESSAGES,
    params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(STORE_MESSAGES, key, params, options);
    this.kind = kind;
    this.path = typeof params.path === 'string' ? params.path : undefined;
    this.user = typeof params.user === 'string' ? params.user : undefined;
  }
}
