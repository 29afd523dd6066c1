import { closeSync, constants as fsConstants, openSync } from 'node:fs';
import { isatty, ReadStream, WriteStream } from 'node:tty';
import type { BoardPort } from './wire-server';

/** The board's end of the wire in a board process (firmware-sim, firmware-avr): a tty or stdin/stdout. */
export interface TtyPort {
  port: BoardPort;
  /** Resolves when the other side goes away (EIO once the host side's master is gone, or stdin's end). */
  closed: Promise<void>;
  close(): void;
}

function portOf(input: NodeJS.ReadableStream, output: NodeJS.WritableStream & { destroyed?: boolean }): BoardPort {
  return {
    write: (bytes) =>
      new Promise<void>((resolve) => {
        if (output.destroyed) return resolve();
        output.write(bytes, () => resolve());
      }),
    onData: (listener) => {
      const handler = (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      input.on('data', handler);
      return () => input.off('data', handler);
    },
  };
}

/**
 * The board's UART: the tty opened directly and read through libuv's tty stream (epoll, no thread pool),
 * which costs the board process about a third of the CPU per frame that serialport's thread-pool reads do
 * (docs/performance.md). The line discipline is left as it is: socat's `raw` option sets up the pty; a real
 * UART needs `stty -F PATH 115200 raw -echo` first. (Node's setRawMode would turn on ONLCR and mangle 0x0A.)
 * Throws 'not a terminal device' for anything else; callers name the path.
 */
export function openTtyPort(path: string): TtyPort {
  const fd = openSync(path, fsConstants.O_RDWR | fsConstants.O_NOCTTY | fsConstants.O_NONBLOCK);
  if (!isatty(fd)) {
    closeSync(fd);
    throw new Error('not a terminal device');
  }
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  const closed = new Promise<void>((resolve) => {
    input.once('error', () => resolve());
    input.once('end', () => resolve());
    input.once('close', () => resolve());
    output.once('error', () => resolve());
  });
  return {
    closed,
    close: () => {
      input.destroy();
      output.destroy();
    },
    port: portOf(input, output),
  };
}

/** stdin/stdout as the board's UART (tests, pipes). */
export function stdioPort(): TtyPort {
  const closed = new Promise<void>((resolve) => process.stdin.once('end', () => resolve()));
  return { closed, close: () => process.stdin.destroy(), port: portOf(process.stdin, process.stdout) };
}
