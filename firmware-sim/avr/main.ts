/**
 * The companion firmware in the AVR emulator as its own process: the chip's USART0 on a tty (one end of a
 * socat pty pair, where a host program talks to it as to a USB-serial Uno) or on stdin/stdout, paced to the
 * wall clock. Built to dist/firmware-avr.js.
 *
 *   node dist/firmware-avr.js --tty PATH | --stdio [--hex FILE] [--eeprom FILE] [--rtc-start ISO|ms]
 *        [--drift-ppm N] [--no-rtc]
 *
 * Prints `firmware-avr ready serial=<serial>` on stderr once it serves (the serial from the firmware's own
 * INFO, asked for before the tty is connected; `serial=unknown` if the program does not speak the protocol).
 * Exits 0 on SIGTERM/SIGINT/SIGHUP or when the tty goes away, 2 on bad arguments or an unusable hex/EEPROM
 * file (one line naming the file and what to do).
 */
import { encodeFrame, FrameDecoder, MessageType, PROTOCOL_VERSION } from '../../src/protocol/index';
import { openTtyPort, stdioPort, type TtyPort } from '../tty-port';
import { writeQuietly } from '../wire-server';
import { AvrBoard, type AvrBoardOptions, readIntelHexFile } from './index';

interface Args {
  tty?: string;
  stdio: boolean;
  hex?: string;
  eeprom?: string;
  rtcStartMs?: number;
  driftPpm: number;
  noRtc: boolean;
}

function fail(message: string): never {
  process.stderr.write(`firmware-avr: ${message}\n`);
  process.exit(2);
}

function parseTime(flag: string, value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) fail(`${flag} '${value}' is not a time: use ISO 8601 (2026-01-15T12:00:00Z) or unix ms`);
  return ms;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { stdio: false, driftPpm: 0, noRtc: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--tty':
        args.tty = value();
        break;
      case '--stdio':
        args.stdio = true;
        break;
      case '--hex':
        args.hex = value();
        break;
      case '--eeprom':
        args.eeprom = value();
        break;
      case '--rtc-start':
        args.rtcStartMs = parseTime(flag, value());
        break;
      case '--drift-ppm': {
        const v = Number(value());
        if (!Number.isFinite(v)) fail(`${flag} needs a number (parts per million, e.g. 20 or -3.5)`);
        args.driftPpm = v;
        break;
      }
      case '--no-rtc':
        args.noRtc = true;
        break;
      default:
        fail(`unknown option '${flag}' (see the header of firmware-sim/avr/main.ts)`);
    }
  }
  if (!args.tty && !args.stdio) fail('give --tty PATH or --stdio');
  if (args.tty && args.stdio) fail('give either --tty PATH or --stdio, not both');
  if (args.noRtc && (args.rtcStartMs !== undefined || args.driftPpm !== 0)) {
    fail('--no-rtc takes neither --rtc-start nor --drift-ppm (there is no RTC to set)');
  }
  return args;
}

/** Asks the firmware for its INFO over the board's own link, before any host is connected. */
async function askSerial(board: AvrBoard): Promise<string> {
  const decoder = new FrameDecoder();
  const requestId = 0x5e51;
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => finish('unknown'), 5_000);
    const off = board.link.onData((chunk) => {
      for (const r of decoder.push(chunk)) {
        if (r.ok && r.message.type === MessageType.INFO && r.message.requestId === requestId) finish(r.message.serial);
      }
    });
    function finish(serial: string) {
      clearTimeout(timer);
      off();
      resolve(serial);
    }
    void board.link.write(encodeFrame({ type: MessageType.HELLO, requestId, hostProtocolVersion: PROTOCOL_VERSION }));
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let board: AvrBoard;
  try {
    const opts: AvrBoardOptions = {
      rtc: args.noRtc ? false : { startMs: args.rtcStartMs ?? Date.now(), driftPpm: args.driftPpm },
      ...(args.hex ? { program: readIntelHexFile(args.hex) } : {}),
      ...(args.eeprom ? { eepromFile: args.eeprom } : {}),
      paced: true,
    };
    board = AvrBoard.create(opts);
  } catch (error) {
    fail((error as Error).message);
  }
  const serial = await askSerial(board);

  let io: TtyPort;
  try {
    io = args.tty ? openTtyPort(args.tty) : stdioPort();
  } catch (error) {
    await board.close();
    fail(`cannot open ${args.tty}: ${(error as Error).message}`);
  }
  const link = board.link;
  io.port.onData((chunk) => void link.write(chunk).catch(() => undefined));
  // The host side gone: `closed` ends the process.
  link.onData((chunk) => writeQuietly(io.port, chunk));
  process.stderr.write(`firmware-avr ready serial=${serial}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void board.close().finally(() => {
      io.close();
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop);
  await io.closed;
  stop();
}

void main();
