import type { TokenProfile } from '../src/profiles/index';
import type { BoardMode } from '../src/protocol/index';
import { codeAt } from './code';
import { cloneRecord, type FlashRecord, type Hal, type StoredSecret } from './hal';

export const FIRMWARE_VERSION = '1.0.0';

/** What the token's display shows right now. The terminal simulator draws exactly this. */
export type DisplayState =
  | { kind: 'off' }
  /** Smart token: the code for `step`, valid until board time `validUntilMs` (the countdown's end). */
  | { kind: 'code'; code: string; step: number; validUntilMs: number }
  /** Smart token pressed before a secret was provisioned. */
  | { kind: 'not-provisioned' }
  /** Long press: the board's serial number, activation code and battery level. */
  | { kind: 'status'; serial: string; activationCode: string; batteryPercent: number; lowBattery: boolean }
  /** Display board: digits pushed by the host, counting down to board time `untilMs`. */
  | { kind: 'digits'; code: string; untilMs: number };

/**
 * Events from the firmware, in the order they happen. The first five mirror the wire events (BUTTON,
 * CODE_SHOWN, DISPLAY_OFF, BATTERY, ERROR-less); `display` fires on every change of `display` for UIs.
 */
export type FirmwareEvent =
  | { type: 'button'; long: boolean; host: boolean }
  | { type: 'code-shown'; code: string; step: number; remainingMs: number }
  | { type: 'display-off' }
  | { type: 'battery'; percent: number; low: boolean }
  | { type: 'display'; state: DisplayState };

/** The outcome of a press, as the wire's PRESS reply needs it. */
export type PressResult =
  | { kind: 'code'; code: string; step: number; remainingMs: number }
  | { kind: 'not-provisioned' }
  | { kind: 'status' }
  | { kind: 'display-board' };

export interface TokenFirmwareOptions {
  profile: TokenProfile;
  mode: BoardMode;
  hal: Hal;
  /** Provision this secret at boot if the flash holds none (the simulator's `--secret`). */
  initialSecret?: StoredSecret;
}

/** Board-side provisioning failure (flash write failed): the old secret is still in place. */
export class FlashWriteError extends Error {
  constructor(cause: unknown) {
    super('writing the secret to flash failed; the previous secret is still in place', { cause });
    this.name = 'FlashWriteError';
  }
}

const SERIAL_ALPHABET = '0123456789';

function digitsFrom(bytes: Uint8Array, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += SERIAL_ALPHABET[(bytes[i] ?? 0) % 10];
  return out;
}

/**
 * The token's firmware: a state machine over a HAL. Create with `TokenFirmware.boot(opts)` (reads flash,
 * makes the serial number and activation code on first boot), then:
 *
 * - `press({long?, host?})` — the button. Short press on a smart token shows the current code with its
 *   countdown (a press while shown refreshes it and restarts the display timeout); long press shows the
 *   status (serial, activation code, battery) and emits BATTERY; on a display board a press only emits
 *   BUTTON (the host decides what to show).
 * - `buttonDown()` / `buttonUp()` — a physical button: the hold time decides short or long (profile's
 *   `longPressMs`), measured on the board clock.
 * - `onEvent(listener)` — events in order; returns an unsubscribe function.
 * - `display` — the current DisplayState; `remainingMs()` — the countdown of what is shown.
 * - `provision(secret)` — write-only; atomic in flash; `setTime(ms, force)`, `timeMs()`;
 *   `showDigits(code, remainingMs)` — display boards (blanks when the countdown reaches zero);
 *   `setBattery(percent)`.
 * - `stop()` — cancels all timers (the board is switched off).
 *
 * Timing: while a code is shown, a timer fires at the next step boundary (board time, converted to host
 * time through the clock's drift) and the new code is shown and emitted at once; the display blanks
 * `profile.displayTimeoutMs` after the last press. Timers come from `hal.scheduler`, so a ManualScheduler
 * makes all of this deterministic.
 */
export class TokenFirmware {
  readonly profile: TokenProfile;
  readonly mode: BoardMode;
  readonly hal: Hal;
  private record: FlashRecord;
  private state: DisplayState = { kind: 'off' };
  private readonly listeners = new Set<(event: FirmwareEvent) => void>();
  private cancelBlank: (() => void) | undefined;
  private cancelBoundary: (() => void) | undefined;
  private buttonDownAtMs: number | undefined;
  private lastBatteryPercent: number;
  private provisioning: Promise<void> = Promise.resolve();
  private stopped = false;

