import {
  CAPABILITY,
  EVENT_REQUEST_ID,
  encodeFrame,
  FrameDecoder,
  type FrameError,
  isRequest,
  type Message,
  MessageType,
  PROTOCOL_VERSION,
  type RequestMessage,
  Status,
} from '../src/protocol/index';
import { MIN_BOARD_SECRET_BYTES } from './code';
import type { FirmwareEvent, TokenFirmware } from './firmware';

/**
 * The board's side of a byte pipe. Structural, so firmware-sim never imports src/link: a MemoryLink end,
 * a SerialLink, or the process's stdio/tty all fit.
 */
export interface BoardPort {
  write(bytes: Uint8Array): Promise<void> | void;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

/**
 * Writes to a board's port and drops a failure, thrown or rejected: a closed port means the host is gone,
 * and a board has nobody to tell (a real one's UART just sends into nothing).
 */
export function writeQuietly(port: BoardPort, bytes: Uint8Array): void {
  try {
    port.write(bytes)?.catch(() => undefined);
  } catch {
    // the port is gone
  }
}

/** Deliberate misbehaviour for fault tests (never used by `tokenkit sim`). */
export interface BoardFaults {
  /** Header version of every frame sent and INFO.protocolVersion (a board newer than this host). */
  protocolVersion?: number;
  /** Read requests but never answer (a board that hangs). */
  mute?: boolean;
  /** Delay before each reply, in host ms. */
  replyDelayMs?: number;
  /**
   * Report the clock as unset in INFO (a board whose RTC stopped: DS3231 oscillator-stop flag) until a
   * SET_TIME changes it, as the C firmware does.
   */
  clockUnset?: boolean;
}

export interface WireServer {
  /** Stops serving: detaches from the port and the firmware (the port itself is not closed). */
  stop(): void;
  /** Counters for tests and `--stats`. */
  readonly stats: { frames: number; badFrames: number };
}

function capabilitiesOf(firmware: TokenFirmware): number {
  let caps = CAPABILITY.BUTTON | CAPABILITY.DISPLAY | CAPABILITY.CLOCK | CAPABILITY.BATTERY | CAPABILITY.LONG_PRESS;
  if (firmware.mode === 'smart') caps |= CAPABILITY.SECRET_STORAGE;
  if (firmware.profile.speech) caps |= CAPABILITY.SPEECH;
  return caps;
}

function eventToWire(event: FirmwareEvent): Message | undefined {
  const requestId = EVENT_REQUEST_ID;
  switch (event.type) {
    case 'button':
      return { type: MessageType.BUTTON, requestId, long: event.long, host: event.host };
    case 'code-shown':
      return {
        type: MessageType.CODE_SHOWN,
        requestId,
        code: event.code,
        step: event.step,
        remainingMs: Math.max(0, Math.round(event.remainingMs)),
      };
    case 'display-off':
      return { type: MessageType.DISPLAY_OFF, requestId };
    case 'battery':
      return { type: MessageType.BATTERY, requestId, percent: event.percent, low: event.low };
    default:
      return undefined;
  }
}

/** The status code for a frame the board could not use, by what was wrong with it. */
const BAD_FRAME_STATUS: Record<FrameError['kind'], Status> = {
  version: Status.UNSUPPORTED_VERSION,
  'unknown-type': Status.UNKNOWN_TYPE,
  payload: Status.BAD_REQUEST,
  truncated: Status.BAD_REQUEST,
  oversize: Status.TOO_LARGE,
  crc: Status.BAD_CRC,
  cobs: Status.BAD_CRC,
};

/** The bad frames whose request id the board trusts enough to answer it (not a corrupt or oversized one). */
const ANSWERABLE: ReadonlySet<FrameError['kind']> = new Set(['version', 'unknown-type', 'payload', 'truncated']);

/**
 * What a board answers to a frame it could not use: a STATUS reply to the request when it could read the
 * request id, else an ERROR event.
 */
function badFrameReply(error: FrameError): Message {
  const status = BAD_FRAME_STATUS[error.kind];
  const readable = error.requestId !== undefined && error.requestId !== EVENT_REQUEST_ID;
  return readable && ANSWERABLE.has(error.kind)
    ? { type: MessageType.STATUS, requestId: error.requestId!, status }
    : { type: MessageType.ERROR, requestId: EVENT_REQUEST_ID, status };
}

/**
 * Serves the wire protocol (docs/protocol.md) for one firmware over one port: decodes request frames,
 * answers each in order (one at a time, like a single-threaded board: a request is handled only after the
 * previous reply was sent), and forwards the firmware's events as event frames. Bad frames never stop it:
 * a readable header gets a STATUS reply, an unreadable one an ERROR event.
 */
export function serveFirmware(firmware: TokenFirmware, port: BoardPort, faults: BoardFaults = {}): WireServer {
  const version = faults.protocolVersion ?? PROTOCOL_VERSION;
  const decoder = new FrameDecoder();
  const stats = { frames: 0, badFrames: 0 };
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  // The simulated clock is the host's, so it is set and reliable unless a fault says otherwise.
  let clockUnset = faults.clockUnset ?? false;

  // Frames produced in the same turn (a press makes BUTTON, CODE_SHOWN and the CODE reply) leave in one
  // write, like a UART TX buffer drained once: one syscall and one pty hop instead of three.
  let outbox: Uint8Array[] = [];
  const flush = (): void => {
    const frames = outbox;
    outbox = [];
    if (stopped || frames.length === 0) return;
    let bytes: Uint8Array;
    if (frames.length === 1) bytes = frames[0]!;
    else {
      bytes = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
      let offset = 0;
      for (const f of frames) {
        bytes.set(f, offset);
        offset += f.length;
      }
    }
    writeQuietly(port, bytes);
  };
  const send = (message: Message): void => {
    if (stopped) return;
    if (outbox.length === 0) queueMicrotask(flush);
    outbox.push(encodeFrame(message, version));
  };

  const reply = async (request: RequestMessage): Promise<Message> => {
    const requestId = request.requestId;
    const status = (s: Status): Message => ({ type: MessageType.STATUS, requestId, status: s });
    switch (request.type) {
      case MessageType.HELLO:
        return {
          type: MessageType.INFO,
          requestId,
          protocolVersion: version,
          firmwareVersion: firmware.firmwareVersion,
          profileId: firmware.profile.id,
          serial: firmware.serial,
          mode: firmware.mode,
          capabilities: capabilitiesOf(firmware),
          provisioned: firmware.provisioned,
          clock: { unset: clockUnset, unreliable: false },
        };
      case MessageType.GET_TIME:
        return { type: MessageType.TIME, requestId, deviceMs: firmware.timeMs(), adjusted: false };
      case MessageType.SET_TIME: {
        const result = firmware.setTime(request.timeMs, request.force);
        if (result.adjusted) clockUnset = false;
        return { type: MessageType.TIME, requestId, deviceMs: result.deviceMs, adjusted: result.adjusted };
      }
      case MessageType.PROVISION:
        if (firmware.mode !== 'smart') return status(Status.WRONG_MODE);
        if (request.secret.length < MIN_BOARD_SECRET_BYTES) return status(Status.BAD_REQUEST);
        try {
          await firmware.provision({
            secret: request.secret,
            algorithm: request.algorithm,
            digits: request.digits,
            periodSec: request.periodSec,
            t0Sec: request.t0Sec,
          });
          return status(Status.OK);
        } catch {
          return status(Status.STORAGE_FAILED);
        }
      case MessageType.PRESS: {
        const result = firmware.press({ long: request.long, host: true });
        if (result.kind === 'code') {
          return {
            type: MessageType.CODE,
            requestId,
            code: result.code,
            step: result.step,
            remainingMs: Math.max(0, Math.round(result.remainingMs)),
          };
        }
        return status(result.kind === 'not-provisioned' ? Status.NOT_PROVISIONED : Status.OK);
      }
      case MessageType.DISPLAY:
        if (firmware.mode !== 'display') return status(Status.WRONG_MODE);
        firmware.showDigits(request.code, request.remainingMs);
        return status(Status.OK);
    }
  };

  const handle = (request: RequestMessage): void => {
    queue = queue.then(async () => {
      if (stopped || faults.mute) return;
      let answer: Message;
      try {
        answer = await reply(request);
      } catch {
        answer = { type: MessageType.STATUS, requestId: request.requestId, status: Status.INTERNAL };
      }
      if (faults.replyDelayMs) await new Promise<void>((r) => firmware.hal.scheduler.setTimer(faults.replyDelayMs!, r));
      send(answer);
    });
  };

  const unsubscribeData = port.onData((chunk) => {
    for (const result of decoder.push(chunk)) {
      if (result.ok) {
        stats.frames++;
        if (isRequest(result.message)) handle(result.message);
        // Replies and events sent TO a board make no sense; a board ignores them.
        continue;
      }
      stats.badFrames++;
      if (faults.mute) continue;
      const reply = badFrameReply(result.error);
      queue = queue.then(() => send(reply));
    }
  });

  const unsubscribeEvents = firmware.onEvent((event) => {
    const message = eventToWire(event);
    if (message && !faults.mute) send(message);
  });

  return {
    stats,
    stop() {
      stopped = true;
      unsubscribeData();
      unsubscribeEvents();
    },
  };
}
