import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ADCMuxInputType,
  AVRADC,
  AVRClock,
  AVREEPROM,
  AVRIOPort,
  AVRSPI,
  AVRTimer,
  AVRTWI,
  AVRUSART,
  AVRWatchdog,
  adcConfig,
  avrInstruction,
  CPU,
  clockConfig,
  portBConfig,
  portCConfig,
  portDConfig,
  spiConfig,
  timer0Config,
  timer1Config,
  timer2Config,
  twiConfig,
  usart0Config,
  watchdogConfig,
} from 'avr8js';
import { guardWrite, type Link, LinkBase, LinkClosedError, type LinkWriteOptions } from '../../src/link/index';
import { FrameDecoder, MessageType } from '../../src/protocol/index';
import { Ds3231Bus, Ds3231Model } from './ds3231';
import { BoardEeprom } from './eeprom';
import { AvrBoardClosedError, AvrImageError } from './errors';
import { ATMEGA328P_FLASH_BYTES, loadIntelHex } from './intel-hex';
import { type DecodedDisplay, Max7219Model } from './max7219';
import { nextSleepEventCycle } from './sleep-skip';
import { UsartBridge } from './usart-bridge';

/** The board's crystal: 16 MHz (Uno, Nano). Board time is cycles / 16,000 per ms. */
export const CPU_HZ = 16_000_000;
export const CYCLES_PER_MS = CPU_HZ / 1000;
/** SRAM of the ATmega328P: 2 KB at data addresses 0x100-0x8FF. */
export const ATMEGA328P_SRAM_BYTES = 0x800;
const RAMEND = 0x100 + ATMEGA328P_SRAM_BYTES - 1;
const SLEEP_OPCODE = 0x9588;
/** `rjmp .-4`: back to the instruction before it. */
const RJMP_BACK_1 = 0xcffe;
/** One turn of `sbic/sbis io, bit; rjmp .-4` while it loops: 1 + 2 cycles. */
const POLL_LOOP_CYCLES = 3;
const SMCR = 0x53;
const SMCR_SE = 0x01;
const SPL = 0x5d;
/** Board pins of the contract (TEAM.md): button D2 = PD2, MAX7219 LOAD = D10 = PB2. */
const BUTTON_PIN = 2;
const LOAD_PIN = 2;
/** A display state counts once it has held this long (digits are rewritten one register at a time). */
export const DISPLAY_SETTLE_MS = 2;
const DISPLAY_SETTLE_CYCLES = DISPLAY_SETTLE_MS * CYCLES_PER_MS;
/** Longest run of board time per unpaced slice: TX is handed to the link and host input read between. */
const SLICE_CYCLES = CYCLES_PER_MS;
/** Pacing (FIRMWARE-NOTES recipe): a turn every ~1 ms, at most 20 ms of board time per turn. */
const PACE_TURN_MS = 1;
const PACE_MAX_TURN_CYCLES = 20 * CYCLES_PER_MS;
/**
 * Behind the wall clock by more than a turn (the process was stopped or starved): catch up in turns of at
 * most this much board time, back to back (setImmediate, so host bytes still get in between). The board's
 * DS3231 runs on board time, so a board that dropped the debt instead kept a clock that many seconds
 * slow for good (a 2 s SIGSTOP measured -2,009 ms ever after). An idle board fast-forwards at ~10 GHz of
 * board time per CPU second, so a minute's debt costs ~6 ms.
 */
const PACE_CATCH_UP_TURN_CYCLES = 250 * CYCLES_PER_MS;

export const DEFAULT_FIRMWARE_HEX = 'firmware/prebuilt/tokenkit-atmega328p.hex';