  private constructor(opts: TokenFirmwareOptions, record: FlashRecord) {
    this.profile = opts.profile;
    this.mode = opts.mode;
    this.hal = opts.hal;
    this.record = record;
    this.lastBatteryPercent = opts.hal.battery.percent();
  }

  /** Boots the board: reads flash; on first boot makes and stores a serial number and activation code. */
  static async boot(opts: TokenFirmwareOptions): Promise<TokenFirmware> {
    let record = await opts.hal.flash.read();
    if (!record) {
      const random = opts.hal.randomBytes(18);
      record = { serial: digitsFrom(random, 10), activationCode: digitsFrom(random.subarray(10), 8), secret: null };
      await opts.hal.flash.write(record);
    }
    const firmware = new TokenFirmware(opts, record);
    if (!record.secret && opts.initialSecret && opts.mode === 'smart') await firmware.provision(opts.initialSecret);
    return firmware;
  }

  get serial(): string {
    return this.record.serial;
  }
  get activationCode(): string {
    return this.record.activationCode;
  }
  get provisioned(): boolean {
    return this.record.secret !== null;
  }
  get display(): DisplayState {
    return this.state;
  }
  get firmwareVersion(): string {
    return FIRMWARE_VERSION;
  }

  onEvent(listener: (event: FirmwareEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  timeMs(): number {
    return this.hal.clock.nowMs();
  }

  /**
   * SET_TIME. A soft set never moves the clock backwards (returns adjusted false and keeps the clock);
   * a forced set always applies. A shown code is recomputed for the new time.
   */
  setTime(atMs: number, force: boolean): { deviceMs: number; adjusted: boolean } {
    const now = this.hal.clock.nowMs();
    if (!force && atMs < now) return { deviceMs: now, adjusted: false };
    this.hal.clock.set(atMs);
    if (this.state.kind === 'code') this.showCode();
    return { deviceMs: this.hal.clock.nowMs(), adjusted: true };
  }

  /** Countdown of what is shown, in ms (0 when nothing with a countdown is shown). */
  remainingMs(): number {
    const now = this.hal.clock.nowMs();
    if (this.state.kind === 'code') return Math.max(0, this.state.validUntilMs - now);
    if (this.state.kind === 'digits') return Math.max(0, this.state.untilMs - now);
    return 0;
  }

  press(opts: { long?: boolean; host?: boolean } = {}): PressResult {
    const long = opts.long ?? false;
    this.emit({ type: 'button', long, host: opts.host ?? false });
    if (long) {
      const percent = this.hal.battery.percent();
      const low = percent <= this.profile.lowBatteryPercent;
      this.setState({
        kind: 'status',
        serial: this.serial,
        activationCode: this.activationCode,
        batteryPercent: percent,
        lowBattery: low,
      });
      this.emit({ type: 'battery', percent, low });
      this.armBlank();
      return { kind: 'status' };
    }
    if (this.mode === 'display') return { kind: 'display-board' }; // the host answers with DISPLAY
    if (!this.record.secret) {
      this.setState({ kind: 'not-provisioned' });
      this.armBlank();
      return { kind: 'not-provisioned' };
    }
    const shown = this.showCode();
    this.armBlank();
    return { kind: 'code', ...shown };
  }

  buttonDown(): void {
    this.buttonDownAtMs = this.hal.clock.nowMs();
  }

  buttonUp(): PressResult | undefined {
    if (this.buttonDownAtMs === undefined) return undefined;
    const heldMs = this.hal.clock.nowMs() - this.buttonDownAtMs;
    this.buttonDownAtMs = undefined;
    return this.press({ long: heldMs >= this.profile.longPressMs });
  }

  /**
   * PROVISION: stores the secret atomically, replacing the old one. Provisions are serialized. Rejects with
   * FlashWriteError if the flash write fails (the old secret stays). Blanks the display.
   */
  provision(secret: StoredSecret): Promise<void> {
    const next = this.provisioning.then(async () => {
      const record: FlashRecord = cloneRecord({ ...this.record, secret });
      try {
        await this.hal.flash.write(record);
      } catch (error) {
        throw new FlashWriteError(error);
      }
      this.record = record;
      if (this.state.kind !== 'off') this.blank();
    });
    this.provisioning = next.catch(() => undefined);
    return next;
  }

  /** DISPLAY on a display board: shows `code` counting down `remainingMs`; an empty code blanks. */
  showDigits(code: string, remainingMs: number): void {
    if (code === '') {
      this.blank();
      return;
    }
    this.setState({ kind: 'digits', code, untilMs: this.hal.clock.nowMs() + remainingMs });
    // docs/protocol.md §4: a display board blanks when the pushed countdown reaches zero.
    this.armBlank(remainingMs);
  }

  /** The battery gauge changed (simulated): emits BATTERY when the level changes. */
  setBattery(percent: number): void {
    const battery = this.hal.battery as { set?: (p: number) => void };
    battery.set?.(percent);
    const now = this.hal.battery.percent();
    if (now !== this.lastBatteryPercent) {
      this.lastBatteryPercent = now;
      this.emit({ type: 'battery', percent: now, low: now <= this.profile.lowBatteryPercent });
    }
  }

  /** Power off: cancels timers; no more events. */
  stop(): void {
    this.stopped = true;
    this.cancelBlank?.();
    this.cancelBoundary?.();
    this.listeners.clear();
  }

  // --- internals -----------------------------------------------------------------------------------

  private emit(event: FirmwareEvent): void {
    if (this.stopped) return;
    for (const listener of [...this.listeners]) listener(event);
  }

  private setState(state: DisplayState): void {
    if (state.kind !== 'code') this.cancelBoundary?.();
    this.state = state;
    if (!this.stopped) this.hal.display?.show(state);
    this.emit({ type: 'display', state });
  }

  /** Computes and shows the code for now; emits CODE_SHOWN; arms the step-boundary timer. */
  private showCode(): { code: string; step: number; remainingMs: number } {
    const secret = this.record.secret!;
    const now = this.hal.clock.nowMs();
    const { code, step, validUntilMs } = codeAt(secret, now);
    const remainingMs = validUntilMs - now;
    this.setState({ kind: 'code', code, step, validUntilMs });
    this.emit({ type: 'code-shown', code, step, remainingMs });
    this.armBoundary(validUntilMs);
    return { code, step, remainingMs };
  }

  private armBoundary(validUntilMs: number): void {
    this.cancelBoundary?.();
    const hostDelayMs = this.hal.clock.hostDelayFor(validUntilMs - this.hal.clock.nowMs());
    const onDue = () => {
      this.cancelBoundary = undefined;
      if (this.state.kind !== 'code' || this.stopped) return;
      // Not there yet (timers round to ms; the board clock drifts): wait out the rest.
      if (this.hal.clock.nowMs() < this.state.validUntilMs) return this.armBoundary(this.state.validUntilMs);
      this.showCode();
    };
    const { scheduler } = this.hal;
    // Millisecond timers fire up to ~1 ms late: sleep until ~2 ms before the boundary, then check every
    // event-loop turn (a couple of ms of polling every period, only while a code is shown).
    if (scheduler.setImmediate && hostDelayMs <= 2) this.cancelBoundary = scheduler.setImmediate(onDue);
    else
      this.cancelBoundary = scheduler.setTimer(
        Math.max(0, scheduler.setImmediate ? Math.floor(hostDelayMs - 2) : Math.ceil(hostDelayMs)),
        onDue,
      );
  }

  private armBlank(boardDelayMs: number = this.profile.displayTimeoutMs): void {
    this.cancelBlank?.();
    this.cancelBlank = this.hal.scheduler.setTimer(this.hal.clock.hostDelayFor(boardDelayMs), () => {
      this.cancelBlank = undefined;
      this.blank();
    });
  }

  private blank(): void {
    this.cancelBlank?.();
    this.cancelBlank = undefined;
    this.cancelBoundary?.();
    this.cancelBoundary = undefined;
    if (this.state.kind === 'off') return;
    this.setState({ kind: 'off' });
    this.emit({ type: 'display-off' });
  }
}
