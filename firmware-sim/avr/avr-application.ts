import type { ArduinoApplication, StartApplication } from './arduino-board';
import { AvrBoard, type AvrBoardOptions } from './board';

export interface AvrApplicationOptions {
  /** The DS3231 at the first boot (default: the wall clock now); later boots find it where it kept running. */
  rtc?: AvrBoardOptions['rtc'];
  seed?: number;
  /** Told of each boot's board (a test or the simulator may watch its display). */
  onBoot?: (board: AvrBoard) => void;
}

/**
 * The flashed image as ArduinoBoard's application: each start boots an AvrBoard, paced to the wall clock,
 * from the program memory and EEPROM the bootloader left, and `stop` (a reset) hands the EEPROM back. The
 * DS3231 runs on its coin cell across resets: a later boot finds it at the time it showed at the reset plus
 * the wall time since.
 */
export function avrApplication(opts: AvrApplicationOptions = {}): StartApplication {
  let rtcAt: { rtcMs: number; wallMs: number } | undefined;
  return async ({ flash, eeprom }): Promise<ArduinoApplication> => {
    let rtc = opts.rtc;
    if (rtc !== false && rtcAt) {
      const previous = rtc === undefined ? {} : rtc;
      rtc = { ...previous, startMs: rtcAt.rtcMs + (Date.now() - rtcAt.wallMs) };
    }
    const board = AvrBoard.create({
      program: flash,
      eeprom,
      paced: true,
      ...(rtc !== undefined ? { rtc } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    });
    opts.onBoot?.(board);
    return {
      write: (bytes) => {
        board.link.write(bytes).catch(() => undefined); // a board switched off drops what it is sent
      },
      onData: (listener) => board.link.onData(listener),
      eeprom: () => Uint8Array.from(board.eeprom),
      stop: async () => {
        if (rtc !== false) rtcAt = { rtcMs: board.rtc.nowMs(), wallMs: Date.now() };
        await board.close();
      },
    };
  };
}
