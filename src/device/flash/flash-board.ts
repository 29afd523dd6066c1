import { performance } from 'node:perf_hooks';
import { type ErrorCategory, TokenkitError } from '../../errors';
import type { MessageParams } from '../../i18n/index';
import type { BoardDefinition } from '../../profiles/index';
import type { TokenStore } from '../../store/index';
import type { DeviceClient, DeviceInfo, SetTimeResult } from '../device-client';
import { discoverSerialBoards } from '../discovery';
import { DEVICE_TEXTS, DeviceError } from '../errors';
import { openBoard } from '../open-board';
import { checkBoardKey, ProvisionError, type ProvisionKey, provisionBoard } from '../provision';
import { type AvrdudeResult, type AvrdudeRunOptions, runAvrdude } from './avrdude';
import type { FirmwareImageInfo } from './firmware-catalog';

/** `--board` names no board that can be flashed. */
export class UnknownFlashBoardError extends TokenkitError {
  constructor(
    readonly board: string,
    readonly choices: string[],
  ) {
    super(DEVICE_TEXTS, 'flash.error.wrongBoard', { board, choices: choices.join(', ') });
  }
}

export type FlashFollowUpStep =
  | 'boot'
  | 'clock'
  | 'clockThenProvision'
  | 'provisionNothingKept'
  | 'provisionMaybeKept'
  | 'provisionMaybeKeptNoStore';

/**
 * avrdude succeeded but a step after it failed. The message says exactly what the board and the store now
 * hold and the command that finishes the job; `cause` is the underlying error.
 */
export class FlashFollowUpError extends DeviceError {
  constructor(
    readonly step: FlashFollowUpStep,
    port: string,
    params: MessageParams,
    cause: unknown,
  ) {
    super(`flash.error.afterFlash.${step}`, { port, ...params }, undefined, { cause });
  }
}

/** The flash command would add a token for a user the store already has: refused before anything runs. */
export function checkUserFree(store: Pick<TokenStore, 'get'>, user: string): void {
  if (store.get(user)) throw new ProvisionError('user-exists', 'device.provision.error.userExists', { user });
}

/** The serial port of the only plugged-in board that can be flashed (an Uno/Nano by its bridge's USB id). */
export async function onlyFlashablePort(): Promise<string> {
  const ports = (await discoverSerialBoards()).filter((p) => p.board?.flash !== undefined);
  if (ports.length === 0) throw new NoFlashableBoardError();
  if (ports.length > 1) throw new SeveralFlashableBoardsError(ports.map((p) => p.path));
  return ports[0]!.path;
}

export class NoFlashableBoardError extends TokenkitError {
  override readonly category: ErrorCategory = 'device';
  constructor() {
    super(DEVICE_TEXTS, 'flash.error.noBoard');
  }
}

export class SeveralFlashableBoardsError extends TokenkitError {
  constructor(readonly paths: string[]) {
    super(DEVICE_TEXTS, 'flash.error.severalBoards', { paths: paths.join(', ') });
  }
}

/** The boards `tokenkit firmware flash --board` takes (they say how to flash them). */
export function flashableBoards(boards: readonly BoardDefinition[]): BoardDefinition[] {
  return boards.filter((b) => b.flash !== undefined);
}

export function flashBoardById(id: string, boards: readonly BoardDefinition[]): BoardDefinition {
  const choices = flashableBoards(boards);
  const board = choices.find((b) => b.id === id);
  if (!board)
    throw new UnknownFlashBoardError(
      id,
      choices.map((b) => b.id),
    );
  return board;
}

export type FlashProgress =
  | { stage: 'avrdude'; line: string }
  | { stage: 'flashed'; flashMs: number; bytes: number | undefined }
  | { stage: 'booted'; bootMs: number; info: DeviceInfo }
  | { stage: 'clock-set'; result: SetTimeResult }
  | { stage: 'provisioned'; info: DeviceInfo };

