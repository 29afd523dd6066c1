import { TokenkitError } from '../../src/errors';
import type { MessageParams } from '../../src/i18n/index';
import { AVR_MESSAGES } from './messages';

/** Base of every failure of the AVR harness (firmware-sim/avr). */
export class AvrHarnessError extends TokenkitError {
  constructor(key: keyof typeof AVR_MESSAGES, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(AVR_MESSAGES, key, params, options);
  }
}

/** No program image at `file` (a malformed one is the protocol layer's IntelHexError). */
export class AvrImageError extends AvrHarnessError {
  readonly problem = 'missing' as const;
  readonly file: string;
  constructor(problem: 'missing', params: MessageParams & { file: string }, cause?: unknown) {
    super(`avr.hex.${problem}`, params, cause === undefined ? undefined : { cause });
    this.file = params.file;
  }
}

/** An EEPROM image file of the wrong size. */
export class AvrEepromFileError extends AvrHarnessError {
  readonly file: string;
  constructor(file: string, expected: number, actual: number) {
    super('avr.eeprom.size', { file, expected, actual });
    this.file = file;
  }
}

/** The board was closed (or its power cut) and cannot run any more. */
export class AvrBoardClosedError extends AvrHarnessError {
  constructor() {
    super('avr.board.closed');
  }
}
