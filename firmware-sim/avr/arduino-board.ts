import { RealScheduler, type Scheduler } from '../hal';
import { type BoardPort, writeQuietly } from '../wire-server';
import { ATMEGA328P, type BootloaderExit, type BootloaderVariant, OPTIBOOT, Stk500Bootloader } from './stk500';

/**
 * A whole Arduino Uno/Nano as its USB serial port sees it: after a reset the bootloader (the STK500v1
 * model) owns the UART; when it hands over (LEAVE_PROGMODE, a byte that breaks its framing, or no traffic
 * for its idle timeout) the application in program memory boots and owns the UART until the next reset.
 * Flash and EEPROM outlive resets, as on the chip. A blank chip has no application: after its timeout
 * the bootloader jumps to 0x0000, runs through erased flash and loops, answering nothing until a reset.
 *
 * A pty has no DTR line, so nothing here can see a port being opened: `reset()` stands for the pulse a
 * real board gets from the USB bridge when the host opens the port (tests call it where avrdude would).
 */

/** The application as the board runs it (an AvrBoard running the image, in tests anything with a UART). */
export interface ArduinoApplication {
  /** Host bytes arriving on the application's RX line. */
  write(bytes: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** EEPROM as the application left it (carried to the next boot), when the runner can tell. */
  eeprom?(): Uint8Array;
  stop(): Promise<void> | void;
}

export type StartApplication = (memory: { flash: Uint8Array; eeprom: Uint8Array }) => Promise<ArduinoApplication>;

export type ArduinoPhase = 'bootloader' | 'starting' | 'application' | 'no-application' | 'stopped';

export interface ArduinoBoardOptions {
  /** The USB-serial side: the board end of a pty pair, or a MemoryLink end. */
  port: BoardPort;
  startApplication: StartApplication;
  variant?: BootloaderVariant;
  /** Program memory at power-on (default: blank, 0xFF). */
  flash?: Uint8Array;
  eeprom?: Uint8Array;
  /**
   * From the bootloader handing over to the application answering: Optiboot's 16 ms watchdog, plus
   * whatever the runner needs to boot the image (default 16 ms).
   */
  appStartMs?: number;
  scheduler?: Scheduler;
  /** Start in the bootloader, as after power-on (default true); false boots the application at once. */
  startInBootloader?: boolean;
  /** Test-only misbehaviour. */
  faults?: ArduinoFaults;
}

export interface ArduinoFaults {
  /**
   * The bootloader falls silent after writing this many pages (a cable pulled or a brown-out in the middle
   * of avrdude's write): nothing more is answered until the next reset.
   */
  hangAfterPages?: number;
}

export interface ResetOptions {
  /**
   * How long the bootloader waits for its first byte this time (default: the variant's idle timeout).
   * Tests that start avrdude after `reset()` give it longer, standing in for the reset that avrdude's own
   * DTR pulse would give a real board just before it sends its first GET_SYNC.
   */
  idleTimeoutMs?: number;
}

const OPTIBOOT_WATCHDOG_MS = 16;

export class ArduinoBoard {
  private bootloader: Stk500Bootloader | undefined;
  private application: ArduinoApplication | undefined;
  private flash: Uint8Array;
  private eeprom: Uint8Array;
  private currentPhase: ArduinoPhase = 'stopped';
  private cancelTimer: (() => void) | undefined;
  private detachApp: (() => void) | undefined;
  private readonly detachPort: () => void;
  private readonly scheduler: Scheduler;
  private readonly variant: BootloaderVariant;
  /** Bumped on every reset, so an application start still in flight from before it is discarded. */
  private generation = 0;
  private readonly phaseListeners = new Set<(phase: ArduinoPhase, exit?: BootloaderExit) => void>();

  private constructor(private readonly opts: ArduinoBoardOptions) {
    this.scheduler = opts.scheduler ?? new RealScheduler();
    this.variant = opts.variant ?? OPTIBOOT;
    this.flash = new Uint8Array(ATMEGA328P.flashBytes).fill(0xff);
    if (opts.flash) this.flash.set(opts.flash.subarray(0, ATMEGA328P.flashBytes));
    this.eeprom = opts.eeprom ? Uint8Array.from(opts.eeprom) : new Uint8Array(ATMEGA328P.eepromBytes).fill(0xff);
    this.detachPort = opts.port.onData((chunk) => this.receive(chunk));
  }

  static start(opts: ArduinoBoardOptions): ArduinoBoard {
    const board = new ArduinoBoard(opts);
    if (opts.startInBootloader === false) board.handOver(undefined, 0);
    else board.enterBootloader(board.variant.idleTimeoutMs);
    return board;
  }