export interface FlashBoardOptions {
  board: BoardDefinition;
  port: string;
  firmware: FirmwareImageInfo;
  /** Put this key on the board after flashing (and add it to `register.store` for `register.user`). */
  provision?: { key: ProvisionKey; register?: { store: TokenStore; user: string } };
  /** How long to wait for the new firmware to answer (default: the board's bootMs, at least 2000 ms). */
  bootMs?: number;
  /** Reply timeout for the board's requests. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  avrdude?: AvrdudeRunOptions;
  onProgress?: (p: FlashProgress) => void;
}

export interface FlashBoardResult {
  avrdude: AvrdudeResult;
  /** Wall time avrdude took (write + verify), ms. */
  flashMs: number;
  /** From opening the port after flashing to the firmware's INFO, ms. */
  bootWaitMs: number;
  info: DeviceInfo;
  clock: SetTimeResult;
  provisioned: boolean;
}

/**
 * `tokenkit firmware flash`: a blank Uno or Nano to a working demo token. avrdude writes and verifies the
 * firmware through the board's bootloader; then the port is opened (which resets the board on real
 * hardware) and HELLO said until the new firmware answers; the clock is forced to this computer's (a board
 * fresh from flashing may hold any time); and, if asked, a key is provisioned (and registered).
 *
 * Nothing is half-done silently: the key is checked before avrdude runs, a failure in avrdude is an
 * AvrdudeError saying whether the flash was touched, and a failure after it is a FlashFollowUpError saying
 * what the board and the store hold and what to run next.
 */
export async function flashBoard(opts: FlashBoardOptions): Promise<FlashBoardResult> {
  const { board, port } = opts;
  if (!board.flash) throw new UnknownFlashBoardError(board.id, []);
  if (opts.provision) checkBoardKey(opts.provision.key);
  const flashStart = performance.now();
  const avrdude = await runAvrdude(
    {
      programmer: board.flash.programmer,
      part: board.flash.part,
      port,
      baudRate: board.flash.baudRate,
      hexPath: opts.firmware.path,
    },
    { ...opts.avrdude, onLine: (line) => opts.onProgress?.({ stage: 'avrdude', line }) },
  );
  const flashMs = performance.now() - flashStart;
  opts.onProgress?.({ stage: 'flashed', flashMs, bytes: avrdude.bytesWritten });

  const register = opts.provision?.register;
  const registerHint = register ? ` --register ${register.user}` : '';
  const bootStart = performance.now();
  let client: DeviceClient;
  try {
    client = await openBoard(
      {
        port,
        ...(board.baudRate ? { baudRate: board.baudRate } : {}),
        bootMs: Math.max(opts.bootMs ?? board.bootMs ?? 0, 2000),
      },
      {
        reconnect: false,
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.env ? { env: opts.env } : {}),
      },
    );
  } catch (error) {
    throw new FlashFollowUpError('boot', port, { detail: detailOf(error) }, error);
  }
  try {
    const bootWaitMs = performance.now() - bootStart;
    opts.onProgress?.({ stage: 'booted', bootMs: bootWaitMs, info: client.info });
    let clock: SetTimeResult;
    try {
      // Forced: a board fresh from the factory (or a DS3231 set to 2165) may be ahead of us. The read
      // first measures the round trip that SET_TIME 'now' compensates.
      await client.getTime();
      clock = await client.setTime('now', { force: true });
    } catch (error) {
      const step = opts.provision ? 'clockThenProvision' : 'clock';
      throw new FlashFollowUpError(step, port, { detail: detailOf(error), register: registerHint }, error);
    }
    opts.onProgress?.({ stage: 'clock-set', result: clock });
    let info = client.info;
    if (opts.provision) {
      try {
        info = await provisionBoard(client, opts.provision.key, register);
      } catch (error) {
        // provisionBoard takes the store row out again when the board said no; after a timeout or an
        // unplug the board may have stored the key, so the row stays and the message says so.
        const refused = !(error instanceof DeviceError) || error.status !== undefined;
        const step = refused ? 'provisionNothingKept' : register ? 'provisionMaybeKept' : 'provisionMaybeKeptNoStore';
        throw new FlashFollowUpError(
          step,
          port,
          { detail: detailOf(error), register: registerHint, user: register?.user ?? '' },
          error,
        );
      }
      opts.onProgress?.({ stage: 'provisioned', info });
    }
    return { avrdude, flashMs, bootWaitMs, info, clock, provisioned: opts.provision !== undefined };
  } finally {
    await client.close();
  }
}

function detailOf(error: unknown): string {
  return error instanceof TokenkitError ? error.message.replace(/\.$/, '') : String(error);
}