export interface AvrBoardOptions {
  /** Program image (loadIntelHex). Default: the shipped firmware/prebuilt/tokenkit-atmega328p.hex. */
  program?: Uint8Array;
  /** EEPROM contents at power-on (1 KB; default erased, all 0xFF). Ignored with `eepromFile`. */
  eeprom?: Uint8Array;
  /** Keep the EEPROM in this file (created erased if absent; written byte by byte as the chip does). */
  eepromFile?: string;
  /** The DS3231 module: its time at power-on (default: the wall clock now), drift and state; false = none fitted. */
  rtc?: { startMs: number; driftPpm?: number; stopped?: boolean; oscillatorStopFlag?: boolean } | false;
  /** Start paced to the wall clock at once (default false: the caller advances virtual time with runFor). */
  paced?: boolean;
  /**
   * Seeds what differs per chip and per power-up: the SRAM pattern at power-on and the ADC's noise, which
   * the firmware uses for its first-boot serial number. Default: random. Tests give one: determinism.
   */
  seed?: number;
  /**
   * Skip what cannot change anything (default true): a sleeping CPU jumps to its next event, timer ticks
   * nobody reads are counted in one step, busy-waits on an I/O bit jump to the event that ends them.
   * false executes every instruction and every timer tick (only to measure what the skips save); an object
   * turns the timer and busy-wait skips off one by one, keeping the sleep skip (to check they change no
   * cycle: tests/firmware/avr-fast-forward.test.ts).
   */
  fastForward?: boolean | { timerTicks: boolean; busyWaits: boolean };
}

/** Where the shipped firmware lives: searched upwards from this module (source tree or dist/). */
export function defaultFirmwarePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, DEFAULT_FIRMWARE_HEX);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), DEFAULT_FIRMWARE_HEX);
}

/** Reads and parses a .hex file; AvrImageError('missing') when there is none. */
export function readIntelHexFile(path: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AvrImageError('missing', { file: path }, error);
  }
  return loadIntelHex(text, path);
}

/**
 * The host side of USART0 as a tokenkit Link. `write` queues the bytes on the wire into the chip and
 * resolves at once (handed over, like an OS serial buffer); the chip takes them at line rate. Received
 * bytes are what the firmware transmitted, handed over once per slice of board time.
 */
class AvrUsartLink extends LinkBase implements Link {
  readonly description = 'avr:usart0';
  constructor(private readonly sink: (bytes: Uint8Array) => void) {
    super();
  }
  write(bytes: Uint8Array, opts?: LinkWriteOptions): Promise<void> {
    if (this.ended) return Promise.reject(new LinkClosedError(this.description));
    const copy = Uint8Array.from(bytes);
    return guardWrite(this.description, async () => this.sink(copy), opts);
  }
  async close(): Promise<void> {
    this.end(undefined);
  }
  deliver(chunk: Uint8Array): void {
    this.emitData(chunk);
  }
  /** The board went away (closed, power cut): the host sees a disconnect. */
  disconnect(): void {
    this.end(new LinkClosedError(this.description, true));
  }
}

/** One power-up of the chip: the CPU and its peripherals (rebuilt on reset; EEPROM, RTC, display stay). */
interface Chip {
  cpu: CPU;
  progWords: Uint16Array;
  usart: AVRUSART;
  portB: AVRIOPort;
  portD: AVRIOPort;
  spi: AVRSPI;
  twi: AVRTWI;
  timers: AVRTimer[];
}

/**
 * An Arduino Uno/Nano (ATmega328P at 16 MHz) running the companion firmware in avr8js, with the board of
 * the TEAM.md contract around it: USART0 to the host (`link`), the button on D2 (`press`), a MAX7219
 * 8-digit module on SPI (`display`), a DS3231 on TWI (`rtc`) and the internal EEPROM (`eeprom`).
 *
 * Time: board time comes from the CPU's cycle count (`boardTimeMs`). Unpaced (the default), nothing runs
 * until `runFor(ms)` advances virtual time, deterministically: the same inputs at the same board times give
 * the same bytes at the same cycles. `startPaced()` runs it against the wall clock for people.
 *
 * Contract: `close()` stops the CPU, disconnects `link` (LinkClosedError{disconnected}) and releases the
 * EEPROM file; every later run rejects with AvrBoardClosedError. `cutPower()` is a close at this very cycle
 * that leaves an EEPROM byte still being programmed torn, and returns the EEPROM as it is.
 */
