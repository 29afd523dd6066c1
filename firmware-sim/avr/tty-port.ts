import { closeSync, constants as fsConstants, openSync } from 'node:fs';
import { isatty, ReadStream, WriteStream } from 'node:tty';
import type { BoardPort } from '../wire-server';

export interface TtyPort {
  port: BoardPort;
  /** Resolves when the tty goes away (EIO once the host side's master is gone). */
  closed: Promise<void>;
  close(): void;
}

/**
 * The board's UART on a tty (the board end of a socat pty pair), read through libuv's tty stream. The line
 * discipline is left alone: socat's `raw,echo=0` sets it up (Node's setRawMode would turn on ONLCR).
 */
export function openTtyPort(path: string): TtyPort {
  const fd = openSync(path, fsConstants.O_RDWR | fsConstants.O_NOCTTY | fsConstants.O_NONBLOCK);
  if (!isatty(fd)) {
    closeSync(fd);
    throw new Error(`${path} is not a terminal device`);
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
    port: {
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
    },
  };
}
