import { TokenkitError } from '../errors';
import type { MessageParams } from '../i18n/index';
import { VERIFY_MESSAGES } from './messages';

/** The verify layer's error base: a bad verifier option. `option` names it. */
export class VerifyError extends TokenkitError {
  readonly option: string;
  constructor(option: string, key: keyof typeof VERIFY_MESSAGES, params: MessageParams = {}) {
    super(VERIFY_MESSAGES, key, { option, ...params });
    this.option = option;
  }
}
