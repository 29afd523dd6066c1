import { guardWrite, type Link, LinkBase, LinkClosedError, type LinkWriteOptions } from './link';

export interface MemoryLinkOptions {
  /** Split every write into chunks of at most this many bytes (exercises frame reassembly). Default: whole. */
  maxChunkBytes?: number;
  /** Names for the two ends in `description` (default `host` and `board`). */
  names?: [string, string];
}

/**
 * An in-process link: one end of a pair made by `MemoryLink.pair()`. Bytes written on one end arrive on the
 * other end's `onData` listeners asynchronously (a microtask later), in order, like a wire. It follows the
 * full `Link` contract, so the firmware simulator and tests use it in place of a serial port.
 *
 * `disconnect()` simulates an unplugged cable: both ends close with `LinkClosedError{disconnected: true}`.
 */
export class MemoryLink extends LinkBase implements Link {
  readonly description: string;
  private peer!: MemoryLink;

  private constructor(
    name: string,
    private readonly maxChunkBytes: number,
  ) {
    super();
    this.description = `memory:${name}`;
  }

  /** Two connected ends: `[host, board]`. */
  static pair(opts: MemoryLinkOptions = {}): [MemoryLink, MemoryLink] {
    const [a, b] = opts.names ?? ['host', 'board'];
    const max = opts.maxChunkBytes && opts.maxChunkBytes > 0 ? opts.maxChunkBytes : Number.POSITIVE_INFINITY;
    const host = new MemoryLink(a, max);
    const board = new MemoryLink(b, max);
    host.peer = board;
    board.peer = host;
    return [host, board];
  }

  write(bytes: Uint8Array, opts?: LinkWriteOptions): Promise<void> {
    if (this.ended) return Promise.reject(new LinkClosedError(this.description));
    // Copy: the caller may reuse its buffer once the write resolves.
    const copy = Uint8Array.from(bytes);
    return guardWrite(
      this.description,
      () =>
        new Promise<void>((resolve, reject) => {
          queueMicrotask(() => {
            if (this.ended) return reject(new LinkClosedError(this.description));
            this.peer.deliver(copy);
            resolve();
          });
        }),
      opts,
    );
  }

  /** Closes this end; the peer sees a disconnect (like a process closing its side of a pty). */
  async close(): Promise<void> {
    if (this.ended) return;
    this.end(undefined);
    this.peer.end(new LinkClosedError(this.peer.description, true));
  }

  /** Simulates pulling the cable: both ends close with `disconnected: true`. */
  disconnect(): void {
    this.end(new LinkClosedError(this.description, true));
    this.peer.end(new LinkClosedError(this.peer.description, true));
  }

  private deliver(chunk: Uint8Array): void {
    for (let offset = 0; offset < chunk.length; offset += this.maxChunkBytes) {
      this.emitData(chunk.subarray(offset, Math.min(chunk.length, offset + this.maxChunkBytes)));
    }
  }
}
