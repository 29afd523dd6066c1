import { TokenkitError } from '../errors';
import type { MessageParams } from '../i18n/index';
import { PRACTICE_MESSAGES } from './messages';

/**
 * What stopped the practice server from starting; callers branch on `kind`.
 * - passphraseRequired: a host beyond loopback without a trainer passphrase.
 * - passphraseShort: a trainer passphrase under PASSPHRASE_MIN_LENGTH characters.
 * - badPort: not a whole number in 0..65535.
 * - listen: the address is taken or cannot be used (`detail` holds the system's code, e.g. EADDRINUSE).
 */
export type PracticeErrorKind = 'passphraseRequired' | 'passphraseShort' | 'badPort' | 'listen';

/** The practice layer's error base. Never holds a passphrase, password or secret. */
export class PracticeError extends TokenkitError {
  readonly kind: PracticeErrorKind;
  constructor(
    kind: PracticeErrorKind,
    key: keyof typeof PRACTICE_MESSAGES,
    params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(PRACTICE_MESSAGES, key, params, options);
    this.kind = kind;
  }
}