export class AvrBoard {
  private chip!: Chip;
  private program: Uint8Array;
  private bridge!: UsartBridge;
  private cycleBase = 0;
  private minStackPointer = RAMEND;
  private sleptCycles = 0;
  private settleEvent: (() => void) | undefined;
  /** The CPU executed SLEEP and no interrupt has woken it yet; it resumes at `wakePc`. */
  private sleeping = false;
  private wakePc = 0;
  private hostLink: AvrUsartLink;
  private txBuffer: number[] = [];
  private readonly txListeners = new Set<(byte: number, boardCycle: number) => void>();
  private readonly displayListeners = new Set<(d: DecodedDisplay) => void>();
  private readonly max7219 = new Max7219Model();
  private readonly txDecoder = new FrameDecoder();
  private codeDigits = 6;
  private lastDisplayKey = '';
  private decoded: DecodedDisplay;
  private releaseAtCycle: number | undefined;
  private running = false;
  private closed = false;
  private pacing:
    | { timeout?: NodeJS.Timeout; immediate?: NodeJS.Immediate; wallStartMs: number; cycleStart: number }
    | undefined;
  private loadLow = false;
  readonly rtc: Ds3231Model;
  private readonly rtcFitted: boolean;
  private readonly eepromCells: BoardEeprom;
  private readonly noise: () => number;
  private readonly fastForward: boolean;
  private readonly skipTimerTicks: boolean;
  private readonly skipBusyWaits: boolean;

  private constructor(opts: AvrBoardOptions) {
    this.program = opts.program ?? readIntelHexFile(defaultFirmwarePath());
    const rtcOpts = opts.rtc === false ? undefined : (opts.rtc ?? { startMs: Date.now() });
    this.rtcFitted = opts.rtc !== false;
    // Without a module the model still exists (tests may look at it) but nothing answers on the bus.
    this.rtc = new Ds3231Model(() => this.boardTimeMs(), rtcOpts ?? { startMs: 0, stopped: true });
    this.eepromCells = new BoardEeprom(() => this.boardCycles(), {
      ...(opts.eeprom ? { initial: opts.eeprom } : {}),
      ...(opts.eepromFile ? { file: opts.eepromFile } : {}),
    });
    this.hostLink = new AvrUsartLink((bytes) => this.fromHost(bytes));
    this.noise = xorshift(opts.seed ?? randomInt(1, 2 ** 31));
    const ff = opts.fastForward ?? true;
    this.fastForward = ff !== false;
    this.skipTimerTicks = typeof ff === 'object' ? ff.timerTicks : ff;
    this.skipBusyWaits = typeof ff === 'object' ? ff.busyWaits : ff;
    this.decoded = this.max7219.decode();
    this.lastDisplayKey = displayKey(this.decoded);
    this.powerUp();
  }

  static create(opts: AvrBoardOptions = {}): AvrBoard {
    const board = new AvrBoard(opts);
    if (opts.paced) board.startPaced();
    return board;
  }

  /** The host side of USART0 (115200 8N1 on the board's USB-serial bridge). */
  get link(): Link {
    return this.hostLink;
  }

  /**
   * A fresh host link after the previous one was closed (like opening the port again). On a real Uno the
   * open pulses DTR and resets the chip: pass `{ reset: true }` for that.
   */
  reconnect(opts: { reset?: boolean } = {}): Link {
    this.assertOpen();
    if (this.hostLink.isOpen) this.hostLink.disconnect();
    this.hostLink = new AvrUsartLink((bytes) => this.fromHost(bytes));
    if (opts.reset) this.reset();
    return this.hostLink;
  }

  get display(): DecodedDisplay {
    return this.decoded;
  }

  onDisplay(listener: (d: DecodedDisplay) => void): () => void {
    this.displayListeners.add(listener);
    return () => this.displayListeners.delete(listener);
  }

  /** Every byte the firmware transmits, with the board cycle it was written to UDR0 (benches, tests). */
  onTransmit(listener: (byte: number, boardCycle: number) => void): () => void {
    this.txListeners.add(listener);
    return () => this.txListeners.delete(listener);
  }

  /** The EEPROM cells (live: the firmware's writes show here at once). */
  get eeprom(): Uint8Array {
    return this.eepromCells.bytes;
  }

  /** Told of every EEPROM cell write with the board cycle it started (power-cut tests). */
  set onEepromWrite(listener: ((addr: number, value: number, boardCycle: number) => void) | undefined) {
    this.eepromCells.onWrite = listener;
  }

  /** Board cycles since power-on (they keep counting across resets). */
  boardCycles(): number {
    return this.cycleBase + (this.chip?.cpu.cycles ?? 0);
  }

  boardTimeMs(): number {
    return this.boardCycles() / CYCLES_PER_MS;
  }

