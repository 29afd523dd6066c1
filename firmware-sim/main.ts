/**
 * firmware-sim as its own process: the board side of the wire on a tty (a pty from socat, or a real UART
 * set up first with `stty -F PATH 115200 raw -echo`) or on stdin/stdout. Built to dist/firmware-sim.js.
 *
 *   node dist/firmware-sim.js --tty /tmp/board [--profile code-display] [--mode smart|display]
 *        [--flash FILE] [--secret BASE32] [--start-time ISO|ms] [--drift-ppm N] [--battery PCT]
 *   node dist/firmware-sim.js --stdio ...
 *   node dist/firmware-sim.js --tty /tmp/b1 --tty /tmp/b2 ...   (one board per tty, in one process)
 *
 * Prints one line `firmware-sim ready serial=<serial> profile=<id> mode=<mode>` on stderr once it serves.
 * Exits 0 on SIGTERM/SIGINT or when the tty goes away (the host side closed for good), 2 on bad arguments.
 * Test-only faults: --fault-protocol-version N, --fault-mute, --fault-reply-delay-ms N, --fault-slow-flash-ms N,
 * --fault-clock-unset (INFO says the clock is unset until a SET_TIME sets it, like a board whose RTC stopped),
 * --fault-flash-pause-at opened|half|synced|renamed (the next flash write prints
 * `firmware-sim flash paused at PHASE` on stderr and stops there for good, to be killed exactly mid-write).
 */
import { decodeBase32 } from '../src/otp/index';
import { DEFAULT_PROFILE_ID } from '../src/profiles/index';
import {
  type BoardFaults,
  createFirmware,
  FileFlash,
  FLASH_WRITE_PHASES,
  type FlashWritePhase,
  type StoredSecret,
  serveFirmware,
} from './index';
import { openTtyPort, stdioPort } from './tty-port';

interface Args {
  /** One board per --tty (repeatable: many simulated boards in one process, e.g. for benchmarks). */
  ttys: string[];
  stdio: boolean;
  profile: string;
  mode: 'smart' | 'display';
  flash?: string;
  secret?: string;
  startMs?: number;
  driftPpm: number;
  battery: number;
  faults: BoardFaults;
  slowFlashMs?: number;
  flashPauseAt?: FlashWritePhase;
}

function fail(message: string): never {
  process.stderr.write(`firmware-sim: ${message}\n`);
  process.exit(2);
}

function parseTime(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) fail(`--start-time '${value}' is not a time: use ISO 8601 (2026-01-15T12:00:00Z) or unix ms`);
  return ms;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    ttys: [],
    stdio: false,
    profile: DEFAULT_PROFILE_ID,
    mode: 'smart',
    driftPpm: 0,
    battery: 100,
    faults: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    const number = (): number => {
      const v = Number(value());
      if (!Number.isFinite(v)) fail(`${flag} needs a number`);
      return v;
    };
    switch (flag) {
      case '--tty':
        args.ttys.push(value());
        break;
      case '--stdio':
        args.stdio = true;
        break;
      case '--profile':
        args.profile = value();
        break;
      case '--mode': {
        const m = value();
        if (m !== 'smart' && m !== 'display') fail(`--mode must be smart or display`);
        args.mode = m;
        break;
      }
      case '--flash':
        args.flash = value();
        break;
      case '--secret':
        args.secret = value();
        break;
      case '--start-time':
        args.startMs = parseTime(value());
        break;
      case '--drift-ppm':
        args.driftPpm = number();
        break;
      case '--battery':
        args.battery = number();
        break;
      case '--fault-protocol-version':
        args.faults.protocolVersion = number();
        break;
      case '--fault-mute':
        args.faults.mute = true;
        break;
      case '--fault-reply-delay-ms':
        args.faults.replyDelayMs = number();
        break;
      case '--fault-clock-unset':
        args.faults.clockUnset = true;
        break;
      case '--fault-slow-flash-ms':
        args.slowFlashMs = number();
        break;
      case '--fault-flash-pause-at': {
        const phase = value() as FlashWritePhase;
        if (!FLASH_WRITE_PHASES.includes(phase))
          fail(`--fault-flash-pause-at must be one of ${FLASH_WRITE_PHASES.join(', ')}`);
        args.flashPauseAt = phase;
        break;
      }
      default:
        fail(`unknown option '${flag}'`);
    }
  }
  if (args.ttys.length === 0 && !args.stdio) fail('give --tty PATH or --stdio');
  if (args.ttys.length > 1 && (args.stdio || args.flash)) fail('several --tty boards take neither --stdio nor --flash');
  return args;
}

/** The test-only flash faults: a slow write, and a pause for good at one phase of the first write. */
function flashFaults(args: Args): ConstructorParameters<typeof FileFlash>[1] {
  const pauseAt = args.flashPauseAt;
  return {
    ...(args.slowFlashMs ? { slowWriteMs: args.slowFlashMs } : {}),
    ...(pauseAt
      ? {
          phase: (phase: FlashWritePhase) => {
            if (phase !== pauseAt) return;
            process.stderr.write(`firmware-sim flash paused at ${phase}\n`);
            return new Promise<void>(() => undefined); // until the test kills the process
          },
        }
      : {}),
  };
}

async function startBoard(args: Args, secret: StoredSecret | undefined, tty: string | undefined) {
  let firmware;
  try {
    firmware = await createFirmware({
      profile: args.profile,
      mode: args.mode,
      ...(args.flash ? { flash: new FileFlash(args.flash, flashFaults(args)) } : {}),
      ...(secret ? { secret } : {}),
      ...(args.startMs !== undefined ? { startMs: args.startMs } : {}),
      driftPpm: args.driftPpm,
      batteryPercent: args.battery,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  let io;
  try {
    io = tty ? openTtyPort(tty) : stdioPort();
  } catch (error) {
    fail(`cannot open ${tty}: ${(error as Error).message}`);
  }
  const server = serveFirmware(firmware, io.port, args.faults);
  return {
    firmware,
    closed: io.closed,
    stop() {
      server.stop();
      firmware.stop();
      io.close();
    },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let secret: StoredSecret | undefined;
  if (args.secret) {
    try {
      secret = { secret: decodeBase32(args.secret), algorithm: 'sha1', digits: 6, periodSec: 30, t0Sec: 0 };
    } catch (error) {
      fail(`--secret: ${(error as Error).message}`);
    }
  }
  const boards = await Promise.all(
    args.stdio ? [startBoard(args, secret, undefined)] : args.ttys.map((tty) => startBoard(args, secret, tty)),
  );
  const first = boards[0]!.firmware;
  process.stderr.write(
    `firmware-sim ready serial=${first.serial} profile=${first.profile.id} mode=${first.mode}${boards.length > 1 ? ` boards=${boards.length}` : ''}\n`,
  );
  const stop = () => {
    for (const b of boards) b.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The process ends when its (last) tty goes away: the host side closed for good.
  await Promise.all(boards.map((b) => b.closed));
  stop();
}

void main();
