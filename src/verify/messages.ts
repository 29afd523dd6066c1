import { defineMessages } from '../i18n/index';

export const VERIFY_MESSAGES = defineMessages({
  'verify.error.option': {
    en: "verifier option {option} is '{value}': it must be {expected}",
    da: "verifikator-tilvalget {option} er '{value}': det skal være {expected}",
  },
});
