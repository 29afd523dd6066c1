import { stat, statSync } from 'node:fs';
import type { SerialPort } from 'serialport';
import { requireLazily } from '../native-module';

/** serialport loads its native binding: only when a port is opened or listed. */
export const loadSerialport = requireLazily<typeof import('serialport')>('serialport');

import {
  guardWrite,
  type Link,
  LinkBase,
  LinkClosedError,
  LinkError,
  LinkOpenError,
  type LinkOpener,
  type LinkWriteOptions,
} from './link';

export interface SerialLinkOptions {
  /** Default 115200. USB CDC boards ignore it; a UART bridge needs the board's rate (devices/ boards). */
  baudRate?: number;
  /** Exclusive lock on the port (default true) so two programs can't interleave frames. */
  lock?: boolean;
  /** How often to check that the device node is still there (default 500 ms; 0 = never). */
  presenceCheckMs?: number;
}

/** Where a serial open failure comes from, by the binding's message (it exposes no errno). */
function classifyOpenError(message: string): 'not-found' | 'permission' | 'busy' | 'not-a-tty' | 'other' {
  if (/Cannot lock port|Resource temporarily unavailable|EBUSY/i.test(message)) return 'busy';
  if (/No such file|ENOENT|No such device/i.test(message)) return 'not-found';
  if (/Permission denied|EACCES|EPERM/i.test(message)) return 'permission';
  if (/Inappropriate ioctl|ENOTTY/i.test(message)) return 'not-a-tty';
  return 'other';
}

/** The path is not a terminal device at all (e.g. /dev/null, a regular file). */
export class NotASerialPortError extends LinkOpenError {
  constructor(link: string, detail: string) {
    super(link, 'other', detail);
  }
}

/**
 * A link over a serial port (USB CDC board, UART bridge, or a pty from `tokenkit sim --serial`) through
 * serialport 13. Follows the `Link` contract.
 *
 * - Never calls `port.set()`: pseudo-terminals reject the modem-line ioctls (TIOCMSET) with an error, and
 *   USB CDC boards don't need them. Opens with `hupcl: false` so closing doesn't drop DTR (some boards
 *   reset on a DTR drop).
 * - An unplugged board (or a killed socat) shows up as a read/write error or EOF: the link closes and
 *   `onClose` gets `LinkClosedError{disconnected: true}`. serialport's poller does not always report a
 *   hang-up on an idle pty, so the link also checks every `presenceCheckMs` that the device node it
 *   opened still exists (USB unplug removes /dev/ttyACM*, a closed pty master removes /dev/pts/N; a
 *   node re-created at the same path is a different device).
 */
export class SerialLink extends LinkBase implements Link {
  readonly description: string;
  private closing: Promise<void> | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly port: SerialPort,
    readonly path: string,
    presenceCheckMs: number,
  ) {
    super();
    this.description = path;
    if (presenceCheckMs > 0) this.watchPresence(presenceCheckMs);
    port.on('data', (chunk: Buffer) => this.emitData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
      this.end(error ? new LinkClosedError(this.description, true) : undefined);
    });
    // A read that hits EOF (the other side of a pty went away) ends the stream without 'close'.
    port.on('end', () => this.handleLoss());
    port.on('error', () => this.handleLoss());
  }

  /** Opens `path`. Rejects with LinkOpenError (`reason` not-found / permission / other) or NotASerialPortError. */
  static async open(path: string, opts: SerialLinkOptions = {}): Promise<SerialLink> {
    const description = path;
    const port = new (loadSerialport().SerialPort)({
      path,
      baudRate: opts.baudRate ?? 115200,
      autoOpen: false,
      hupcl: false,
      lock: opts.lock ?? true,
    });
    await new Promise<void>((resolve, reject) => {
      port.open((error) => {
        if (!error) return resolve();
        const message = error.message.replace(/^Error: /, '');
        const reason = classifyOpenError(message);
        reject(
          reason === 'not-a-tty'
            ? new NotASerialPortError(description, message)
            : new LinkOpenError(description, reason, message, error),
        );
      });
    });
    return new SerialLink(port, path, opts.presenceCheckMs ?? 500);
  }

  /** A LinkOpener for DeviceClient's reconnects. */
  static opener(path: string, opts: SerialLinkOptions = {}): LinkOpener {
    return { description: path, open: () => SerialLink.open(path, opts) };
  }

  write(bytes: Uint8Array, opts?: LinkWriteOptions): Promise<void> {
    if (this.ended) return Promise.reject(new LinkClosedError(this.description));
    return guardWrite(
      this.description,
      () =>
        new Promise<void>((resolve, reject) => {
          const fail = (error: LinkError) => reject(error);
          this.pending.add(fail);
          this.port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), (error) => {
            this.pending.delete(fail);
            if (!error) return resolve();
            reject(
              this.ended
                ? new LinkClosedError(this.description, true)
                : new LinkError(
                    'link.error.generic',
                    { link: this.description, detail: error.message },
                    { cause: error },
                  ),
            );
          });
        }),
      opts,
    );
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.end(undefined);
    this.closing = new Promise<void>((resolve) => {
      if (!this.port.isOpen) return resolve();
      this.port.close(() => resolve());
    });
    return this.closing;
  }

  private watchPresence(intervalMs: number): void {
    let rdev: number;
    try {
      rdev = statSync(this.path).rdev;
    } catch {
      return;
    }
    this.presenceTimer = setInterval(() => {
      stat(this.path, (error, st) => {
        if (this.ended) return;
        if ((error && error.code === 'ENOENT') || (!error && st.rdev !== rdev)) this.handleLoss();
      });
    }, intervalMs);
    this.presenceTimer.unref();
  }

  private handleLoss(): void {
    if (this.ended) return;
    this.end(new LinkClosedError(this.description, true));
    if (this.port.isOpen) this.port.close(() => undefined);
  }

  protected override end(error: LinkError | undefined): boolean {
    if (!super.end(error)) return false;
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    return true;
  }
}
