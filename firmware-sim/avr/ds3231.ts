import type { AVRTWI, CPU, TWIEventHandler } from 'avr8js';

/** 7-bit I²C address of the DS3231 (fixed by the chip). */
export const DS3231_ADDRESS = 0x68;
const REGISTER_COUNT = 0x13;
const STATUS_OSF = 0x80;
const STATUS_EN32KHZ = 0x08;
const STATUS_ALARM_FLAGS = 0x03;

export interface Ds3231Options {
  /** The RTC's time (unix ms) at board time 0. */
  startMs: number;
  /** How fast (+) or slow (−) its oscillator runs against the board's 16 MHz crystal, in ppm. */
  driftPpm?: number;
  /** The oscillator is stopped (no coin cell and no power): time stands still and OSF is set. */
  stopped?: boolean;
  /** OSF set at power-up: the time was never set since the module lost power (default: false). */
  oscillatorStopFlag?: boolean;
}

const toBcd = (n: number): number => ((Math.floor(n / 10) % 10) << 4) | (n % 10);
const fromBcd = (b: number): number => (b >> 4) * 10 + (b & 0x0f);

/**
 * The DS3231 real-time clock as the firmware sees it over TWI: registers 0x00-0x06 hold the time in BCD
 * (24 h or 12 h mode, century bit), 0x07-0x0D alarms (kept, not acted on), 0x0E control, 0x0F status
 * (bit 7 OSF: the oscillator stopped since it was last cleared, so the time is not to be trusted),
 * 0x10 aging offset (each step is about −0.1 ppm, as on the chip), 0x11-0x12 temperature (25.00 °C).
 *
 * Its time runs on board time (cycles), not the wall clock, so it is deterministic in virtual time:
 * `nowMs = anchorMs + (boardMs − anchorBoardMs) × (1 + ppm / 1e6)`. Reads see a snapshot taken at each
 * START (the chip's secondary buffer), so a burst read never tears across a second. Writes of the time
 * registers apply at STOP, all together; writing the seconds register restarts the second (the chip resets
 * its countdown chain), so the firmware can set the time to the second edge.
 */
export class Ds3231Model {
  private anchorMs: number;
  private anchorBoardMs: number;
  private driftPpmValue: number;
  private running: boolean;
  private readonly registers = new Uint8Array(REGISTER_COUNT);
  private twelveHour = false;
  /** Day-of-week register offset: the chip counts 1-7 from whatever the firmware wrote. */
  private weekdayOffset = 0;

  constructor(
    private readonly boardMs: () => number,
    opts: Ds3231Options,
  ) {
    this.anchorMs = opts.startMs;
    this.anchorBoardMs = boardMs();
    this.driftPpmValue = opts.driftPpm ?? 0;
    this.running = !opts.stopped;
    this.registers[0x0e] = 0x1c; // INTCN, RS2, RS1: the power-on value
    this.registers[0x0f] = STATUS_EN32KHZ | (opts.oscillatorStopFlag || opts.stopped ? STATUS_OSF : 0);
    this.registers[0x11] = 25;
  }

  /** The RTC's time now, in unix ms (fractional: the oscillator runs between milliseconds too). */
  nowMs(): number {
    if (!this.running) return this.anchorMs;
    return this.anchorMs + (this.boardMs() - this.anchorBoardMs) * (1 + this.effectivePpm() / 1e6);
  }

  /** Sets the time (as a person with another tool would); OSF is left as it is. */
  setTimeMs(atMs: number): void {
    this.anchorMs = atMs;
    this.anchorBoardMs = this.boardMs();
  }

  /** Moves the time by `deltaMs` (an offset: positive = ahead). */
  adjustMs(deltaMs: number): void {
    this.setTimeMs(this.nowMs() + deltaMs);
  }

  get driftPpm(): number {
    return this.driftPpmValue;
  }
  set driftPpm(ppm: number) {
    this.setTimeMs(this.nowMs());
    this.driftPpmValue = ppm;
  }

