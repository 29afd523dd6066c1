import { TokenkitError } from '../errors';

/** The HID simulator's socket path is served by another running simulator (bad input: choose another). */
export class SimSocketInUseError extends TokenkitError {
  constructor(readonly path: string) {
    super('sim.error.socketInUse', { path });
  }
}
