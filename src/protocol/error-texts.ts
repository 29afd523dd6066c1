import { defineMessages } from '../i18n/define';

export const PROTOCOL_MESSAGES = defineMessages({
  'protocol.frame.crc': {
    en: 'corrupt frame at byte {offset}: CRC mismatch (noise on the line or a wrong baud rate).',
    da: 'beskadiget ramme ved byte {offset}: CRC passer ikke (støj på linjen eller forkert baudrate).',
  },
  'protocol.frame.cobs': {
    en: 'corrupt frame at byte {offset}: invalid COBS encoding (is this port a tokenkit board?).',
    da: 'beskadiget ramme ved byte {offset}: ugyldig COBS-kodning (er denne port en tokenkit-enhed?).',
  },
  'protocol.frame.oversize': {
    en: 'frame at byte {offset} is longer than {maxBytes} bytes; it was dropped (is this port a tokenkit board?).',
    da: 'rammen ved byte {offset} er længere end {maxBytes} bytes og blev kasseret (er denne port en tokenkit-enhed?).',
  },
  'protocol.frame.truncated': {
    en: 'frame at byte {offset} is too short ({detail}).',
    da: 'rammen ved byte {offset} er for kort ({detail}).',
  },
  'protocol.frame.unknownType': {
    en: 'frame at byte {offset} has unknown message type 0x{type}: update tokenkit or the board firmware.',
    da: 'rammen ved byte {offset} har ukendt beskedtype 0x{type}: opdater tokenkit eller enhedens firmware.',
  },
  'protocol.frame.payload': {
    en: 'frame at byte {offset} has an invalid payload: {detail}.',
    da: 'rammen ved byte {offset} har ugyldigt indhold: {detail}.',
  },
  'protocol.frame.version': {
    en: 'the board speaks protocol version {version}, tokenkit speaks up to {hostVersion}: update tokenkit.',
    da: 'enheden taler protokolversion {version}, tokenkit højst {hostVersion}: opdater tokenkit.',
  },
  'protocol.encode.invalid': {
    en: 'cannot encode {type}: {field} {detail}.',
    da: 'kan ikke kode {type}: {field} {detail}.',
  },
  'protocol.hid.sequence': {
    en: 'HID packet out of order at report {offset}: expected sequence {expected}, got {got}.',
    da: 'HID-pakke i forkert rækkefølge ved rapport {offset}: forventede sekvens {expected}, fik {got}.',
  },
  'protocol.hid.missing': {
    en: 'HID transfer at report {offset} ended early: {detail}.',
    da: 'HID-overførsel ved rapport {offset} sluttede for tidligt: {detail}.',
  },
  'protocol.hid.stray': {
    en: 'HID continuation packet at report {offset} without an init packet; it was dropped.',
    da: 'HID-fortsættelsespakke ved rapport {offset} uden startpakke; den blev kasseret.',
  },
  'protocol.hid.oversize': {
    en: 'HID init packet at report {offset} announces {length} bytes, more than {maxBytes}; it was dropped.',
    da: 'HID-startpakke ved rapport {offset} angiver {length} bytes, mere end {maxBytes}; den blev kasseret.',
  },
  'protocol.hid.report': {
    en: 'HID report at {offset} is malformed: {detail}.',
    da: 'HID-rapporten ved {offset} er forkert opbygget: {detail}.',
  },
  'protocol.hex.syntax': {
    en: '{file}: line {line} is not an Intel HEX record: give the .hex file that `make -C firmware` built.',
    da: '{file}: linje {line} er ikke en Intel HEX-post: angiv den .hex-fil, som `make -C firmware` byggede.',
  },
  'protocol.hex.checksum': {
    en: '{file}: line {line} has a wrong checksum (the file is damaged): build or download it again.',
    da: '{file}: linje {line} har en forkert kontrolsum (filen er beskadiget): byg eller hent den igen.',
  },
  'protocol.hex.recordType': {
    en: '{file}: line {line} has record type {recordType}, which no AVR image uses: is this a firmware for another chip?',
    da: '{file}: linje {line} har posttypen {recordType}, som intet AVR-image bruger: er det firmware til en anden chip?',
  },
  'protocol.hex.tooLarge': {
    en: '{file}: line {line} writes to address {address}, beyond the {maxBytes} bytes of program memory: is this a firmware for another chip?',
    da: '{file}: linje {line} skriver til adresse {address}, ud over de {maxBytes} byte programhukommelse: er det firmware til en anden chip?',
  },
  'protocol.hex.noEnd': {
    en: '{file}: the end-of-file record is missing (the file was cut short): build or download it again.',
    da: '{file}: slutposten mangler (filen er afkortet): byg eller hent den igen.',
  },
  'protocol.hex.empty': {
    en: '{file}: holds no program bytes: give the .hex file that `make -C firmware` built.',
    da: '{file}: indeholder ingen programbytes: angiv den .hex-fil, som `make -C firmware` byggede.',
  },
  'protocol.hex.afterEnd': {
    en: '{file}: line {line} comes after the end-of-file record (the file is damaged, or two were joined): build or download it again.',
    da: '{file}: linje {line} kommer efter slutposten (filen er beskadiget, eller to filer er sat sammen): byg eller hent den igen.',
  },
});
