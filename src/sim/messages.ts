import { defineMessages } from '../i18n/define';

export const SIM_ERROR_MESSAGES = defineMessages({
  'sim.error.socketInUse': {
    en: '{path} is already served by another running simulator: stop it or choose another --link.',
    da: '{path} bruges allerede af en anden kørende simulator: stop den, eller vælg en anden --link.',
  },
});
