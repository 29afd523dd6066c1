import { AvrBoard, defaultFirmwarePath, readIntelHexFile } from '../../firmware-sim/avr/index';
import { SerialLink, startPtyPair } from '../link/index';

/**
 * The real companion firmware (the shipped .hex, or `hexPath`) in avr8js, paced to the wall clock: behind the
 * terminal face (`tokenkit sim --firmware avr`) or on a socat pty (`--serial --firmware avr`), where every
 * `tokenkit device` command talks to it as to a USB-serial Nano (without the reset on open: a pty has no DTR).
 */
export interface AvrSimSpec {
  hexPath?: string;
  /** Keep the board's EEPROM (serial number, secret) in this file across runs. */
  eepromFile?: string;
  /** The DS3231's time at power-on (default now). */
  startMs?: number;
}

export function bootAvrBoard(spec: AvrSimSpec = {}): AvrBoard {
  return AvrBoard.create({
    program: readIntelHexFile(spec.hexPath ?? defaultFirmwarePath()),
    paced: true,
    rtc: { startMs: spec.startMs ?? Date.now() },
    ...(spec.eepromFile ? { eepromFile: spec.eepromFile } : {}),
  });
}

export interface AvrSerialSimHandle {
  hostPath: string;
  stop(): Promise<void>;
}

/** The board's USART on the board end of a socat pty pair; `stop()` switches the board off and kills socat. */
export async function startAvrSerialSim(board: AvrBoard, opts: { link?: string } = {}): Promise<AvrSerialSimHandle> {
  const pair = await startPtyPair(opts.link ? { hostLink: opts.link } : {});
  let port: SerialLink;
  try {
    port = await SerialLink.open(pair.boardPath, { lock: false });
  } catch (error) {
    await pair.stop();
    throw error;
  }
  const link = board.link;
  const offIn = port.onData((bytes) => void link.write(bytes).catch(() => undefined));
  const offOut = link.onData((bytes) => void port.write(bytes).catch(() => undefined));
  let stopping: Promise<void> | undefined;
  return {
    hostPath: pair.hostPath,
    stop: () =>
      (stopping ??= (async () => {
        offIn();
        offOut();
        await board.close();
        await port.close();
        await pair.stop();
      })()),
  };
}
