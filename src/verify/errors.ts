import { TokenkitError } from '../errors';
import type { MessageKey, MessageParams } from '../i18n/index';

/** The verify layer's error base: a bad verifier option. `option` names it. */
export class VerifyError extends TokenkitError {
  readonly option: string;
  constructor(option: string, key: MessageKey, params: MessageParams = {}) {
    super(key, { option, ...params });
    this.option = option;
  }
}