  get stopped(): boolean {
    return !this.running;
  }
  /** Stops the oscillator (the coin cell died): time stands still and OSF is set. */
  stop(): void {
    if (!this.running) return;
    this.setTimeMs(this.nowMs());
    this.running = false;
    this.registers[0x0f] = this.registers[0x0f]! | STATUS_OSF;
  }
  /** Restarts the oscillator from where it stopped; OSF stays set until the firmware clears it. */
  start(): void {
    if (this.running) return;
    this.anchorBoardMs = this.boardMs();
    this.running = true;
  }

  /** OSF: the oscillator stopped at some point since the flag was last cleared (time unset or lost). */
  get oscillatorStopFlag(): boolean {
    return (this.registers[0x0f]! & STATUS_OSF) !== 0;
  }
  set oscillatorStopFlag(value: boolean) {
    this.registers[0x0f] = (this.registers[0x0f]! & ~STATUS_OSF) | (value ? STATUS_OSF : 0);
  }

  private effectivePpm(): number {
    const aging = (this.registers[0x10]! << 24) >> 24;
    return this.driftPpmValue - 0.1 * aging;
  }

  /** The seven time registers for the current time (what a START latches into the read buffer). */
  timeRegisters(): Uint8Array {
    const ms = Math.floor(this.nowMs());
    const d = new Date(ms);
    const out = new Uint8Array(7);
    out[0] = toBcd(d.getUTCSeconds());
    out[1] = toBcd(d.getUTCMinutes());
    const hours = d.getUTCHours();
    if (this.twelveHour) {
      const h12 = hours % 12 === 0 ? 12 : hours % 12;
      out[2] = 0x40 | (hours >= 12 ? 0x20 : 0) | toBcd(h12);
    } else out[2] = toBcd(hours);
    const days = Math.floor(ms / 86_400_000);
    out[3] = (((((days + this.weekdayOffset) % 7) + 7) % 7) + 1) & 0x07;
    out[4] = toBcd(d.getUTCDate());
    const year = d.getUTCFullYear();
    out[5] = toBcd(d.getUTCMonth() + 1) | (year >= 2100 ? 0x80 : 0);
    out[6] = toBcd(year % 100);
    return out;
  }

  /** Applies a burst write of time registers (raw values by register index 0-6), as at a STOP. */
  applyTimeWrite(written: Map<number, number>): void {
    if (written.size === 0) return;
    const current = this.timeRegisters();
    const subsecondMs = this.nowMs() - Math.floor(this.nowMs() / 1000) * 1000;
    for (const [index, value] of written) current[index] = value;
    const secRaw = current[0]! & 0x7f;
    const minRaw = current[1]! & 0x7f;
    const hourRaw = current[2]!;
    let hours: number;
    if (hourRaw & 0x40) {
      this.twelveHour = true;
      const h12 = fromBcd(hourRaw & 0x1f) % 12;
      hours = h12 + (hourRaw & 0x20 ? 12 : 0);
    } else {
      this.twelveHour = false;
      hours = fromBcd(hourRaw & 0x3f);
    }
    const monthRaw = current[5]!;
    const year = 2000 + fromBcd(current[6]!) + (monthRaw & 0x80 ? 100 : 0);
    const ms = Date.UTC(
      year,
      fromBcd(monthRaw & 0x1f) - 1,
      fromBcd(current[4]! & 0x3f),
      hours,
      fromBcd(minRaw),
      fromBcd(secRaw),
    );
    // Writing the seconds register restarts the countdown chain: the new second starts now.
    this.setTimeMs(ms + (written.has(0) ? 0 : subsecondMs));
    const days = Math.floor(ms / 86_400_000);
    const weekday = (current[3]! & 0x07) - 1;
    this.weekdayOffset = (((weekday - days) % 7) + 7) % 7;
  }

  /** A register outside the time block, as the firmware reads it. */
  readRegister(index: number): number {
    return this.registers[index % REGISTER_COUNT]!;
  }

