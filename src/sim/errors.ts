import { TokenkitError } from '../errors';
import { defineMessages } from '../i18n/index';

export const SIM_ERROR_MESSAGES = defineMessages({
  'sim.error.socketInUse': {
    en: '{path} is already served by another running simulator: stop it or choose another --link.',
    da: '{path} bruges allerede af en anden kørende simulator: stop den, eller vælg en anden --link.',
  },
});

/** The HID simulator's socket path is served by another running simulator (bad input: choose another). */
export class SimSocketInUseError extends TokenkitError {
  constructor(readonly path: string) {
    super('sim.error.socketInUse', { path });
  }
}
