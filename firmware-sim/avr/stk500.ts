import { ATMEGA328P_EEPROM_BYTES } from './eeprom';
import { ATMEGA328P_FLASH_BYTES } from './intel-hex';

/**
 * The Arduino bootloader as the host sees it: STK500v1 as Optiboot speaks it (optiboot.c's main loop),
 * modelled as a pure reducer so real avrdude can flash the emulated board. avr8js has no SPM (Firmware
 * notes, pitfall 7), so the model writes program memory itself; an AvrBoard then boots the image.
 *
 * Optiboot's rules, kept exactly, because avrdude depends on them:
 * - every command ends with CRC_EOP (0x20); if the byte there is anything else the bootloader arms a 16 ms
 *   watchdog and spins: the chip resets into the application (`exit: 'bad-sync'`). Nothing is answered.
 * - after the EOP it answers STK_INSYNC (0x14), the command's data, then STK_OK (0x10).
 * - LOAD_ADDRESS takes a WORD address (little-endian); the model keeps the byte address (word × 2).
 * - PROG_PAGE erases the page holding the address and writes the bytes into it, wrapping inside the page
 *   as the SPM page buffer does; memtype 'E' writes EEPROM instead.
 * - UNIVERSAL (avrdude's chip erase and fuse reads) is read and answered with 0x00: Optiboot ignores it,
 *   so a "chip erase" erases nothing (each page is erased when it is written).
 * - LEAVE_PROGMODE answers, then the 16 ms watchdog starts the application (`exit: 'leave'`).
 * The boot section (the bootloader's own flash) is write-protected by the lock bits: writes there are
 * dropped and reads return the bootloader's bytes, as on a real chip.
 */

export const STK = {
  OK: 0x10,
  INSYNC: 0x14,
  CRC_EOP: 0x20,
  GET_SYNC: 0x30,
  GET_PARAMETER: 0x41,
  SET_DEVICE: 0x42,
  SET_DEVICE_EXT: 0x45,
  ENTER_PROGMODE: 0x50,
  LEAVE_PROGMODE: 0x51,
  CHIP_ERASE: 0x52,
  LOAD_ADDRESS: 0x55,
  UNIVERSAL: 0x56,
  PROG_PAGE: 0x64,
  READ_PAGE: 0x74,
  READ_SIGN: 0x75,
  SW_MAJOR: 0x81,
  SW_MINOR: 0x82,
} as const;

/** ATmega328P: 32 KiB flash in 128-byte pages, 1 KiB EEPROM, signature 1E 95 0F. */
export const ATMEGA328P = {
  flashBytes: ATMEGA328P_FLASH_BYTES,
  pageBytes: 128,
  eepromBytes: ATMEGA328P_EEPROM_BYTES,
  signature: [0x1e, 0x95, 0x0f] as const,
};

export interface BootloaderVariant {
  name: string;
  /** Bytes at the top of flash that the bootloader occupies (write-protected). */
  bootSectionBytes: number;
  /** What GET_PARAMETER answers for SW_MAJOR / SW_MINOR. */
  swMajor: number;
  swMinor: number;
  /** Line rate its UART runs at (irrelevant on a pty; avrdude must be given it on a real board). */
  baudRate: number;
  /** How long it waits for the first STK byte after a reset before starting the application. */
  idleTimeoutMs: number;
}

/** Optiboot 8.0 as on the Uno and new Nanos: 512-byte boot section, 115200 baud, 1 s watchdog. */
export const OPTIBOOT: BootloaderVariant = {
  name: 'optiboot',
  bootSectionBytes: 512,
  swMajor: 8,
  swMinor: 0,
  baudRate: 115200,
  idleTimeoutMs: 1000,
};

export type BootloaderExit = 'leave' | 'bad-sync';

/** What one chunk of host bytes did: bytes to send back, and whether the bootloader has handed over. */
export interface BootloaderStep {
  reply: Uint8Array;
  exit?: BootloaderExit;
}

/** Where the parser is inside a command: the command byte, how many argument bytes it still needs. */
type ParserState =
  | { kind: 'command' }
  | { kind: 'args'; command: number; args: number[]; need: number }
  | { kind: 'page-data'; command: number; length: number; memtype: number; data: number[] }
  | { kind: 'eop'; command: number; args: number[]; data?: number[] }
  | { kind: 'exited'; reason: BootloaderExit };

/** Fixed argument byte counts before the EOP; PROG_PAGE/READ_PAGE take 3 header bytes (+ data). */
const ARG_BYTES: Record<number, number> = {
  [STK.GET_PARAMETER]: 1,
  [STK.SET_DEVICE]: 20,
  [STK.SET_DEVICE_EXT]: 5,
  [STK.LOAD_ADDRESS]: 2,
  [STK.UNIVERSAL]: 4,
  [STK.PROG_PAGE]: 3,
  [STK.READ_PAGE]: 3,
};

export interface Stk500Stats {
  pagesWritten: number;
  pagesRead: number;
  commands: number;
}

export class Stk500Bootloader {
  /** Program memory as the chip holds it: 0xFF where erased. */
  readonly flash: Uint8Array;
  readonly eeprom: Uint8Array;
  readonly stats: Stk500Stats = { pagesWritten: 0, pagesRead: 0, commands: 0 };
  private state: ParserState = { kind: 'command' };
  /** Byte address set by LOAD_ADDRESS. */
  private address = 0;