  /** A write to a register outside the time block (status bits OSF, A1F, A2F can only be cleared). */
  writeRegister(index: number, value: number): void {
    const i = index % REGISTER_COUNT;
    if (i === 0x0f) {
      const old = this.registers[0x0f]!;
      const sticky = old & (STATUS_OSF | STATUS_ALARM_FLAGS) & value;
      this.registers[0x0f] = sticky | (value & STATUS_EN32KHZ);
    } else if (i === 0x11 || i === 0x12) {
      // temperature: read-only
    } else {
      // A new aging offset changes the rate from now on, not the time already kept (as driftPpm's setter).
      if (i === 0x10) this.setTimeMs(this.nowMs());
      this.registers[i] = value & 0xff;
    }
  }
}

/**
 * The I²C bus on A4/A5 with a DS3231 on it (or nothing, when no module is fitted: every address NACKs),
 * wired to avr8js's TWI master. Each bus event completes after the time it takes on the wire at the SCL
 * rate the firmware set (9 clocks per byte), so transfers cost realistic board time.
 */
export class Ds3231Bus implements TWIEventHandler {
  private pointer = 0;
  private expectPointer = false;
  private addressed: 'none' | 'write' | 'read' = 'none';
  private snapshot: Uint8Array = new Uint8Array(7);
  private readonly pendingTime = new Map<number, number>();

  constructor(
    private readonly cpu: CPU,
    private readonly twi: AVRTWI,
    private readonly rtc: Ds3231Model | undefined,
    private readonly freqHz: number,
  ) {}

  private after(bits: number, fn: () => void): void {
    const cyclesPerBit = Math.max(1, Math.round(this.freqHz / this.twi.sclFrequency));
    this.cpu.addClockEvent(fn, cyclesPerBit * bits);
  }

  private commitWrites(): void {
    if (this.rtc && this.pendingTime.size > 0) this.rtc.applyTimeWrite(this.pendingTime);
    this.pendingTime.clear();
  }

  start(_repeated: boolean): void {
    this.commitWrites();
    this.addressed = 'none';
    if (this.rtc) this.snapshot = this.rtc.timeRegisters();
    this.after(1, () => this.twi.completeStart());
  }

  stop(): void {
    this.commitWrites();
    this.addressed = 'none';
    // At once: a STOP sets no TWINT, so firmware does not wait for it and may write the next START right
    // away; the chip queues that START behind the STOP, while avr8js ignores TWCR writes while busy.
    this.twi.completeStop();
  }

  connectToSlave(addr: number, write: boolean): void {
    const ack = this.rtc !== undefined && addr === DS3231_ADDRESS;
    this.addressed = ack ? (write ? 'write' : 'read') : 'none';
    this.expectPointer = ack && write;
    this.after(9, () => this.twi.completeConnect(ack));
  }

  writeByte(value: number): void {
    const rtc = this.rtc;
    if (!rtc || this.addressed !== 'write') {
      this.after(9, () => this.twi.completeWrite(false));
      return;
    }
    if (this.expectPointer) {
      this.expectPointer = false;
      this.pointer = value % REGISTER_COUNT;
    } else {
      if (this.pointer < 7) this.pendingTime.set(this.pointer, value);
      else rtc.writeRegister(this.pointer, value);
      this.advance();
    }
    this.after(9, () => this.twi.completeWrite(true));
  }

  readByte(_ack: boolean): void {
    const rtc = this.rtc;
    let value = 0xff;
    if (rtc && this.addressed === 'read') {
      value = this.pointer < 7 ? this.snapshot[this.pointer]! : rtc.readRegister(this.pointer);
      this.advance();
    }
    this.after(9, () => this.twi.completeRead(value));
  }

  private advance(): void {
    this.pointer = (this.pointer + 1) % REGISTER_COUNT;
    // The chip refreshes its read buffer when the pointer wraps to 0.
    if (this.pointer === 0 && this.rtc) this.snapshot = this.rtc.timeRegisters();
  }
}