  get phase(): ArduinoPhase {
    return this.currentPhase;
  }

  /** Program memory as the chip holds it now (the bootloader's writes included). */
  get programMemory(): Uint8Array {
    return this.bootloader?.flash ?? this.flash;
  }

  /** Counters of the bootloader session in progress or last finished. */
  get bootloaderStats(): Stk500Bootloader['stats'] | undefined {
    return this.bootloader?.stats;
  }

  onPhase(listener: (phase: ArduinoPhase, exit?: BootloaderExit) => void): () => void {
    this.phaseListeners.add(listener);
    return () => this.phaseListeners.delete(listener);
  }

  /** The reset line: stops the application and enters the bootloader. Flash and EEPROM are kept. */
  async reset(opts: ResetOptions = {}): Promise<void> {
    await this.stopApplication();
    this.enterBootloader(opts.idleTimeoutMs ?? this.variant.idleTimeoutMs);
  }

  async stop(): Promise<void> {
    this.generation++;
    this.cancelTimer?.();
    this.detachPort();
    await this.stopApplication();
    this.setPhase('stopped');
  }

  private setPhase(phase: ArduinoPhase, exit?: BootloaderExit): void {
    this.currentPhase = phase;
    for (const listener of [...this.phaseListeners]) listener(phase, exit);
  }

  private enterBootloader(idleTimeoutMs: number): void {
    this.generation++;
    this.cancelTimer?.();
    this.bootloader = new Stk500Bootloader(this.variant, { flash: this.flash, eeprom: this.eeprom });
    this.setPhase('bootloader');
    this.armIdleTimer(idleTimeoutMs);
  }

  private armIdleTimer(ms: number): void {
    this.cancelTimer?.();
    // Optiboot's watchdog: every byte it reads resets it; when it fires the chip starts the application.
    this.cancelTimer = this.scheduler.setTimer(ms, () => this.handOver(undefined, 0));
  }

  private receive(chunk: Uint8Array): void {
    if (this.currentPhase === 'application') {
      this.application?.write(chunk);
      return;
    }
    if (this.currentPhase !== 'bootloader' || !this.bootloader) return; // lost, as during a reset
    const hangAfter = this.opts.faults?.hangAfterPages;
    if (hangAfter !== undefined && this.bootloader.stats.pagesWritten >= hangAfter) {
      this.cancelTimer?.();
      return;
    }
    this.armIdleTimer(this.variant.idleTimeoutMs);
    const step = this.bootloader.push(chunk);
    if (step.reply.length > 0) writeQuietly(this.opts.port, step.reply);
    if (step.exit) this.handOver(step.exit, OPTIBOOT_WATCHDOG_MS);
  }

  /** The bootloader is done: keep what it wrote and boot the application after the watchdog reset. */
  private handOver(exit: BootloaderExit | undefined, watchdogMs: number): void {
    this.cancelTimer?.();
    if (this.bootloader) {
      this.flash = Uint8Array.from(this.bootloader.flash);
      this.eeprom = Uint8Array.from(this.bootloader.eeprom);
    }
    const generation = ++this.generation;
    // Erased flash at the reset vector: nothing to run.
    if (this.flash[0] === 0xff && this.flash[1] === 0xff) {
      this.setPhase('no-application', exit);
      return;
    }
    this.setPhase('starting', exit);
    const delayMs = watchdogMs + (this.opts.appStartMs ?? OPTIBOOT_WATCHDOG_MS);
    this.cancelTimer = this.scheduler.setTimer(delayMs, () => {
      void this.opts
        .startApplication({ flash: Uint8Array.from(this.flash), eeprom: Uint8Array.from(this.eeprom) })
        .then(async (app) => {
          if (generation !== this.generation) {
            await app.stop();
            return;
          }
          this.application = app;
          this.detachApp = app.onData((bytes) => writeQuietly(this.opts.port, bytes));
          this.setPhase('application');
        })
        // An image the runner cannot boot (not AVR code, too big) leaves a board that answers nothing.
        .catch(() => {
          if (generation === this.generation) this.setPhase('no-application');
        });
    });
  }

  private async stopApplication(): Promise<void> {
    const app = this.application;
    this.application = undefined;
    this.detachApp?.();
    this.detachApp = undefined;
    if (!app) return;
    const eeprom = app.eeprom?.();
    if (eeprom) this.eeprom = Uint8Array.from(eeprom);
    await app.stop();
  }
}
