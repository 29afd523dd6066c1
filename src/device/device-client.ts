import { randomInt } from 'node:crypto';
import { type Clock, PreciseSystemClock, RealScheduler, type Scheduler } from '../clock';
import {
  type Link,
  LinkClosedError,
  type LinkError,
  type LinkOpener,
  NotASerialPortError,
  TrafficLink,
  type TrafficSink,
} from '../link/index';
import type { OtpKeySpec } from '../otp/index';
import {
  DEFAULT_REPLY_TIMEOUT_MS,
  DEFAULT_RETRIES,
  type EventMessage,
  encodeFrame,
  FrameDecoder,
  FrameError,
  type InfoMessage,
  isEvent,
  isReply,
  MAX_REQUEST_ID,
  MessageType,
  PROTOCOL_VERSION,
  ProtocolVersionError,
  type ReplyMessage,
  type RequestMessage,
  requestIdAfter,
  Status,
  withLeadingDelimiter,
} from '../protocol/index';
import {
  DeviceBusyError,
  DeviceClosedError,
  DeviceReplyError,
  DeviceStatusError,
  DeviceTimeoutError,
  NotATokenError,
} from './errors';
import { ExchangeQueue } from './exchange-queue';
import { Reconnector } from './reconnector';

/** What HELLO tells about a board (the INFO reply's fields), and the port it answered on. */
export type DeviceInfo = Omit<InfoMessage, 'type' | 'requestId'> & { port: string };

/**
 * One clock reading. The board's time `deviceMs` was taken somewhere between sending GET_TIME and receiving
 * TIME; assuming it happened at the midpoint, `offsetMs` = deviceMs − (host time at midpoint), and the
 * true offset lies within ± `uncertaintyMs` = rtt/2 of it.
 */
export interface TimeReading {
  deviceMs: number;
  /** Host time (unix ms, sub-ms resolution) at the midpoint of the exchange. */
  hostMs: number;
  offsetMs: number;
  uncertaintyMs: number;
  rttMs: number;
}

export interface SetTimeResult extends TimeReading {
  /** False when a soft set was refused because it would move the board's clock backwards. */
  adjusted: boolean;
}

export type PressOutcome = { kind: 'code'; code: string; step: number; remainingMs: number } | { kind: 'ok' };

/** The key to provision; parameters left out are the usual ones (sha1, 6 digits, 30 s, T0 0). */
export type ProvisionParams = Pick<OtpKeySpec, 'secret'> & Partial<Omit<OtpKeySpec, 'secret'>>;

export type ConnectionEvent = { state: 'disconnected'; error: LinkError } | { state: 'reconnected'; info: DeviceInfo };

export interface DeviceClientOptions {
  /** How long to wait for each reply (default 1000 ms; PROVISION gets at least 5000 ms for the flash write). */
  timeoutMs?: number;
  /**
   * Retries for idempotent requests (HELLO, GET_TIME, SET_TIME, PROVISION, DISPLAY), each with a new request
   * id: after a timeout, or at once when line noise shows while the request is in flight (a board ERROR
   * event, a garbled frame); never for PRESS (default DEFAULT_RETRIES = 1, docs/protocol.md §6).
   */
  retries?: number;
  /** How many calls may wait behind the one in flight before new calls get DeviceBusyError (default 32). */
  maxQueued?: number;
  /** Reopen the port after a disconnect (default true when opened from a LinkOpener). */
  reconnect?: boolean;
  /** Pause between reopen attempts (default 200 ms). */
  reconnectIntervalMs?: number;
  /**
   * How long a call waits for a disconnected board to come back before failing (default 10000 ms). Waits
   * longer than one Node timer holds (~24.8 days) are kept as given (RealScheduler chains timers);
   * Infinity waits until the board is back or the client is closed.
   */
  reconnectWaitMs?: number;
  /** Host clock for time reads (default: the wall clock with sub-ms resolution, PreciseSystemClock). */
  hostClock?: Clock;
  /** Timers for reply timeouts, reconnect pauses and waits (default: Node's timers; tests pass a ManualScheduler). */
  scheduler?: Scheduler;
  /** Log traffic (hex, secrets redacted). */
  traffic?: TrafficSink;
  /**
   * The first request id (1..65535). Default: random, so a late reply to an earlier run's request (a CLI
   * command that gave up) cannot be taken for the answer to this run's first request.
   */
  firstRequestId?: number;
}

const PROVISION_MIN_TIMEOUT_MS = 5000;

