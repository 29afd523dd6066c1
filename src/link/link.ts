import { type ErrorCategory, TokenkitError } from '../errors';
import type { MessageParams } from '../i18n/index';
import { LINK_TEXTS, type LinkKey } from './texts';

/**
 * A byte pipe to one board: serial (SerialLink), HID (HidLink) or in-process (MemoryLink).
 * A link knows nothing about frames; it moves bytes and reports when it is gone.
 *
 * Contract (every implementation, checked by tests/link and the conformance suite):
 * - `write(bytes)` resolves once the bytes are handed to the OS/peer (not when the board has read them).
 *   Writes are delivered in call order. Chunk boundaries are NOT preserved: the reader reassembles frames.
 * - `write` with `opts.timeoutMs`: if the bytes are not handed over in time it rejects with
 *   `LinkTimeoutError`; the link stays open (a partially written frame is dropped by the board's decoder at
 *   the next delimiter).
 * - `write` with `opts.signal`: aborting rejects that write with `LinkCancelledError`; the link stays open.
 * - `onData(listener)` adds a listener for every received chunk (in order, never empty) and returns a
 *   function that removes it. Bytes arriving while no listener is attached are dropped.
 * - `onClose(listener)` is told once when the link ends: `error` is a `LinkError` with `disconnected: true`
 *   when the port went away (unplugged, peer process killed), or undefined after `close()`.
 * - `close()` is idempotent and resolves when the OS handle is released. Every write still pending rejects
 *   with `LinkClosedError`; every later `write` rejects with `LinkClosedError`; no data is delivered after.
 * - A link is never reopened: reconnecting means opening a new link (see `LinkOpener`).
 */
export interface Link {
  /** Human-readable description for messages and logs, e.g. `/dev/ttyACM0` (serial), `memory:host`. */
  readonly description: string;
  readonly isOpen: boolean;
  write(bytes: Uint8Array, opts?: LinkWriteOptions): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onClose(listener: (error?: LinkError) => void): () => void;
  close(): Promise<void>;
}

export interface LinkWriteOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Opens a fresh link to the same board each time it is called; used by DeviceClient to reconnect after a
 * disconnect. Rejects with a `LinkError` (e.g. `disconnected: true` while the port is absent).
 */
export interface LinkOpener {
  readonly description: string;
  open(): Promise<Link>;
}

/** Base of every link failure. `disconnected` is true when the port or peer went away (reconnect may help). */
export class LinkError extends TokenkitError {
  override readonly category: ErrorCategory = 'device';
  readonly disconnected: boolean;
  readonly link: string;
  constructor(
    key: LinkKey,
    params: MessageParams & { link: string },
    options?: { disconnected?: boolean; cause?: unknown },
  ) {
    super(LINK_TEXTS, key, params, options?.cause === undefined ? undefined : { cause: options.cause });
    this.link = params.link;
    this.disconnected = options?.disconnected ?? false;
  }
}

/** The link was closed (by `close()` or because the port went away) while work was pending or after. */
export class LinkClosedError extends LinkError {
  constructor(link: string, disconnected = false) {
    super(disconnected ? 'link.error.disconnected' : 'link.error.closed', { link }, { disconnected });
  }
}

/** A write was not handed over within `timeoutMs`. The link stays open. */
export class LinkTimeoutError extends LinkError {
  readonly timeoutMs: number;
  constructor(link: string, timeoutMs: number) {
    super('link.error.timeout', { link, timeoutMs });
    this.timeoutMs = timeoutMs;
  }
}

/** A write was cancelled through its AbortSignal. The link stays open. */
export class LinkCancelledError extends LinkError {
  constructor(link: string) {
    super('link.error.cancelled', { link });
  }
}

export type LinkOpenFailure = 'not-found' | 'permission' | 'busy' | 'other';

/** Opening a port failed; `reason` says why (absent port, permissions, in use, anything else). */
export class LinkOpenError extends LinkError {
  readonly reason: LinkOpenFailure;
  constructor(link: string, reason: LinkOpenFailure, detail: string, cause?: unknown) {
    super(
      reason === 'not-found'
        ? 'link.error.notFound'
        : reason === 'permission'
          ? 'link.error.permission'
          : reason === 'busy'
            ? 'link.error.busy'
            : 'link.error.openFailed',
      { link, detail },
      { disconnected: reason === 'not-found', cause },
    );
    this.reason = reason;
  }
}

/**
 * Helper for implementations: runs a write promise with the timeout/cancel rules of the contract.
 * `start` must begin the write; its promise settles when the bytes are handed over.
 */
export function guardWrite(description: string, start: () => Promise<void>, opts?: LinkWriteOptions): Promise<void> {
  if (!opts?.timeoutMs && !opts?.signal) return start();
  if (opts.signal?.aborted) return Promise.reject(new LinkCancelledError(description));
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(new LinkCancelledError(description));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.timeoutMs) {
      timer = setTimeout(() => {
        cleanup();
        reject(new LinkTimeoutError(description, opts.timeoutMs!));
      }, opts.timeoutMs);
    }
    start().then(
      () => {
        cleanup();
        resolve();
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

/**
 * The bookkeeping every Link implementation shares: listener sets, the ended flag, writes still pending,
 * and the one-time end. `end` stops data, fails every pending write with LinkClosedError (disconnected
 * when the link was lost), and tells each close listener exactly once. Subclasses release their own
 * handles (timers, device listeners) after `super.end` returns true.
 */
export abstract class LinkBase {
  abstract readonly description: string;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: LinkError) => void>();
  /** Rejecters of writes in flight; a subclass adds one per write and removes it when the write settles. */
  protected readonly pending = new Set<(error: LinkError) => void>();
  protected ended = false;

  get isOpen(): boolean {
    return !this.ended;
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: LinkError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Hands a received chunk to every data listener (nothing after the end, nothing empty). */
  protected emitData(chunk: Uint8Array): void {
    if (this.ended || chunk.length === 0) return;
    for (const listener of [...this.dataListeners]) listener(chunk);
  }

  /** Ends the link; false when it had already ended. */
  protected end(error: LinkError | undefined): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.dataListeners.clear();
    for (const fail of [...this.pending]) fail(new LinkClosedError(this.description, error?.disconnected ?? false));
    this.pending.clear();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener(error);
    return true;
  }
}
