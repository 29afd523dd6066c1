import { TokenkitError } from '../errors';
import type { MessageParams } from '../i18n/index';
import { OTP_MESSAGES } from './messages';

/** Which input an OtpInputError is about; callers branch on this, never on the message. */
export type OtpField =
  | 'secret'
  | 'digits'
  | 'periodSec'
  | 't0Sec'
  | 'counter'
  | 'atMs'
  | 'algorithm'
  | 'window'
  | 'uri'
  | 'count'
  | 'random';

/**
 * Bad input to the OTP engine: a malformed secret, URI or parameter. `field` names the input,
 * `position` (when known) the 0-based character offset of the problem. Params never include a secret.
 */
export class OtpInputError extends TokenkitError {
  readonly field: OtpField;
  readonly position: number | undefined;

  constructor(field: OtpField, key: keyof typeof OTP_MESSAGES, params: MessageParams = {}) {
    super(OTP_MESSAGES, key, params);
    this.field = field;
    this.position = typeof params.position === 'number' ? params.position : undefined;
  }
}
