import { cobsDecode, MessageType } from '../protocol/index';
import type { Link, LinkError, LinkWriteOptions } from './link';

/** Where traffic lines go (stderr by default). */
export type TrafficSink = (line: string) => void;

/**
 * Whether traffic logging is on: TOKENKIT_DEBUG contains `traffic` (comma-separated namespaces) or `*`.
 * Returns a sink writing to stderr, or undefined.
 */
export function trafficSinkFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  write: (s: string) => void = (s) => process.stderr.write(s),
): TrafficSink | undefined {
  const names = (env.TOKENKIT_DEBUG ?? '').split(/[,\s]+/);
  return names.includes('traffic') || names.includes('*') ? (line) => write(`${line}\n`) : undefined;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');

/**
 * Hex of a chunk, with the secret of any PROVISION frame replaced: only the 4 header bytes stay visible.
 * Hosts write one whole frame per write, so a PROVISION is always seen whole. Outgoing bytes that don't
 * decode as COBS are cut to their first 5 bytes (they could be a mangled PROVISION); incoming ones are
 * shown as is (boards never send secrets).
 */
export function redactedHex(chunk: Uint8Array, outgoing = true): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= chunk.length; i++) {
    if (i < chunk.length && chunk[i] !== 0) continue;
    const encoded = chunk.subarray(start, i);
    const delimiter = i < chunk.length ? '00' : '';
    if (encoded.length > 0) {
      let raw: Uint8Array | undefined;
      try {
        raw = cobsDecode(encoded);
      } catch {
        raw = undefined;
      }
      if (raw && raw.length >= 6 && raw[1] === MessageType.PROVISION) {
        parts.push(`<PROVISION ${hex(raw.subarray(0, 4))}… ${raw.length - 4} bytes redacted>${delimiter}`);
      } else if (!raw && outgoing && encoded.length > 5) {
        parts.push(`${hex(encoded.subarray(0, 5))}<${encoded.length - 5} undecodable bytes redacted>${delimiter}`);
      } else {
        parts.push(hex(encoded) + delimiter);
      }
    } else {
      parts.push(delimiter);
    }
    start = i + 1;
  }
  return parts.join('');
}

/**
 * Wraps a link so every chunk in and out is logged as `> hex` / `< hex` (PROVISION secrets redacted),
 * with the link's description. Otherwise behaves exactly like the wrapped link.
 */
export class TrafficLink implements Link {
  constructor(
    private readonly inner: Link,
    private readonly sink: TrafficSink,
  ) {}
  get description(): string {
    return this.inner.description;
  }
  get isOpen(): boolean {
    return this.inner.isOpen;
  }
  write(bytes: Uint8Array, opts?: LinkWriteOptions): Promise<void> {
    this.sink(`traffic ${this.inner.description} > ${redactedHex(bytes)}`);
    return this.inner.write(bytes, opts);
  }
  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.inner.onData((chunk) => {
      this.sink(`traffic ${this.inner.description} < ${redactedHex(chunk, false)}`);
      listener(chunk);
    });
  }
  onClose(listener: (error?: LinkError) => void): () => void {
    return this.inner.onClose(listener);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
