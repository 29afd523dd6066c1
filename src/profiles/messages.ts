import { defineMessages } from '../i18n/define';

export const PROFILE_MESSAGES = defineMessages({
  'profiles.error.invalid': {
    en: '{file}: {field} {problem}. Fix the file (see docs/hardware.md for the format).',
    da: '{file}: {field} {problem}. Ret filen (se docs/hardware.md for formatet).',
  },
  'profiles.error.unknownProfile': {
    en: "unknown profile '{id}': use one of {valid}.",
    da: "ukendt profil '{id}': brug en af {valid}.",
  },
});
