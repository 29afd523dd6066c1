import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { EEPROMBackend } from 'avr8js';
import { AvrEepromFileError } from './errors';

/** Internal EEPROM of the ATmega328P. */
export const ATMEGA328P_EEPROM_BYTES = 1024;
/** avr8js's timing of an erase and of a write (1.8 ms each at 16 MHz; the datasheet gives 3.4 ms for both). */
const ERASE_CYCLES = 28_800;
const WRITE_CYCLES = 28_800;

/** One EEPROM byte being programmed: what it held, what it will hold, and when the cell is done. */
interface CellWrite {
  addr: number;
  before: number;
  after: number;
  startCycle: number;
  erase: boolean;
  write: boolean;
}

/**
 * The chip's EEPROM cells behind avr8js's AVREEPROM: in memory, optionally mirrored byte by byte into a
 * file (pwrite of the one byte, like the cell itself), so a board process killed at any moment leaves
 * exactly the bytes written so far. It also knows which byte is still being programmed, so a power cut
 * in the middle of a write leaves that one byte torn (`cutPower`), as on silicon.
 */
export class BoardEeprom implements EEPROMBackend {
  readonly bytes: Uint8Array;
  private fd: number | undefined;
  private inFlight: CellWrite | undefined;
  /** Told of every cell write: address, new value, board cycle it started (power-cut tests, benches). */
  onWrite: ((addr: number, value: number, cycle: number) => void) | undefined;

  constructor(
    private readonly cycles: () => number,
    opts: { initial?: Uint8Array; file?: string } = {},
  ) {
    this.bytes = new Uint8Array(ATMEGA328P_EEPROM_BYTES).fill(0xff);
    if (opts.file) {
      const fresh = !existsSync(opts.file);
      this.fd = openSync(opts.file, fresh ? 'w+' : 'r+', 0o600);
      if (fresh) writeSync(this.fd, this.bytes, 0, this.bytes.length, 0);
      else {
        const size = fstatSync(this.fd).size;
        if (size !== ATMEGA328P_EEPROM_BYTES) {
          closeSync(this.fd);
          this.fd = undefined;
          throw new AvrEepromFileError(opts.file, ATMEGA328P_EEPROM_BYTES, size);
        }
        readSync(this.fd, this.bytes, 0, this.bytes.length, 0);
      }
    } else if (opts.initial) this.bytes.set(opts.initial.subarray(0, ATMEGA328P_EEPROM_BYTES));
  }

  readMemory(addr: number): number {
    return this.bytes[addr % ATMEGA328P_EEPROM_BYTES]!;
  }

  // AVREEPROM calls eraseMemory and/or writeMemory in the same cycle for one EEPE strobe.
  eraseMemory(addr: number): void {
    this.begin(addr, true, false);
    this.store(addr, 0xff);
  }

  writeMemory(addr: number, value: number): void {
    this.begin(addr, false, true);
    // Programming only clears bits: a write without erase (EEPM = 10) ANDs, as on the chip.
    this.store(addr, this.bytes[addr % ATMEGA328P_EEPROM_BYTES]! & value);
    this.onWrite?.(addr, value, this.cycles());
  }

  private begin(addr: number, erase: boolean, write: boolean): void {
    const cycle = this.cycles();
    const a = addr % ATMEGA328P_EEPROM_BYTES;
    if (this.inFlight && this.inFlight.addr === a && this.inFlight.startCycle === cycle) {
      this.inFlight.erase ||= erase;
      this.inFlight.write ||= write;
      return;
    }
    this.inFlight = { addr: a, before: this.bytes[a]!, after: 0, startCycle: cycle, erase, write };
  }

  private store(addr: number, value: number): void {
    const a = addr % ATMEGA328P_EEPROM_BYTES;
    this.bytes[a] = value;
    if (this.inFlight?.addr === a) this.inFlight.after = value;
    if (this.fd !== undefined) writeSync(this.fd, this.bytes, a, 1, a);
  }

  /**
   * Power is cut at the current cycle. A byte whose programming has not finished is left torn: during
   * the erase half some of its bits are already 1, during the write half some of the bits to be cleared
   * are still 1. `randomByte` (seeded in tests) picks which bits made it.
   */
  cutPower(randomByte: () => number): void {
    const w = this.inFlight;
    if (!w) return;
    const elapsed = this.cycles() - w.startCycle;
    const total = (w.erase ? ERASE_CYCLES : 0) + (w.write ? WRITE_CYCLES : 0);
    if (elapsed >= total) return;
    const mask = randomByte() & 0xff;
    let torn: number;
    if (w.erase && elapsed < ERASE_CYCLES) torn = w.before | mask;
    else torn = w.after | (~w.after & 0xff & mask);
    this.store(w.addr, torn & 0xff);
    this.inFlight = undefined;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
