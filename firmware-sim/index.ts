import { randomBytes } from 'node:crypto';
import type { Clock } from '../src/clock';
import type { TokenProfile } from '../src/profiles/index';
import { resolveProfile } from '../src/profiles/index';
import type { BoardMode } from '../src/protocol/index';
import { FileFlash } from './file-flash';
import { TokenFirmware } from './firmware';
import {
  BoardClock,
  type DisplayDriver,
  type Flash,
  MemoryFlash,
  RealScheduler,
  type Scheduler,
  SimulatedBattery,
  type StoredSecret,
} from './hal';

export { codeAt, MIN_BOARD_SECRET_BYTES } from './code';
export * from './file-flash';
export * from './firmware';
/**
 * firmware-sim: the board side of the wire. Use `createFirmware` for a ready TokenFirmware (in-process:
 * terminal simulator, tests), and `serveFirmware(firmware, port)` to put it on a byte pipe.
 */
export * from './hal';
export * from './wire-server';

export interface CreateFirmwareOptions {
  /** A profile id from devices/ (default DEFAULT_PROFILE_ID) or a profile object. */
  profile?: string | TokenProfile;
  /** 'smart' (default): own clock and secret. 'display': the host pushes digits. */
  mode?: BoardMode;
  /** Persist flash in this file (atomic writes); default: in memory. Ignored when `flash` is given. */
  flashPath?: string;
  flash?: Flash;
  /** The host clock the board clock runs on (default: system clock). Use a ManualClock in tests. */
  baseClock?: Clock;
  /** Board clock drift in ppm (default 0). */
  driftPpm?: number;
  /** Board time at start in unix ms (default: the base clock's time). */
  startMs?: number;
  /** Timers (default: Node timers). Use a ManualScheduler on the same ManualClock in tests. */
  scheduler?: Scheduler;
  /** Provision this at first boot when the flash holds no secret (like `tokenkit sim --secret`). */
  secret?: StoredSecret;
  batteryPercent?: number;
  /** Where the display's states go (a board's OLED driver); the `display` event carries them too. */
  display?: DisplayDriver;
  /** Randomness for serial number and activation code (default: crypto). */
  randomBytes?: (n: number) => Uint8Array;
}

export async function createFirmware(opts: CreateFirmwareOptions = {}): Promise<TokenFirmware> {
  const profile = resolveProfile(opts.profile);
  const clockOptions: { base?: Clock; driftPpm?: number; startMs?: number } = {};
  if (opts.baseClock) clockOptions.base = opts.baseClock;
  if (opts.driftPpm !== undefined) clockOptions.driftPpm = opts.driftPpm;
  if (opts.startMs !== undefined) clockOptions.startMs = opts.startMs;
  return TokenFirmware.boot({
    profile,
    mode: opts.mode ?? 'smart',
    hal: {
      clock: new BoardClock(clockOptions),
      scheduler: opts.scheduler ?? new RealScheduler(),
      flash: opts.flash ?? (opts.flashPath ? new FileFlash(opts.flashPath) : new MemoryFlash()),
      battery: new SimulatedBattery(opts.batteryPercent ?? 100),
      randomBytes: opts.randomBytes ?? ((n) => new Uint8Array(randomBytes(n))),
      ...(opts.display ? { display: opts.display } : {}),
    },
    ...(opts.secret ? { initialSecret: opts.secret } : {}),
  });
}