  /** Deepest the stack has been since power-on, in bytes below RAMEND (0x8FF). */
  stackHighWaterBytes(): number {
    return RAMEND - this.minStackPointer;
  }

  /** Board cycles spent asleep (skipped to the next clock event): how idle the firmware is. */
  get sleepCycles(): number {
    return this.sleptCycles;
  }

  /** The lowest address the stack pointer reached (for checks against the end of .bss). */
  get stackLowWaterAddress(): number {
    return this.minStackPointer;
  }

  /**
   * Presses the button: D2 is pulled to GND now and released `holdMs` of board time later (default 100 ms,
   * a short press; hold longer for a long press). The firmware debounces it itself.
   */
  press(holdMs = 100): void {
    this.assertOpen();
    this.chip.portD.setPin(BUTTON_PIN, false);
    this.releaseAtCycle = this.boardCycles() + Math.round(holdMs * CYCLES_PER_MS);
    const release = () => {
      if (this.releaseAtCycle === undefined || this.boardCycles() < this.releaseAtCycle) return;
      this.releaseAtCycle = undefined;
      this.chip.portD.setPin(BUTTON_PIN, true);
    };
    this.chip.cpu.addClockEvent(release, Math.max(1, this.releaseAtCycle - this.boardCycles()));
  }

  /** Resets the chip (DTR pulse, reset button, watchdog), optionally with a new program image (a flash). */
  reset(program?: Uint8Array): void {
    this.assertOpen();
    if (program) this.program = program;
    this.flushTx();
    this.cycleBase += this.chip.cpu.cycles;
    this.powerUp(); // a new chip and a new, empty USART bridge: bytes in flight were on a dead wire
  }

  /**
   * Advances virtual time by `ms` of board time as fast as the host can (unpaced). Between slices of at
   * most 1 ms it hands transmitted bytes to the link and lets the host's promise reactions run, so a
   * DeviceClient over `link` works while this runs. On a paced board it waits until board time got there.
   */
  async runFor(ms: number): Promise<void> {
    this.assertOpen();
    const end = this.boardCycles() + Math.round(ms * CYCLES_PER_MS);
    if (this.pacing) {
      while (!this.closed && this.boardCycles() < end) await new Promise((r) => setTimeout(r, 2));
      return;
    }
    let quiet = 0;
    while (this.boardCycles() < end) {
      this.assertOpen();
      const delivered = this.runSlice(Math.min(end, this.boardCycles() + SLICE_CYCLES));
      // Yield when bytes went to the host (it may answer) and every 50 slices (timers, I/O).
      if (delivered || ++quiet >= 50) {
        quiet = 0;
        await new Promise((r) => setImmediate(r));
      }
    }
  }

  /** Runs unpaced until `predicate()` holds (checked after every slice) or `limitMs` of board time passed. */
  async runUntil(predicate: () => boolean, limitMs = 5_000): Promise<boolean> {
    const end = this.boardCycles() + Math.round(limitMs * CYCLES_PER_MS);
    while (!predicate()) {
      if (this.boardCycles() >= end) return false;
      await this.runFor(Math.min(1, (end - this.boardCycles()) / CYCLES_PER_MS));
    }
    return true;
  }

  /**
   * Runs paced to the wall clock (FIRMWARE-NOTES pacing recipe): a turn every ~1 ms runs the cycles the
   * wall clock says are due, at most 20 ms of board time per turn; when further behind (a stopped or starved
   * process), turns of up to 250 ms back to back until it has caught up, so the board's clock stays on the
   * wall clock's. A byte from the host starts a turn at once. Board time trails the wall clock by a few ms.
   */
  startPaced(): void {
    this.assertOpen();
    if (this.pacing) return;
    this.pacing = { wallStartMs: performance.now(), cycleStart: this.boardCycles() };
    this.scheduleTurn(PACE_TURN_MS);
  }

  /** Stops pacing; the board keeps its state and can run unpaced again. */
  stopPaced(): void {
    if (!this.pacing) return;
    this.clearTurn();
    this.pacing = undefined;
  }

  get paced(): boolean {
    return this.pacing !== undefined;
  }