interface Pending {
  /** The id of the latest attempt: only its reply answers the call. */
  requestId: number;
  resolve: (reply: ReplyMessage) => void;
  reject: (error: unknown) => void;
  /** The line showed noise: send again at once if retries are left; false when not. */
  noise: () => boolean;
}

/**
 * Talks to one board over a Link. Every method is one request/reply exchange.
 *
 * One exchange in flight, by design: calls made while one is in flight WAIT IN A FIFO QUEUE and run in
 * call order; when more than `maxQueued` calls are waiting, a new call fails at once with DeviceBusyError
 * (nothing sent). Each exchange times out after `timeoutMs` with DeviceTimeoutError (the board may still
 * act on it), after `retries` retries for idempotent requests; a late reply to a timed-out request is
 * recognised by its request id and dropped.
 *
 * Failures are typed: a STATUS other than OK → DeviceStatusError{status}; a reply of the wrong type →
 * DeviceReplyError; a corrupt frame while a request is in flight → that FrameError (after a retry, for an
 * idempotent request, when its id was unreadable); a board ERROR event is never the answer to a request (it
 * carries no id) but makes an idempotent request go out again at once; a board speaking a newer protocol →
 * ProtocolVersionError; the port going away →
 * LinkClosedError{disconnected: true} for the exchange in flight.
 *
 * Reconnect: after a disconnect the client reopens the port every `reconnectIntervalMs` (a new link from
 * the LinkOpener, then HELLO) until it succeeds or `close()` is called; calls made meanwhile wait up to
 * `reconnectWaitMs`. `onConnection` reports both transitions. `close()` rejects the exchange in flight and
 * every queued call with DeviceClosedError and closes the link.
 */
export class DeviceClient {
  private link: Link | undefined;
  /** The link has answered HELLO: exchanges may use it (a reconnect's HELLO runs before anything else). */
  private ready = false;
  private readonly decoder = new FrameDecoder();
  private pending: Pending | undefined;
  private nextRequestId: number;
  private readonly queue: ExchangeQueue;
  private readonly reconnector: Reconnector;
  private closed = false;
  private lastDisconnect: LinkError | undefined;
  private lastInfo: DeviceInfo | undefined;
  private lastRttMs = 0;
  private readonly eventListeners = new Set<(event: EventMessage) => void>();
  private readonly connectionListeners = new Set<(event: ConnectionEvent) => void>();
  private detach: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly hostClock: Clock;
  private readonly scheduler: Scheduler;
  /**
   * Frames that failed to decode and were not tied to a request, ERROR events from the board (line noise),
   * and reconnects (for `device watch` and tests).
   */
  readonly stats = { badFrames: 0, boardErrors: 0, reconnects: 0 };

  private constructor(
    private readonly opener: LinkOpener,
    private readonly opts: DeviceClientOptions,
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
    this.retries = opts.retries ?? DEFAULT_RETRIES;
    this.hostClock = opts.hostClock ?? new PreciseSystemClock();
    this.scheduler = opts.scheduler ?? new RealScheduler();
    this.queue = new ExchangeQueue(opts.maxQueued ?? 32);
    this.reconnector = new Reconnector({
      scheduler: this.scheduler,
      intervalMs: opts.reconnectIntervalMs ?? 200,
      attempt: () => this.connect(),
      onReconnected: () => {
        this.stats.reconnects++;
        const info = this.lastInfo!;
        for (const listener of [...this.connectionListeners]) listener({ state: 'reconnected', info });
      },
    });
    this.nextRequestId = opts.firstRequestId ?? randomInt(1, MAX_REQUEST_ID + 1);
  }

  /**
   * Opens the port and says HELLO. Rejects with NotATokenError when the port is not a serial port, nothing
   * answers, or what answers isn't tokenkit frames; ProtocolVersionError for a newer board; LinkOpenError
   * when the port can't be opened.
   */
  static async open(opener: LinkOpener, opts: DeviceClientOptions = {}): Promise<DeviceClient> {
    const client = new DeviceClient(opener, { reconnect: true, ...opts });
    await client.connect();
    return client;
  }

  /** A client over an already open link (no reconnect: there is nothing to reopen). */
  static async overLink(link: Link, opts: DeviceClientOptions = {}): Promise<DeviceClient> {
    let used = false;
    const opener: LinkOpener = {
      description: link.description,
      open: async () => {
        if (used) throw new LinkClosedError(link.description, true);
        used = true;
        return link;
      },
    };
    const client = new DeviceClient(opener, { ...opts, reconnect: false });
    await client.connect();
    return client;
  }

  get port(): string {
    return this.opener.description;
  }
  /** The INFO from the latest HELLO. */
  get info(): DeviceInfo {
    return this.lastInfo!;
  }
  get connected(): boolean {
    return this.ready && this.link?.isOpen === true;
  }

