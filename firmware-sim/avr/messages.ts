import { defineMessages } from '../../src/i18n/define';

export const AVR_MESSAGES = defineMessages({
  'avr.hex.missing': {
    en: 'no firmware image at {file}: run `make -C firmware` (Debian packages gcc-avr and avr-libc) or give --hex FILE.',
    da: 'intet firmware-image i {file}: kør `make -C firmware` (Debian-pakkerne gcc-avr og avr-libc) eller angiv --hex FIL.',
  },
  'avr.eeprom.size': {
    en: '{file}: an EEPROM image must be {expected} bytes, this one is {actual}: move it away to start with a blank EEPROM.',
    da: '{file}: et EEPROM-image skal være {expected} bytes, dette er {actual}: flyt det væk for at starte med en tom EEPROM.',
  },
  'avr.board.closed': {
    en: 'the emulated board is switched off (closed): create a new one.',
    da: 'det emulerede board er slukket (lukket): opret et nyt.',
  },
});