  /** Switches the board off: see the class contract. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.stopPaced();
    this.flushTx();
    this.closed = true;
    this.hostLink.disconnect();
    this.eepromCells.close();
  }

  /**
   * Pulls the plug at the current cycle: the CPU stops mid-instruction stream, a byte being programmed is
   * left torn (bits picked by `randomByte`), the display goes dark. Returns a copy of the EEPROM for the
   * next power-up (`AvrBoard.create({ eeprom })`).
   */
  cutPower(randomByte: () => number = () => 0): Uint8Array {
    this.assertOpen();
    this.stopPaced();
    this.eepromCells.cutPower(randomByte);
    const image = Uint8Array.from(this.eepromCells.bytes);
    this.closed = true;
    this.txBuffer = [];
    this.hostLink.disconnect();
    this.eepromCells.close();
    // The MAX7219 loses its power too: dark, and back in its power-on state at the next power-up.
    this.powerOffDisplay();
    return image;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // --- internals -----------------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw new AvrBoardClosedError();
  }

  private powerUp(): void {
    // FIRMWARE-NOTES pitfall 1: avr8js defaults to 8 KiB of SRAM; the 328P has 2 KB (0x800), so a stack
    // that grows into .bss shows up here as it would on the chip (and stackHighWaterBytes is meaningful).
    const flash = new Uint8Array(ATMEGA328P_FLASH_BYTES).fill(0xff);
    flash.set(this.program.subarray(0, ATMEGA328P_FLASH_BYTES));
    const progWords = new Uint16Array(flash.buffer);
    const cpu = new CPU(progWords, ATMEGA328P_SRAM_BYTES);
    // SRAM powers up with a pattern of its own (firmware may use it as entropy, never as a value).
    for (let a = 0x100; a <= RAMEND; a++) cpu.data[a] = this.noise() & 0xff;
    const clock = new AVRClock(cpu, CPU_HZ, clockConfig);
    new AVRWatchdog(cpu, watchdogConfig, clock);
    // FIRMWARE-NOTES pitfall 6: avr8js spends one clock event per prescaler tick of a running timer, so
    // the board is only as fast as the firmware's timer setup allows (Timer1 at /256 or /1024 with a
    // compare for the next deadline is cheap; a prescaler-1 timer would drop below real time). All three
    // timers exist so that whatever the firmware does is emulated; bench/firmware.ts reports the speed.
    const timers = [timer0Config, timer1Config, timer2Config].map((config) => new AVRTimer(cpu, config));
    const usart = new AVRUSART(cpu, usart0Config, CPU_HZ);
    const portB = new AVRIOPort(cpu, portBConfig);
    new AVRIOPort(cpu, portCConfig);
    const portD = new AVRIOPort(cpu, portDConfig);
    const spi = new AVRSPI(cpu, spiConfig, CPU_HZ);
    const twi = new AVRTWI(cpu, twiConfig, CPU_HZ);
    new AVREEPROM(cpu, this.eepromCells);
    // The ADC: inputs float (A0-A7 unconnected), the temperature sensor reads about 25 °C; both with a few
    // LSB of noise, as the firmware's entropy pool expects.
    const adc = new AVRADC(cpu, adcConfig);
    adc.onADCRead = (input) => {
      const noise = (this.noise() % 5) - 2;
      let raw: number;
      if (input.type === ADCMuxInputType.Temperature) raw = 314 + noise;
      else if (input.type === ADCMuxInputType.Constant) raw = Math.round((input.voltage / 5) * 1023) + noise;
      else raw = 300 + (this.noise() % 200);
      const value = Math.min(1023, Math.max(0, raw));
      cpu.addClockEvent(() => adc.completeADCRead(value), adc.sampleCycles);
    };
    this.chip = { cpu, progWords, usart, portB, portD, spi, twi, timers };
    this.sleeping = false;
    this.settleEvent = undefined;

    this.bridge = new UsartBridge(cpu, usart, (byte) => this.onChipTransmit(byte));
    twi.eventHandler = new Ds3231Bus(cpu, twi, this.rtcFitted ? this.rtc : undefined, CPU_HZ);

    // The button pulls D2 to GND against the internal pull-up: released reads high. A press still held
    // across a reset is let go (its release event was on the old chip).
    portD.setPin(BUTTON_PIN, true);
    this.releaseAtCycle = undefined;

    // MAX7219 on SPI: bytes shift in as each transfer completes; LOAD's rising edge latches the last 16 bits.
    spi.onByte = (value) => {
      const lsbFirst = spi.dataOrder === 'lsbFirst';
      cpu.addClockEvent(() => {
        this.max7219.shiftByte(lsbFirst ? reverseBits(value) : value);
        spi.completeTransfer(0xff); // the module has no output to MISO
      }, spi.transferCycles);
    };
    this.loadLow = false;
    portB.addListener((value) => {
      const low = (value & (1 << LOAD_PIN)) === 0;
      if (this.loadLow && !low && this.max7219.latch()) this.displayChanged(cpu);
      this.loadLow = low;
    });
  }