  /**
   * Board events in order. A listener that throws does not stop the rest of the chunk from being decoded
   * or other listeners from hearing the event: its error is rethrown afterwards, on its own, as an
   * uncaught exception (a bug in the listener, not a board problem).
   */
  onEvent(listener: (event: EventMessage) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnection(listener: (event: ConnectionEvent) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** HELLO again: fresh INFO. */
  async hello(): Promise<DeviceInfo> {
    return this.exchange(async () => this.helloNow(this.timeoutMs));
  }

  async getTime(): Promise<TimeReading> {
    return this.exchange(async () => {
      let sentMs = 0;
      const reply = await this.request(
        (requestId) => {
          sentMs = this.hostClock.nowMs();
          return { type: MessageType.GET_TIME, requestId };
        },
        this.timeoutMs,
        this.retries,
      );
      const time = expectReply(reply, MessageType.TIME, 'GET_TIME', this.port);
      return this.reading(time.deviceMs, sentMs, this.hostClock.nowMs());
    });
  }

  /**
   * SET_TIME. `'now'` sends the host clock at the moment of sending plus half the last measured round trip
   * (the board reads it about then). A soft set (force false) never moves the board clock backwards.
   */
  async setTime(target: number | 'now', opts: { force?: boolean } = {}): Promise<SetTimeResult> {
    return this.exchange(async () => {
      let sentMs = 0;
      // A retry sends a fresh `now` (docs/protocol.md §6).
      const reply = await this.request(
        (requestId) => {
          sentMs = this.hostClock.nowMs();
          const timeMs = target === 'now' ? Math.round(sentMs + this.lastRttMs / 2) : Math.round(target);
          return { type: MessageType.SET_TIME, requestId, timeMs, force: opts.force ?? false };
        },
        this.timeoutMs,
        this.retries,
      );
      const time = expectReply(reply, MessageType.TIME, 'SET_TIME', this.port);
      return { ...this.reading(time.deviceMs, sentMs, this.hostClock.nowMs()), adjusted: time.adjusted };
    });
  }

  /** PROVISION: write-only; resolves once the board has stored the secret durably. */
  async provision(params: ProvisionParams): Promise<void> {
    await this.exchange(async () => {
      const reply = await this.request(
        (requestId) => ({
          type: MessageType.PROVISION,
          requestId,
          secret: params.secret,
          algorithm: params.algorithm ?? 'sha1',
          digits: params.digits ?? 6,
          periodSec: params.periodSec ?? 30,
          t0Sec: params.t0Sec ?? 0,
        }),
        Math.max(this.timeoutMs, PROVISION_MIN_TIMEOUT_MS),
        this.retries,
      );
      expectOk(reply, 'PROVISION', this.port);
      if (this.lastInfo) this.lastInfo = { ...this.lastInfo, provisioned: true };
    });
  }

  /** PRESS: a short press on a smart board returns the code it now shows. */
  async press(opts: { long?: boolean } = {}): Promise<PressOutcome> {
    return this.exchange(async () => {
      const reply = await this.request(
        (requestId) => ({ type: MessageType.PRESS, requestId, long: opts.long ?? false }),
        this.timeoutMs,
      );
      if (reply.type === MessageType.CODE)
        return { kind: 'code', code: reply.code, step: reply.step, remainingMs: reply.remainingMs };
      expectOk(reply, 'PRESS', this.port);
      return { kind: 'ok' };
    });
  }

  /** DISPLAY (display boards): show `code` counting down `remainingMs`; '' blanks the display. */
  async display(code: string, remainingMs: number): Promise<void> {
    await this.exchange(async () => {
      const reply = await this.request(
        (requestId) => ({
          type: MessageType.DISPLAY,
          requestId,
          code,
          remainingMs: Math.max(0, Math.round(remainingMs)),
        }),
        this.timeoutMs,
        this.retries,
      );
      expectOk(reply, 'DISPLAY', this.port);
    });
  }

  /** Stops reconnecting, rejects pending and queued calls with DeviceClosedError, closes the link. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reconnector.stop(new DeviceClosedError(this.port));
    this.settle({ error: new DeviceClosedError(this.port) });
    const link = this.link;
    this.unlink();
    await link?.close();
  }

  // --- internals -----------------------------------------------------------------------------------

  private reading(deviceMs: number, sentMs: number, receivedMs: number): TimeReading {
    const rttMs = Math.max(0, receivedMs - sentMs);
    this.lastRttMs = rttMs;
    const hostMs = sentMs + rttMs / 2;
    return { deviceMs, hostMs, offsetMs: deviceMs - hostMs, uncertaintyMs: rttMs / 2, rttMs };
  }

  /** Runs `work` as the one exchange in flight, after the calls queued before it. */
  private async exchange<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new DeviceClosedError(this.port);
    return this.queue.run(
      async () => {
        if (this.closed) throw new DeviceClosedError(this.port);
        await this.ensureConnected();
        return work();
      },
      (waiting) => new DeviceBusyError(this.port, waiting),
    );
  }

  private async ensureConnected(): Promise<void> {
    if (this.connected) return;
    if (this.closed) throw new DeviceClosedError(this.port);
    if (!this.opts.reconnect || !this.reconnector.running)
      throw this.lastDisconnect ?? new LinkClosedError(this.port, true);
    await this.reconnector.wait(
      this.opts.reconnectWaitMs ?? 10_000,
      () => this.lastDisconnect ?? new LinkClosedError(this.port, true),
    );
  }

  /** Opens a link and says HELLO; maps failures to NotATokenError where that is what they mean. */
  private async connect(): Promise<void> {
    let link: Link;
    try {
      link = await this.opener.open();
    } catch (error) {
      if (error instanceof NotASerialPortError) throw new NotATokenError(this.port, 'not-tty', 0, error);
      throw error;
    }
    // close() ran while the port was opening (a reconnect attempt): release it rather than leak it.
    if (this.closed) {
      await link.close();
      throw new DeviceClosedError(this.port);
    }
    if (this.opts.traffic) link = new TrafficLink(link, this.opts.traffic);
    this.attach(link);
    try {
      this.lastInfo = await this.helloNow(this.timeoutMs);
      this.ready = true;
    } catch (error) {
      this.unlink();
      await link.close();
      if (error instanceof DeviceTimeoutError) throw new NotATokenError(this.port, 'no-answer', this.timeoutMs, error);
      if (error instanceof FrameError && !(error instanceof ProtocolVersionError))
        throw new NotATokenError(this.port, 'garbage', 0, error);
      throw error;
    }
  }

  private async helloNow(timeoutMs: number): Promise<DeviceInfo> {
    const reply = await this.request(
      (requestId) => ({ type: MessageType.HELLO, requestId, hostProtocolVersion: PROTOCOL_VERSION }),
      timeoutMs,
      this.retries,
    );
    const info = expectReply(reply, MessageType.INFO, 'HELLO', this.port);
    if (info.protocolVersion > PROTOCOL_VERSION) throw new ProtocolVersionError(info.protocolVersion);
    const result: DeviceInfo = {
      port: this.port,
      protocolVersion: info.protocolVersion,
      firmwareVersion: info.firmwareVersion,
      profileId: info.profileId,
      serial: info.serial,
      mode: info.mode,
      capabilities: info.capabilities,
      provisioned: info.provisioned,
      ...(info.clock ? { clock: info.clock } : {}),
    };
    this.lastInfo = result;
    return result;
  }

  private attach(link: Link): void {
    this.link = link;
    this.decoder.reset();
    this.detach = [link.onData((chunk) => this.receive(chunk)), link.onClose((error) => this.lost(link, error))];
  }

  private unlink(): void {
    for (const off of this.detach) off();
    this.detach = [];
    this.link = undefined;
    this.ready = false;
  }

  /**
   * Sends a request and waits for the reply with its id. Every frame goes out behind a 00 delimiter
   * (docs/protocol.md §1), so a partial frame left on the wire by line noise or a killed program ends there
   * instead of spoiling this one. Idempotent requests (`retries` > 0; PRESS passes 0, a repeated press is a
   * second press) are sent again with a NEW request id, at most `retries` times in all, after a timeout, and
   * at once when the line shows noise while the request is in flight: a board ERROR event (it could not read
   * a frame, maybe ours) or a garbled frame whose id cannot be read (maybe our reply). Without retries left,
   * an ERROR event is not taken as the answer (it carries no id), and a garbled frame fails the call.
   * Caller holds the exchange slot.
   */
  private request(build: (requestId: number) => RequestMessage, timeoutMs: number, retries = 0): Promise<ReplyMessage> {
    const link = this.link;
    if (!link?.isOpen) return Promise.reject(this.lastDisconnect ?? new LinkClosedError(this.port, true));
    return new Promise<ReplyMessage>((resolve, reject) => {
      let retriesLeft = retries;
      let cancelTimer: () => void = () => undefined;
      let typeName = '';
      const pending: Pending = {
        requestId: 0,
        resolve: (reply) => {
          cancelTimer();
          resolve(reply);
        },
        reject: (error) => {
          cancelTimer();
          reject(error);
        },
        noise: () => {
          if (retriesLeft <= 0 || this.closed) return false;
          retriesLeft--;
          send();
          return true;
        },
      };
      const fail = (error: unknown) => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        pending.reject(error);
      };
      const send = () => {
        cancelTimer();
        const requestId = this.nextRequestId;
        this.nextRequestId = requestIdAfter(requestId);
        const message = build(requestId);
        typeName = MessageType[message.type];
        let frame: Uint8Array;
        try {
          frame = withLeadingDelimiter(encodeFrame(message)); // MessageEncodeError (bad input): nothing sent
        } catch (error) {
          return fail(error);
        }
        pending.requestId = requestId;
        cancelTimer = this.scheduler.setTimer(timeoutMs, () => {
          if (this.pending !== pending || pending.requestId !== requestId) return;
          if (retriesLeft > 0 && !this.closed && this.link?.isOpen) {
            retriesLeft--;
            send();
          } else fail(new DeviceTimeoutError(this.port, typeName, timeoutMs));
        });
        const current = this.link;
        if (!current?.isOpen) return fail(this.lastDisconnect ?? new LinkClosedError(this.port, true));
        current.write(frame).catch((error: unknown) => {
          if (pending.requestId === requestId) fail(error);
        });
      };
      this.pending = pending;
      send();
    });
  }

