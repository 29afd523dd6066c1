import { randomInt } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { type Clock, RealScheduler, type Scheduler, SystemClock } from '../clock';
import type { Link, LinkOpener } from '../link/index';
import type { BoardDefinition } from '../profiles/index';
import { boardsForUsb } from '../profiles/index';
import {
  encodeFrame,
  FrameDecoder,
  MAX_REQUEST_ID,
  MessageType,
  PROTOCOL_VERSION,
  requestIdAfter,
  withLeadingDelimiter,
} from '../protocol/index';
import { discoverSerialBoards, type SerialPortLister } from './discovery';
import { DeviceError } from './errors';

/** The board did not answer HELLO within its boot time after the port opened (and reset it). */
export class BootTimeoutError extends DeviceError {
  constructor(
    port: string,
    readonly bootMs: number,
    readonly board: string,
  ) {
    super('device.error.bootTimeout', { port, bootMs, board });
  }
}

export interface BootWaitOptions {
  /** How long the board may take from the port opening (its DTR reset) to answering HELLO. */
  bootMs: number;
  /** Board id for the message when it never answers (default 'uno|nano|nano-old-bootloader'). */
  boardId?: string;
  /** How long each HELLO waits for an answer before the next one goes out (default 250 ms). */
  helloEveryMs?: number;
  clock?: Clock;
  scheduler?: Scheduler;
  /** The first request id (default random, as DeviceClient does, so stale replies cannot be mistaken). */
  firstRequestId?: number;
}

export interface BootWaitResult {
  /** From the first HELLO to the INFO that answered one. */
  waitedMs: number;
  hellos: number;
}

const DEFAULT_HELLO_EVERY_MS = 250;

/**
 * Says HELLO on an open link every `helloEveryMs` until the board answers with INFO or `bootMs` has passed
 * (then BootTimeoutError). Whatever else arrives meanwhile (a bootloader's bytes, a half frame from the
 * reset) is ignored: a board that is still booting is not a board that answers garbage. The link stays open
 * either way: closing it would reset a real board again. Listens only while it waits.
 */
export async function waitForBoot(link: Link, opts: BootWaitOptions): Promise<BootWaitResult> {
  const clock = opts.clock ?? new SystemClock();
  const scheduler = opts.scheduler ?? new RealScheduler();
  const everyMs = Math.max(1, opts.helloEveryMs ?? DEFAULT_HELLO_EVERY_MS);
  const decoder = new FrameDecoder();
  const sent = new Set<number>();
  let nextId = opts.firstRequestId ?? randomInt(1, MAX_REQUEST_ID + 1);
  const startMs = clock.nowMs();
  return new Promise<BootWaitResult>((resolve, reject) => {
    let cancel = () => {};
    let done = false;
    const finish = (outcome: { ok: BootWaitResult } | { error: unknown }) => {
      if (done) return;
      done = true;
      cancel();
      offData();
      offClose();
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.error);
    };
    const offData = link.onData((chunk) => {
      for (const result of decoder.push(chunk)) {
        if (result.ok && result.message.type === MessageType.INFO && sent.has(result.message.requestId))
          finish({ ok: { waitedMs: clock.nowMs() - startMs, hellos: sent.size } });
      }
    });
    const offClose = link.onClose((error) => finish({ error: error ?? new BootTimeoutError(link.description, 0, '') }));
    const hello = () => {
      if (done) return;
      if (clock.nowMs() - startMs >= opts.bootMs) {
        finish({
          error: new BootTimeoutError(link.description, opts.bootMs, opts.boardId ?? 'uno|nano|nano-old-bootloader'),
        });
        return;
      }
      const requestId = nextId;
      nextId = requestIdAfter(nextId);
      sent.add(requestId);
      const frame = encodeFrame({ type: MessageType.HELLO, requestId, hostProtocolVersion: PROTOCOL_VERSION });
      // The leading 00 ends whatever partial frame the board's receiver holds from before its reset.
      link.write(withLeadingDelimiter(frame)).catch((error: unknown) => finish({ error }));
      cancel = scheduler.setTimer(Math.min(everyMs, opts.bootMs - (clock.nowMs() - startMs)), hello);
    };
    hello();
  });
}

/**
 * A LinkOpener whose links are handed over only once the board behind them has booted (waitForBoot), for
 * boards that reset when their port opens. A board that never answers closes the link and fails with
 * BootTimeoutError. DeviceClient then says its own HELLO; its reconnects wait for the boot again.
 */
export function bootWaitOpener(opener: LinkOpener, opts: BootWaitOptions): LinkOpener {
  return {
    description: opener.description,
    open: async () => {
      const link = await opener.open();
      try {
        await waitForBoot(link, opts);
      } catch (error) {
        await link.close();
        throw error;
      }
      return link;
    },
  };
}

/**
 * The boot time to wait for on a port with these USB ids: the longest of the boards they may be (a CH340
 * is a Nano, an old-bootloader Nano or an Uno clone), undefined when none of them resets on open.
 */
export function bootMsForUsb(vendorId: string | undefined, productId: string | undefined): number | undefined {
  return longestBoot(boardsForUsb(vendorId, productId, 'serial'));
}

export function longestBoot(boards: readonly BoardDefinition[]): number | undefined {
  const times = boards.map((b) => b.bootMs).filter((ms): ms is number => ms !== undefined);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/**
 * The boot time of the board on a serial port named by path (a `--port`): its USB ids from the port list
 * (udev), matched through symlinks such as /dev/serial/by-id/... . Pseudo-terminals (simulators) and ports
 * the list does not know get none: they do not reset when opened.
 */
export async function bootMsForPort(path: string, lister?: SerialPortLister): Promise<number | undefined> {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const target = real(path);
  if (target.startsWith('/dev/pts/')) return undefined;
  let ports;
  try {
    ports = await discoverSerialBoards({ all: true, ...(lister ? { lister } : {}) });
  } catch {
    return undefined; // no port list here (no udev): open without waiting, as before
  }
  const port = ports.find((p) => p.path === path || real(p.path) === target);
  return port ? bootMsForUsb(port.vendorId, port.productId) : undefined;
}