  private onChipTransmit(byte: number): void {
    this.txBuffer.push(byte);
    const cycle = this.boardCycles();
    for (const listener of this.txListeners) listener(byte, cycle);
  }

  private fromHost(bytes: Uint8Array): void {
    if (this.closed) return;
    this.bridge.enqueue(bytes);
    // Paced: a byte from the host starts a turn at once rather than at the next 1 ms tick.
    if (this.pacing && !this.running) {
      this.clearTurn();
      this.pacing.immediate = setImmediate(() => this.paceTurn());
    }
  }

  /** Runs the chip to board cycle `endCycle`; returns true when bytes were handed to the host. */
  private runSlice(endCycle: number): boolean {
    this.bridge.feed();
    this.runCycles(endCycle - this.cycleBase);
    return this.flushTx();
  }

  private runCycles(limit: number): void {
    if (this.running) throw new Error('AvrBoard: the CPU is already running (re-entered from a listener)');
    this.running = true;
    const { cpu, progWords } = this.chip;
    const data = cpu.data;
    let minSp = this.minStackPointer;
    type ClockEvents = { nextClockEvent: { cycles: number } | null };
    try {
      while (cpu.cycles < limit) {
        if (!this.sleeping) {
          // FIRMWARE-NOTES pitfall 5: avr8js executes SLEEP as a no-op (upstream issue 139), so an idle
          // firmware would spin through its main loop. When the next instruction is SLEEP with SE set,
          // interrupts on and none pending, execute it (PC moves past it, as after a wake-up) and sleep:
          // jump the cycle counter from clock event to clock event until one makes an interrupt pending.
          const opcode = progWords[cpu.pc]!;
          // A busy-wait on an I/O bit (`sbic/sbis io, bit; rjmp .-4`, as avr-libc waits for an EEPROM
          // write: 3.4 ms per byte) can only end when a clock event changes the bit: skip whole turns of
          // the loop up to just before the next event, cycle for cycle as if they had run.
          if (this.skipBusyWaits && (opcode & 0xfd00) === 0x9900 && progWords[cpu.pc + 1] === RJMP_BACK_1) {
            const io = 32 + ((opcode >> 3) & 0x1f);
            const bitSet = (data[io]! & (1 << (opcode & 7))) !== 0;
            if (!cpu.readHooks[io] && bitSet === ((opcode & 0x0200) === 0)) {
              const next = (cpu as unknown as ClockEvents).nextClockEvent;
              const until = Math.min(next ? next.cycles : limit, limit);
              const turns = Math.floor((until - cpu.cycles - 1) / POLL_LOOP_CYCLES);
              if (turns > 0) cpu.cycles += turns * POLL_LOOP_CYCLES;
            }
          }
          const sleepNow =
            this.fastForward &&
            opcode === SLEEP_OPCODE &&
            data[SMCR]! & SMCR_SE &&
            cpu.interruptsEnabled &&
            cpu.nextInterrupt < 0;
          avrInstruction(cpu);
          if (!sleepNow) {
            cpu.tick();
            const sp = data[SPL]! | (data[SPL + 1]! << 8);
            if (sp < minSp) minSp = sp;
            continue;
          }
          this.sleeping = true;
          this.wakePc = cpu.pc;
        }
        // Asleep, possibly since an earlier slice: the chip stays asleep across slice ends (waking at a
        // slice end would run the main loop once per slice, 1,000 times a second of board time).
        const sleptFrom = cpu.cycles;
        while (cpu.cycles < limit) {
          if (cpu.nextInterrupt >= 0) {
            cpu.tick(); // takes the interrupt (I is set while asleep)
            this.sleeping = false;
            break;
          }
          const target = nextSleepEventCycle(cpu, this.skipTimerTicks ? this.chip.timers : [], limit);
          if (target > cpu.cycles) cpu.cycles = target;
          // Run every event now due (timer ticks skipped while asleep catch up here in one step).
          let due = (cpu as unknown as ClockEvents).nextClockEvent;
          while (due && due.cycles <= cpu.cycles && cpu.pc === this.wakePc) {
            cpu.tick();
            due = (cpu as unknown as ClockEvents).nextClockEvent;
          }
          if (cpu.pc !== this.wakePc) {
            this.sleeping = false; // tick() already took the interrupt an event raised
            break;
          }
        }
        this.sleptCycles += cpu.cycles - sleptFrom;
      }
    } finally {
      this.minStackPointer = minSp;
      this.running = false;
    }
  }

