import { TokenkitError } from '../../src/errors';
import type { MessageParams } from '../../src/i18n/index';
import { AVR_MESSAGES } from './messages';

/** Base of every failure of the AVR harness (firmware-sim/avr). */
export class AvrHarnessError extends TokenkitError {
  constructor(key: keyof typeof AVR_MESSAGES, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(AVR_MESSAGES, key, params, options);
  }
}

export type IntelHexProblem = 'syntax' | 'checksum' | 'record-type' | 'too-large' | 'no-end' | 'empty' | 'missing';

/** A program image that cannot be loaded: `problem` says why, `line` (1-based) where, when it is about a line. */
export class AvrImageError extends AvrHarnessError {
  readonly problem: IntelHexProblem;
  readonly file: string;
  readonly line: number | undefined;
  constructor(problem: IntelHexProblem, params: MessageParams & { file: string; line?: number }, cause?: unknown) {
    const key = (
      {
        syntax: 'avr.hex.syntax',
        checksum: 'avr.hex.checksum',
        'record-type': 'avr.hex.recordType',
        'too-large': 'avr.hex.tooLarge',
        'no-end': 'avr.hex.noEnd',
        empty: 'avr.hex.empty',
        missing: 'avr.hex.missing',
      } satisfies Record<IntelHexProblem, keyof typeof AVR_MESSAGES>
    )[problem];
    super(key, params, cause === undefined ? undefined : { cause });
    this.problem = problem;
    this.file = params.file;
    this.line = params.line;
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
