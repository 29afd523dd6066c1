import { defineMessages } from '../../src/i18n/define';

export const AVR_MESSAGES = defineMessages({
  'avr.hex.syntax': {
    en: '{file}: line {line} is not an Intel HEX record: give the .hex file that `make -C firmware` built.',
    da: '{file}: linje {line} er ikke en Intel HEX-post: angiv den .hex-fil, som `make -C firmware` byggede.',
  },
  'avr.hex.checksum': {
    en: '{file}: line {line} has a wrong checksum (the file is damaged): build or download it again.',
    da: '{file}: linje {line} har en forkert kontrolsum (filen er beskadiget): byg eller hent den igen.',
  },
  'avr.hex.recordType': {
    en: '{file}: line {line} has record type {recordType}, which an ATmega328P image never uses: is this a firmware for another chip?',
    da: '{file}: linje {line} har posttypen {recordType}, som et ATmega328P-image aldrig bruger: er det firmware til en anden chip?',
  },
  'avr.hex.tooLarge': {
    en: '{file}: line {line} writes to address {address}, beyond the 32 KB flash of an ATmega328P: is this a firmware for another chip?',
    da: '{file}: linje {line} skriver til adresse {address}, ud over de 32 KB flash i en ATmega328P: er det firmware til en anden chip?',
  },
  'avr.hex.noEnd': {
    en: '{file}: the end-of-file record is missing (the file was cut short): build or download it again.',
    da: '{file}: slutposten mangler (filen er afkortet): byg eller hent den igen.',
  },
  'avr.hex.empty': {
    en: '{file}: holds no program bytes: give the .hex file that `make -C firmware` built.',
    da: '{file}: indeholder ingen programbytes: angiv den .hex-fil, som `make -C firmware` byggede.',
  },
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