  private flushTx(): boolean {
    if (this.txBuffer.length === 0) return false;
    const chunk = Uint8Array.from(this.txBuffer);
    this.txBuffer = [];
    // Learn the length of the code the firmware shows (the display layout depends on it).
    for (const result of this.txDecoder.push(chunk)) {
      if (!result.ok) continue;
      const m = result.message;
      if ((m.type === MessageType.CODE_SHOWN || m.type === MessageType.CODE) && m.code.length !== this.codeDigits) {
        this.codeDigits = m.code.length;
        this.updateDisplay();
      }
    }
    if (this.closed) return false;
    this.hostLink.deliver(chunk);
    return true;
  }

  /**
   * A register of the MAX7219 changed. Firmware rewrites digits one register at a time, so in between the
   * digits show a mix for some microseconds that nobody can see; `display` reports a state once it has
   * held for DISPLAY_SETTLE_MS of board time.
   */
  private displayChanged(cpu: CPU): void {
    if (this.settleEvent) cpu.clearClockEvent(this.settleEvent);
    this.settleEvent = cpu.addClockEvent(() => {
      this.settleEvent = undefined;
      this.updateDisplay();
    }, DISPLAY_SETTLE_CYCLES);
  }

  private powerOffDisplay(): void {
    const off: DecodedDisplay = { on: false, digits: '        ', dots: '        ', intensity: this.decoded.intensity };
    if (displayKey(off) === this.lastDisplayKey) return;
    this.lastDisplayKey = displayKey(off);
    this.decoded = off;
    for (const listener of [...this.displayListeners]) listener(off);
  }

  private updateDisplay(): void {
    const decoded = this.max7219.decode(this.codeDigits);
    const key = displayKey(decoded);
    if (key === this.lastDisplayKey) return;
    this.lastDisplayKey = key;
    this.decoded = decoded;
    for (const listener of [...this.displayListeners]) listener(decoded);
  }

  private scheduleTurn(delayMs: number): void {
    if (!this.pacing) return;
    this.pacing.timeout = setTimeout(() => this.paceTurn(), delayMs);
  }

  private clearTurn(): void {
    const pacing = this.pacing;
    if (!pacing) return;
    if (pacing.timeout) clearTimeout(pacing.timeout);
    if (pacing.immediate) clearImmediate(pacing.immediate);
    pacing.timeout = undefined;
    pacing.immediate = undefined;
  }

  private paceTurn(): void {
    const pacing = this.pacing;
    if (!pacing || this.closed) return;
    this.clearTurn();
    const now = this.boardCycles();
    const target = pacing.cycleStart + (performance.now() - pacing.wallStartMs) * CYCLES_PER_MS;
    const behind = target - now > PACE_MAX_TURN_CYCLES;
    const end = Math.floor(Math.min(target, now + (behind ? PACE_CATCH_UP_TURN_CYCLES : PACE_MAX_TURN_CYCLES)));
    try {
      if (end > now) this.runSlice(end);
    } finally {
      if (this.pacing === pacing && !this.closed) {
        if (behind) pacing.immediate = setImmediate(() => this.paceTurn());
        else this.scheduleTurn(PACE_TURN_MS);
      }
    }
  }
}

/** A small seeded generator (xorshift32) for the chip's physical noise. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function reverseBits(b: number): number {
  let out = 0;
  for (let i = 0; i < 8; i++) if (b & (1 << i)) out |= 0x80 >> i;
  return out;
}

function displayKey(d: DecodedDisplay): string {
  return `${d.on}|${d.digits}|${d.dots}|${d.code ?? ''}|${d.remainingSec ?? ''}|${d.intensity}`;
}
