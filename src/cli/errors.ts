import { TokenkitError } from '../errors';
import { CATALOG } from '../i18n/catalog';
import type { MessageKey, MessageParams } from '../i18n/index';

/** A command-line misuse: a bad flag value or a combination that makes no sense. Exit code 2. */
export class UsageError extends TokenkitError {
  constructor(key: MessageKey, params: MessageParams = {}) {
    super(CATALOG, key, params);
  }
}
