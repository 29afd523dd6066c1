/**
 * firmware-sim/avr: the companion firmware (firmware/, C) running in avr8js on an emulated Uno/Nano with
 * the board of the TEAM.md contract around it. The public surface of the harness:
 *
 *   const board = AvrBoard.create({ rtc: { startMs: Date.UTC(2026, 0, 1) } });   // default: the shipped hex
 *   const client = await DeviceClient.overLink(board.link)   // while board.runFor(...) or startPaced()
 *   board.press(); await board.runFor(200); board.display   // { on, digits, code?, remainingSec? }
 */

export { type AvrApplicationOptions, avrApplication } from './avr-application';
export {
  ATMEGA328P_SRAM_BYTES,
  AvrBoard,
  type AvrBoardOptions,
  CPU_HZ,
  CYCLES_PER_MS,
  DEFAULT_FIRMWARE_HEX,
  defaultFirmwarePath,
  readIntelHexFile,
} from './board';
export { DS3231_ADDRESS, Ds3231Model, type Ds3231Options } from './ds3231';
export { ATMEGA328P_EEPROM_BYTES } from './eeprom';
export { AvrBoardClosedError, AvrEepromFileError, AvrHarnessError, AvrImageError } from './errors';
export { ATMEGA328P_FLASH_BYTES, loadIntelHex } from './intel-hex';
export { type DecodedDisplay, Max7219Model } from './max7219';
export { renderDisplayBlocks, renderDisplayPng } from './render';
