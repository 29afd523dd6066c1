import { cobsDecode, MessageType } from '../protocol/index';
import { guardWrite, type Link, LinkBase, LinkClosedError, LinkError, type LinkWriteOptions } from './link';

/*
 * ReplayLink: the board's side of a recorded session, played back. A user's `TOKENKIT_DEBUG=traffic` output
 * (TrafficLink's `traffic <port> > hex` and `< hex` lines) becomes a link a test can run DeviceClient over,
 * so a bug report becomes a test without the user's board.
 */

/** One outgoing frame of a transcript, as far as it can be read: its header (secrets are redacted away). */
export interface RecordedFrame {
  type: number;
  requestId: number;
}

/** One step of a transcript: a host frame, or bytes the board sent (whole chunks, as recorded). */
export type TranscriptEntry = { dir: '>'; frame: RecordedFrame } | { dir: '<'; bytes: Uint8Array };

export interface Transcript {
  /** The port the session ran on (the lines' description). */
  port: string;
  entries: TranscriptEntry[];
}

/** The transcript does not fit what the host does: `index` is the host frame (0-based) that differs. */
export class ReplayMismatchError extends LinkError {
  readonly index: number;
  readonly expected: string;
  readonly got: string;
  constructor(link: string, index: number, expected: string, got: string) {
    super('link.replay.mismatch', { link, index, expected, got });
    this.index = index;
    this.expected = expected;
    this.got = got;
  }
}

const LINE = /^traffic (.+?) ([<>]) (.*)$/;
const REDACTED_PROVISION = /^<PROVISION ([0-9a-f]{8})… \d+ bytes redacted>$/;

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

const describeFrame = (f: RecordedFrame | undefined) =>
  f ? `${MessageType[f.type] ?? `0x${f.type.toString(16)}`} #${f.requestId}` : 'nothing (the transcript has ended)';

/**
 * The frames of one `>` line, read pair by pair: a 00 ends a frame (COBS-decoded for its header); a
 * redacted PROVISION shows its header as hex; an undecodable part (redacted) is skipped, as the board
 * dropped it.
 */
function outgoingFrames(text: string): RecordedFrame[] {
  const frames: RecordedFrame[] = [];
  let current: number[] = [];
  const finish = () => {
    if (current.length === 0) return;
    try {
      const raw = cobsDecode(Uint8Array.from(current));
      if (raw.length >= 4) frames.push({ type: raw[1]!, requestId: raw[2]! | (raw[3]! << 8) });
    } catch {
      // noise the host sent: nothing to match
    }
    current = [];
  };
  for (let i = 0; i < text.length; ) {
    if (text[i] === '<') {
      const end = text.indexOf('>', i);
      const provision = REDACTED_PROVISION.exec(text.slice(i, end + 1));
      if (provision) {
        const header = hexBytes(provision[1]!);
        frames.push({ type: header[1]!, requestId: header[2]! | (header[3]! << 8) });
      }
      current = [];
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    const byte = Number.parseInt(text.slice(i, i + 2), 16);
    i += 2;
    if (byte === 0) finish();
    else if (!Number.isNaN(byte)) current.push(byte);
  }
  finish();
  return frames;
}

/**
 * Reads a transcript: every `traffic PORT > …` / `traffic PORT < …` line (anything else, such as the
 * command's own output, is skipped). Throws LinkError `link.replay.noTraffic` when there is none.
 */
export function parseTranscript(text: string): Transcript {
  const entries: TranscriptEntry[] = [];
  let port = '';
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    port ||= m[1]!;
    if (m[2] === '<') entries.push({ dir: '<', bytes: hexBytes(m[3]!) });
    else for (const frame of outgoingFrames(m[3]!)) entries.push({ dir: '>', frame });
  }
  if (entries.length === 0) throw new LinkError('link.replay.noTraffic', { link: 'replay' });
  return { port, entries };
}

/**
 * Plays the board's side of a transcript. Each frame the host writes must have the type and request id of
 * the next recorded host frame (payloads may differ: a fresh time, a redacted secret); then every board
 * chunk recorded up to the next host frame is delivered, in order, a microtask later, as the board sent
 * it. A host frame that does not fit fails that write with ReplayMismatchError (the link stays open).
 * `firstRequestId` is the id the recorded session started at: give it to DeviceClient (`firstRequestId`)
 * so its ids match. When the transcript has been played out, `done` is true. Follows the Link contract;
 * `disconnect()` ends it like a pulled cable.
 */
export class ReplayLink extends LinkBase implements Link {
  readonly description: string;
  private position = 0;
  private hostFrames = 0;
  private pendingBytes: number[] = [];

  constructor(
    private readonly transcript: Transcript,
    description = `replay:${transcript.port}`,
  ) {
    super();
    this.description = description;
  }

  static fromText(text: string): ReplayLink {
    return new ReplayLink(parseTranscript(text));
  }

  /** The request id of the first host frame in the transcript (1 when it has none). */
  get firstRequestId(): number {
    const first = this.transcript.entries.find((e) => e.dir === '>');
    return first?.dir === '>' ? first.frame.requestId : 1;
  }

  /** Every recorded entry has been played. */
  get done(): boolean {
    return this.position >= this.transcript.entries.length;
  }

  write(bytes: Uint8Array, opts?: LinkWriteOptions): Promise<void> {
    if (this.ended) return Promise.reject(new LinkClosedError(this.description));
    return guardWrite(
      this.description,
      () =>
        new Promise<void>((resolve, reject) => {
          queueMicrotask(() => {
            if (this.ended) return reject(new LinkClosedError(this.description));
            try {
              this.consume(bytes);
              resolve();
            } catch (error) {
              reject(error);
            }
          });
        }),
      opts,
    );
  }

  async close(): Promise<void> {
    this.end(undefined);
  }

  /** The board goes away (the session ended there, or a test pulls the cable). */
  disconnect(): void {
    this.end(new LinkClosedError(this.description, true));
  }

  private consume(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (byte !== 0) {
        this.pendingBytes.push(byte);
        continue;
      }
      const encoded = Uint8Array.from(this.pendingBytes);
      this.pendingBytes = [];
      if (encoded.length === 0) continue; // the leading delimiter
      let raw: Uint8Array;
      try {
        raw = cobsDecode(encoded);
      } catch {
        continue; // host noise: a board would drop it
      }
      if (raw.length < 4) continue;
      this.hostFrame({ type: raw[1]!, requestId: raw[2]! | (raw[3]! << 8) });
    }
  }

  private hostFrame(got: RecordedFrame): void {
    const index = this.hostFrames++;
    // Board chunks recorded before this host frame (events, late replies) go out first.
    this.deliverUntilHostFrame();
    const next = this.transcript.entries[this.position];
    const expected = next?.dir === '>' ? next.frame : undefined;
    if (!expected || expected.type !== got.type || expected.requestId !== got.requestId) {
      throw new ReplayMismatchError(this.description, index, describeFrame(expected), describeFrame(got));
    }
    this.position++;
    const chunks: Uint8Array[] = [];
    while (this.position < this.transcript.entries.length) {
      const entry = this.transcript.entries[this.position]!;
      if (entry.dir === '>') break;
      chunks.push(entry.bytes);
      this.position++;
    }
    queueMicrotask(() => {
      for (const chunk of chunks) this.emitData(Uint8Array.from(chunk));
    });
  }

  private deliverUntilHostFrame(): void {
    while (this.position < this.transcript.entries.length) {
      const entry = this.transcript.entries[this.position]!;
      if (entry.dir === '>') return;
      this.position++;
      this.emitData(Uint8Array.from(entry.bytes));
    }
  }
}
