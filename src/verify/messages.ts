import { defineMessages } from '../i18n/define';

export const VERIFY_MESSAGES = defineMessages({
  'verify.error.option': {
    en: "verifier option {option} is '{value}': it must be a whole number in {range}",
    da: "verifikatorens tilvalg {option} er '{value}': det skal være et helt tal i {range}",
  },
});
