import { defineMessages } from '../../i18n/define';

export const INTEL_HEX_MESSAGES = defineMessages({
  'flash.hex.invalid': {
    en: '{file} is not an Intel HEX file (line {line}: {problem}): give the .hex that make -C firmware builds, or leave out --hex to use the shipped one.',
    da: '{file} er ikke en Intel HEX-fil (linje {line}: {problem}): angiv den .hex, som make -C firmware bygger, eller udelad --hex for at bruge den medfølgende.',
  },
});
