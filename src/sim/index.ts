// Public API of src/sim: simulated boards (the firmware model of firmware-sim/) on a terminal face, a pty
// (serial) or a HID report socket, for `tokenkit sim`, tests and the practice server.

export * from './avr-sim';
export { bootSimBoard, type SimBoardSpec, storedSecretFor } from './board';
export { SimSocketInUseError } from './errors';
export { type HidSimHandle, type HidSimOptions, simulatedHidBoard, startHidSim } from './hid-sim';
export { type SerialSimHandle, type SerialSimOptions, startSerialSim } from './serial-sim';
export {
  demoFlashPath,
  practiceSecret,
  runTerminalBoard,
  type TerminalBoardOptions,
  tokenFromFirmware,
  voiceFromSpeaker,
} from './terminal-board';