  private settle(outcome: { reply: ReplyMessage } | { error: unknown }): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    if ('reply' in outcome) pending.resolve(outcome.reply);
    else pending.reject(outcome.error);
  }

  private receive(chunk: Uint8Array): void {
    for (const result of this.decoder.push(chunk)) {
      if (!result.ok) {
        const error = result.error;
        // A bad frame with the pending request's id is its reply: fail the call now, typed, rather than time
        // out. One whose id cannot be read may be its reply garbled by noise: an idempotent request is sent
        // again, any other call fails with it. Frames tied to another request id are stale and only counted.
        const pending = this.pending;
        if (pending && (error.requestId === pending.requestId || error instanceof ProtocolVersionError)) {
          this.settle({ error });
        } else if (pending && error.requestId === undefined) {
          this.stats.badFrames++;
          if (!pending.noise()) this.settle({ error });
        } else {
          this.stats.badFrames++;
        }
        continue;
      }
      const message = result.message;
      if (isReply(message)) {
        if (this.pending?.requestId === message.requestId) this.settle({ reply: message });
        continue; // a late reply to a request that already timed out
      }
      if (isEvent(message)) {
        // An ERROR event carries no id: it is not the answer to the request in flight, but a sign that the
        // board could not read a frame, maybe that request: an idempotent one is sent again at once.
        if (message.type === MessageType.ERROR) {
          this.stats.boardErrors++;
          this.pending?.noise();
        }
        for (const listener of [...this.eventListeners]) {
          try {
            listener(message);
          } catch (error) {
            queueMicrotask(() => {
              throw error;
            });
          }
        }
      }
    }
  }

  private lost(link: Link, error: LinkError | undefined): void {
    if (this.link !== link) return;
    // Lost before HELLO was answered: connect() fails with it (and a reconnect loop tries again); the
    // board was never announced as connected, so there is no second 'disconnected' to tell.
    const wasReady = this.ready;
    this.unlink();
    const cause = error ?? new LinkClosedError(this.port, false);
    this.lastDisconnect = cause;
    this.settle({ error: cause });
    if (this.closed || !wasReady) return;
    for (const listener of [...this.connectionListeners]) listener({ state: 'disconnected', error: cause });
    if (this.opts.reconnect && cause.disconnected) this.reconnector.start();
  }
}

function expectReply<T extends MessageType.INFO | MessageType.TIME>(
  reply: ReplyMessage,
  type: T,
  request: string,
  port: string,
): Extract<ReplyMessage, { type: T }> {
  if (reply.type === type) return reply as Extract<ReplyMessage, { type: T }>;
  if (reply.type === MessageType.STATUS) throw new DeviceStatusError(port, reply.status);
  throw new DeviceReplyError(port, request, MessageType[reply.type] ?? String(reply.type));
}

function expectOk(reply: ReplyMessage, request: string, port: string): void {
  if (reply.type === MessageType.STATUS) {
    if (reply.status === Status.OK) return;
    throw new DeviceStatusError(port, reply.status);
  }
  throw new DeviceReplyError(port, request, MessageType[reply.type] ?? String(reply.type));
}
