import { TokenkitError } from '../errors';
import { SIM_ERROR_MESSAGES } from './messages';

/** The HID simulator's socket path is served by another running simulator (bad input: choose another). */
export class SimSocketInUseError extends TokenkitError {
  constructor(readonly path: string) {
    super(SIM_ERROR_MESSAGES, 'sim.error.socketInUse', { path });
  }
}
