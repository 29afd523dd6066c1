import { type Clock, DriftingClock, type Scheduler, SystemClock } from '../src/clock';
import type { OtpKeySpec } from '../src/otp/index';
import type { DisplayState } from './firmware';

/**
 * The firmware's hardware abstraction layer: what a microcontroller board gives the token logic. The
 * state machine (TokenFirmware) only touches the board through these, so the same logic runs in the
 * terminal simulator, over a pty, and in tests with a manual clock.
 */

// The scheduler lives with the clock (one on both sides of the wire); the HAL re-exports it.
export { ManualScheduler, RealScheduler, type Scheduler } from '../src/clock';

export interface BoardClockOptions {
  /** The host clock the board's crystal is measured against (default: the system clock). */
  base?: Clock;
  /** How fast (+) or slow (−) the board's crystal runs, in parts per million. */
  driftPpm?: number;
  /** The board's time when it starts (default: the base clock's time). */
  startMs?: number;
}

/**
 * The board's real-time clock: a DriftingClock over the host clock, plus a settable offset (SET_TIME).
 * It knows its drift so timers for a board-time instant (a step boundary) can be converted to host time.
 */
export class BoardClock implements Clock {
  private readonly drifting: DriftingClock;
  private offsetMs = 0;
  readonly driftPpm: number;

  constructor(opts: BoardClockOptions = {}) {
    const base = opts.base ?? new SystemClock();
    this.driftPpm = opts.driftPpm ?? 0;
    this.drifting = new DriftingClock(base, this.driftPpm, opts.startMs ?? base.nowMs());
  }

  nowMs(): number {
    return Math.floor(this.drifting.nowMs() + this.offsetMs);
  }

  /** Sets the board's time to `atMs` from now on (drift continues from there). */
  set(atMs: number): void {
    this.offsetMs += atMs - this.nowMs();
  }

  /** Host milliseconds that pass while this clock advances by `boardMs`. */
  hostDelayFor(boardMs: number): number {
    return boardMs / (1 + this.driftPpm / 1e6);
  }
}

/** The battery gauge. The simulator's level is set by the host (tests, `--battery`), a board reads its ADC. */
export interface Battery {
  percent(): number;
}

export class SimulatedBattery implements Battery {
  constructor(private level = 100) {}
  percent(): number {
    return this.level;
  }
  set(percent: number): void {
    this.level = Math.max(0, Math.min(100, Math.round(percent)));
  }
}

/** A secret and its OTP parameters as stored in flash. Never leaves the board over the wire. */
export type StoredSecret = OtpKeySpec;

/** What a board keeps in flash: its identity (made once, at first boot) and the provisioned secret. */
export interface FlashRecord {
  serial: string;
  activationCode: string;
  secret: StoredSecret | null;
}

/**
 * Non-volatile storage. Contract: `write` is atomic: once it resolves the new record survives a power cut;
 * if power is cut before, `read` gives the previous record intact. Never a mix of the two.
 */
export interface Flash {
  read(): Promise<FlashRecord | undefined>;
  write(record: FlashRecord): Promise<void>;
}

/** Flash in memory (in-process simulators and tests). Copies on read/write so callers can't alias it. */
export class MemoryFlash implements Flash {
  private record: FlashRecord | undefined;
  constructor(initial?: FlashRecord) {
    this.record = initial ? cloneRecord(initial) : undefined;
  }
  async read(): Promise<FlashRecord | undefined> {
    return this.record ? cloneRecord(this.record) : undefined;
  }
  async write(record: FlashRecord): Promise<void> {
    this.record = cloneRecord(record);
  }
}

export function cloneRecord(r: FlashRecord): FlashRecord {
  return { ...r, secret: r.secret ? { ...r.secret, secret: Uint8Array.from(r.secret.secret) } : null };
}

/**
 * The display driver. `show` gets every new DisplayState (firmware.ts) in order: a board renders it on its
 * OLED or 7-segment digits (with the countdown from `validUntilMs`/`untilMs` on the board clock); the
 * terminal simulator draws it. Optional: the firmware also reports it as `display` events.
 */
export interface DisplayDriver {
  show(state: DisplayState): void;
}

/** Everything the firmware needs from the board. */
export interface Hal {
  clock: BoardClock;
  scheduler: Scheduler;
  flash: Flash;
  battery: Battery;
  display?: DisplayDriver;
  /** Randomness for the serial number and activation code made at first boot (inject for tests). */
  randomBytes(n: number): Uint8Array;
}