  constructor(
    readonly variant: BootloaderVariant = OPTIBOOT,
    init: { flash?: Uint8Array; eeprom?: Uint8Array } = {},
  ) {
    this.flash = new Uint8Array(ATMEGA328P.flashBytes).fill(0xff);
    if (init.flash) this.flash.set(init.flash.subarray(0, this.appBytes));
    // The boot section holds the bootloader's code; its bytes are not ours to know, only to keep.
    this.flash.fill(0x00, this.appBytes);
    this.eeprom = new Uint8Array(ATMEGA328P.eepromBytes).fill(0xff);
    if (init.eeprom) this.eeprom.set(init.eeprom.subarray(0, ATMEGA328P.eepromBytes));
  }

  /** Flash below the boot section: where an application can live. */
  get appBytes(): number {
    return ATMEGA328P.flashBytes - this.variant.bootSectionBytes;
  }

  get exited(): BootloaderExit | undefined {
    return this.state.kind === 'exited' ? this.state.reason : undefined;
  }

  /** Feeds bytes from the host. Once it has exited, further bytes are ignored (the application has them). */
  push(bytes: Uint8Array): BootloaderStep {
    const out: number[] = [];
    for (const byte of bytes) {
      if (this.state.kind === 'exited') break;
      this.state = this.step(this.state, byte, out);
    }
    const exit = this.exited;
    return exit ? { reply: Uint8Array.from(out), exit } : { reply: Uint8Array.from(out) };
  }

  private step(state: ParserState, byte: number, out: number[]): ParserState {
    switch (state.kind) {
      case 'command': {
        const need = ARG_BYTES[byte];
        if (need === undefined) return { kind: 'eop', command: byte, args: [] };
        return { kind: 'args', command: byte, args: [], need };
      }
      case 'args': {
        // The parser's own arrays, grown in place (a page of 128 bytes is one array, not 128 copies).
        const args = state.args;
        args.push(byte);
        if (args.length < state.need) return state;
        if (state.command === STK.PROG_PAGE) {
          const length = (args[0]! << 8) | args[1]!;
          // Optiboot reads `length` bytes with a do/while: a length of 0 reads 65536 (it would overrun RAM);
          // avrdude never sends it, and the model treats it as a framing fault.
          if (length === 0) return this.badSync();
          return { kind: 'page-data', command: state.command, length, memtype: args[2]!, data: [] };
        }
        return { kind: 'eop', command: state.command, args };
      }
      case 'page-data': {
        const data = state.data;
        data.push(byte);
        if (data.length < state.length) return state;
        return {
          kind: 'eop',
          command: state.command,
          args: [state.length >> 8, state.length & 0xff, state.memtype],
          data,
        };
      }
      case 'eop':
        if (byte !== STK.CRC_EOP) return this.badSync();
        out.push(STK.INSYNC);
        return this.execute(state.command, state.args, state.data ?? [], out);
      case 'exited':
        return state;
    }
  }

  private badSync(): ParserState {
    return { kind: 'exited', reason: 'bad-sync' };
  }

  private execute(command: number, args: number[], data: number[], out: number[]): ParserState {
    this.stats.commands++;
    switch (command) {
      case STK.GET_PARAMETER: {
        const which = args[0]!;
        out.push(which === STK.SW_MINOR ? this.variant.swMinor : which === STK.SW_MAJOR ? this.variant.swMajor : 0x03);
        break;
      }
      case STK.LOAD_ADDRESS:
        this.address = ((args[1]! << 8) | args[0]!) * 2;
        break;
      case STK.UNIVERSAL:
        out.push(0x00);
        break;
      case STK.PROG_PAGE:
        this.write(args[2]!, data);
        break;
      case STK.READ_PAGE:
        out.push(...this.read(args[2]!, (args[0]! << 8) | args[1]!));
        break;
      case STK.READ_SIGN:
        out.push(...ATMEGA328P.signature);
        break;
      case STK.LEAVE_PROGMODE:
        out.push(STK.OK);
        return { kind: 'exited', reason: 'leave' };
      default:
        // GET_SYNC, ENTER_PROGMODE, SET_DEVICE(_EXT), CHIP_ERASE and anything unknown: just in sync.
        break;
    }
    out.push(STK.OK);
    return { kind: 'command' };
  }

  private write(memtype: number, data: number[]): void {
    if (memtype === 0x45 /* 'E' */) {
      for (let i = 0; i < data.length; i++) this.eeprom[(this.address + i) % ATMEGA328P.eepromBytes] = data[i]!;
      return;
    }
    const page = ATMEGA328P.pageBytes;
    const base = this.address - (this.address % page);
    // The lock bits keep the application from rewriting the boot section.
    if (base >= this.appBytes) return;
    this.flash.fill(0xff, base, base + page);
    for (let i = 0; i < data.length; i++) this.flash[base + ((this.address + i) % page)] = data[i]!;
    this.stats.pagesWritten++;
  }

  private read(memtype: number, length: number): number[] {
    const memory = memtype === 0x45 ? this.eeprom : this.flash;
    const bytes: number[] = [];
    for (let i = 0; i < length; i++) bytes.push(memory[(this.address + i) % memory.length]!);
    this.stats.pagesRead++;
    return bytes;
  }
}
