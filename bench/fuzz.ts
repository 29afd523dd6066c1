/**
 * Frame decoder fuzzer: random byte chunks and mutated valid frame streams (bit flips, byte insertions,
 * deletions, duplications, truncations, stray delimiters) fed to one long-lived FrameDecoder.
 *
 * Invariants checked on every chunk (a violation throws FuzzViolation with the seed and chunk index):
 * - push never throws;
 * - the decoder never holds more than MAX_FRAME_BYTES − 1 bytes;
 * - every error is a FrameError with a known kind and an offset inside the bytes pushed so far;
 * - every decoded message re-encodes to a frame that decodes to the same message;
 * - resync: every 64 chunks a delimiter plus a fresh valid frame is pushed and must decode exactly.
 *
 * Used by tests/protocol/fuzz.test.ts (100k chunks in CI) and `npm run fuzz` (10M chunks by default, then
 * the HID receive path with a tenth as many fault bursts, see fuzzHidPath):
 *   node --import tsx bench/fuzz.ts [--chunks N] [--hid-chunks M] [--seed S] [--json]
 */
import { fileURLToPath } from 'node:url';
import {
  cobsEncode,
  crc16,
  encodeFrame,
  encodeRawFrame,
  FrameDecoder,
  FrameError,
  type FrameErrorKind,
  HidPacketError,
  type HidPacketErrorKind,
  HidReassembler,
  MAX_FRAME_BYTES,
  MAX_HID_TRANSFER_BYTES,
  type Message,
  packetise,
  MessageType as T,
} from '../src/protocol/index';

export class FuzzViolation extends Error {}

/** mulberry32: small, fast, seeded; the fuzzer's only source of randomness. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGITS = '0123456789';

/** A random valid message of any type (plain PRNG: fast enough for millions of chunks). */
export function randomMessage(rnd: () => number): Message {
  const int = (max: number) => Math.floor(rnd() * (max + 1));
  const id = 1 + int(0xfffe);
  const digits = (min: number) => {
    let s = '';
    const n = min + int(10 - min);
    for (let i = 0; i < n; i++) s += DIGITS[int(9)];
    return s;
  };
  const str = () => 'x'.repeat(int(32));
  switch (int(14)) {
    case 0:
      return { type: T.HELLO, requestId: id, hostProtocolVersion: 1 + int(254) };
    case 1:
      return { type: T.GET_TIME, requestId: id };
    case 2:
      return { type: T.SET_TIME, requestId: id, timeMs: int(2 ** 45), force: rnd() < 0.5 };
    case 3: {
      const secret = new Uint8Array(1 + int(63));
      for (let i = 0; i < secret.length; i++) secret[i] = int(255);
      return {
        type: T.PROVISION,
        requestId: id,
        secret,
        algorithm: (['sha1', 'sha256', 'sha512'] as const)[int(2)]!,
        digits: 6 + int(4),
        periodSec: 1 + int(0xfffe),
        t0Sec: int(0xffffffff),
      };
    }
    case 4:
      return { type: T.PRESS, requestId: id, long: rnd() < 0.5 };
    case 5:
      return { type: T.DISPLAY, requestId: id, code: digits(0), remainingMs: int(0xffffffff) };
    case 6:
      return {
        type: T.INFO,
        requestId: id,
        protocolVersion: 1,
        firmwareVersion: str(),
        profileId: str(),
        serial: str(),
        mode: rnd() < 0.5 ? 'smart' : 'display',
        capabilities: int(0xffff),
        provisioned: rnd() < 0.5,
      };
    case 7:
      return { type: T.TIME, requestId: id, deviceMs: int(2 ** 45), adjusted: rnd() < 0.5 };
    case 8:
      return { type: T.STATUS, requestId: id, status: int(255) };
    case 9:
      return { type: T.CODE, requestId: id, code: digits(1), step: int(0xffffffff), remainingMs: int(30000) };
    case 10:
      return { type: T.BUTTON, requestId: 0, long: rnd() < 0.5, host: rnd() < 0.5 };
    case 11:
      return { type: T.CODE_SHOWN, requestId: 0, code: digits(1), step: int(0xffffffff), remainingMs: int(30000) };
    case 12:
      return { type: T.DISPLAY_OFF, requestId: 0 };
    case 13:
      return { type: T.BATTERY, requestId: 0, percent: int(100), low: rnd() < 0.5 };
    default:
      return { type: T.ERROR, requestId: 0, status: int(255) };
  }
}

/** Mutates a valid frame stream the way a noisy or misconfigured line would. */
function mutate(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const out = Array.from(bytes);
  const edits = 1 + Math.floor(rnd() * 4);
  for (let e = 0; e < edits && out.length > 0; e++) {
    const at = Math.floor(rnd() * out.length);
    switch (Math.floor(rnd() * 7)) {
      case 0:
        out[at] = out[at]! ^ (1 << Math.floor(rnd() * 8));
        break;
      case 1:
        out.splice(at, 0, Math.floor(rnd() * 256));
        break;
      case 2:
        out.splice(at, 1 + Math.floor(rnd() * 8));
        break;
      case 3:
        out.splice(at, 0, ...out.slice(at, at + 1 + Math.floor(rnd() * 20)));
        break;
      case 4:
        out.length = at;
        break;
      case 5:
        out.splice(at, 0, 0);
        break;
      default:
        out.splice(at, 0, ...new Array(1 + Math.floor(rnd() * 400)).fill(1 + Math.floor(rnd() * 255)));
    }
  }
  return Uint8Array.from(out);
}

/**
 * One fuzz chunk: valid frames with mutated content and a recomputed CRC (15 %), random bytes with a few
 * delimiters (35 %), or 1-3 valid frames, mutated (40 %) or intact (10 %). Shared by the decoder fuzz and
 * the firmware fuzz (bench/firmware-fuzz.ts), so both see the same kinds of input.
 */
export function randomChunk(rnd: () => number): Uint8Array {
  let chunk: Uint8Array;
  const pick = rnd();
  if (pick < 0.15) {
    // Valid CRC, mutated content: reaches the header and payload checks behind the CRC.
    const raw = mutate(encodeRawFrame(randomMessage(rnd)), rnd);
    if (raw.length >= 2) {
      const crc = crc16(raw, 0, raw.length - 2);
      raw[raw.length - 2] = crc & 0xff;
      raw[raw.length - 1] = crc >>> 8;
    }
    const encoded = cobsEncode(raw);
    chunk = new Uint8Array(encoded.length + 1);
    chunk.set(encoded);
  } else if (pick < 0.5) {
    chunk = new Uint8Array(Math.floor(rnd() * 300));
    for (let j = 0; j < chunk.length; j++) chunk[j] = rnd() < 0.05 ? 0 : Math.floor(rnd() * 256);
  } else {
    const frames = [];
    const n = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < n; j++) frames.push(encodeFrame(randomMessage(rnd)));
    const joined = new Uint8Array(frames.reduce((s, f) => s + f.length, 0));
    let o = 0;
    for (const f of frames) {
      joined.set(f, o);
      o += f.length;
    }
    chunk = pick < 0.9 ? mutate(joined, rnd) : joined;
  }
  return chunk;
}

const KINDS: ReadonlySet<FrameErrorKind> = new Set([
  'crc',
  'cobs',
  'oversize',
  'truncated',
  'unknown-type',
  'payload',
  'version',
]);

export interface FuzzStats {
  chunks: number;
  bytes: number;
  messages: number;
  resyncs: number;
  errors: Partial<Record<FrameErrorKind, number>>;
  elapsedMs: number;
}

export interface FuzzOptions {
  chunks: number;
  seed?: number;
  /** Called every `progressEvery` chunks (for the long run). */
  onProgress?: (stats: FuzzStats) => void;
  progressEvery?: number;
  /** The decoder under test (default: a new FrameDecoder); lets tests prove the checker catches a bad one. */
  decoder?: Pick<FrameDecoder, 'push' | 'bufferedBytes'>;
}

export function fuzzDecoder(opts: FuzzOptions): FuzzStats {
  const seed = opts.seed ?? 1;
  const rnd = seededRandom(seed);
  const decoder = opts.decoder ?? new FrameDecoder();
  const stats: FuzzStats = { chunks: 0, bytes: 0, messages: 0, resyncs: 0, errors: {}, elapsedMs: 0 };
  const start = performance.now();
  const fail = (what: string): never => {
    throw new FuzzViolation(`fuzz seed ${seed}, chunk ${stats.chunks}: ${what}`);
  };
  const push = (chunk: Uint8Array) => {
    let results;
    try {
      results = decoder.push(chunk);
    } catch (error) {
      return fail(`push threw ${String(error)}`);
    }
    stats.bytes += chunk.length;
    if (decoder.bufferedBytes > MAX_FRAME_BYTES - 1) fail(`buffered ${decoder.bufferedBytes} bytes`);
    for (const r of results) {
      if (r.ok) {
        stats.messages++;
        const again = new FrameDecoder().push(encodeFrame(r.message));
        if (
          again.length !== 1 ||
          !again[0]!.ok ||
          JSON.stringify(again[0]!.message, replacer) !== JSON.stringify(r.message, replacer)
        ) {
          fail(`decoded message does not re-encode: ${JSON.stringify(r.message, replacer)}`);
        }
      } else {
        if (!(r.error instanceof FrameError) || !KINDS.has(r.error.kind)) fail(`untyped error ${String(r.error)}`);
        if (r.error.offset < 0 || r.error.offset >= stats.bytes)
          fail(`error offset ${r.error.offset} outside 0..${stats.bytes}`);
        stats.errors[r.error.kind] = (stats.errors[r.error.kind] ?? 0) + 1;
      }
    }
    return results;
  };

  for (let i = 0; i < opts.chunks; i++) {
    stats.chunks = i;
    const chunk = randomChunk(rnd);
    push(chunk);
    if (i % 64 === 63) {
      const message = randomMessage(rnd);
      const results = push(Uint8Array.of(0, ...encodeFrame(message)));
      const last = results[results.length - 1];
      if (!last?.ok || JSON.stringify(last.message, replacer) !== JSON.stringify(message, replacer)) {
        fail(
          `not back in sync after a delimiter: ${JSON.stringify(
            results.map((r) => (r.ok ? r.message : r.error.kind)),
            replacer,
          )}`,
        );
      }
      stats.resyncs++;
    }
    if (opts.onProgress && opts.progressEvery && i % opts.progressEvery === opts.progressEvery - 1) {
      stats.elapsedMs = performance.now() - start;
      opts.onProgress(stats);
    }
  }
  stats.chunks = opts.chunks;
  stats.elapsedMs = performance.now() - start;
  return stats;
}

export interface HidFuzzStats {
  chunks: number;
  reports: number;
  messages: number;
  resyncs: number;
  hidErrors: Partial<Record<HidPacketErrorKind, number>>;
  frameErrors: number;
  elapsedMs: number;
}

/**
 * The HID receive path (reassembler → 0x00 on error, as HidLink does → frame decoder) under report-level
 * faults: dropped, duplicated, swapped, corrupted, truncated, stray and random reports. Invariants: nothing
 * throws; the reassembler holds ≤ MAX_HID_TRANSFER_BYTES, the decoder < MAX_FRAME_BYTES; every error is
 * typed; every decoded message re-encodes; and after each fault burst, of two clean frames sent one
 * transfer each, the second always arrives (back in sync within one frame, as on serial).
 */
export function fuzzHidPath(opts: { chunks: number; seed?: number }): HidFuzzStats {
  const seed = opts.seed ?? 1;
  const rnd = seededRandom(seed);
  const reassembler = new HidReassembler();
  const decoder = new FrameDecoder();
  const stats: HidFuzzStats = {
    chunks: 0,
    reports: 0,
    messages: 0,
    resyncs: 0,
    hidErrors: {},
    frameErrors: 0,
    elapsedMs: 0,
  };
  const start = performance.now();
  const fail = (what: string): never => {
    throw new FuzzViolation(`HID fuzz seed ${seed}, chunk ${stats.chunks}: ${what}`);
  };
  const feed = (report: Uint8Array): Message[] => {
    const out: Message[] = [];
    stats.reports++;
    let results;
    try {
      results = reassembler.push(report);
    } catch (error) {
      return fail(`reassembler threw ${String(error)}`);
    }
    if (reassembler.bufferedBytes > MAX_HID_TRANSFER_BYTES)
      fail(`reassembler holds ${reassembler.bufferedBytes} bytes`);
    for (const t of results) {
      let chunk: Uint8Array;
      if (t.ok) chunk = t.data;
      else {
        if (!(t.error instanceof HidPacketError)) fail(`untyped HID error ${String(t.error)}`);
        stats.hidErrors[t.error.kind] = (stats.hidErrors[t.error.kind] ?? 0) + 1;
        chunk = Uint8Array.of(0);
      }
      let decoded;
      try {
        decoded = decoder.push(chunk);
      } catch (error) {
        return fail(`decoder threw ${String(error)}`);
      }
      if (decoder.bufferedBytes > MAX_FRAME_BYTES - 1) fail(`decoder holds ${decoder.bufferedBytes} bytes`);
      for (const r of decoded) {
        if (!r.ok) {
          stats.frameErrors++;
          continue;
        }
        stats.messages++;
        const again = new FrameDecoder().push(encodeFrame(r.message));
        if (again.length !== 1 || !again[0]!.ok)
          fail(`decoded message does not re-encode: ${JSON.stringify(r.message, replacer)}`);
        out.push(r.message);
      }
    }
    return out;
  };

  for (let i = 0; i < opts.chunks; i++) {
    stats.chunks = i;
    // A burst of transfers (frames, sometimes several frames per transfer), then faults on its reports.
    const transfers: Uint8Array[] = [];
    const n = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < n; j++) {
      const frames = [encodeFrame(randomMessage(rnd))];
      if (rnd() < 0.3) frames.push(encodeFrame(randomMessage(rnd)));
      const joined = new Uint8Array(frames.reduce((a, f) => a + f.length, 0));
      let o = 0;
      for (const f of frames) joined.set(f, o), (o += f.length);
      transfers.push(joined.subarray(0, Math.min(joined.length, MAX_HID_TRANSFER_BYTES)));
    }
    const reports = transfers.flatMap((t) => packetise(t).map((r) => Uint8Array.from(r)));
    const faults = Math.floor(rnd() * 4);
    for (let f = 0; f < faults && reports.length > 0; f++) {
      const at = Math.floor(rnd() * reports.length);
      switch (Math.floor(rnd() * 7)) {
        case 0:
          reports.splice(at, 1);
          break;
        case 1:
          reports.splice(at, 0, Uint8Array.from(reports[at]!));
          break;
        case 2: {
          const other = Math.floor(rnd() * reports.length);
          [reports[at], reports[other]] = [reports[other]!, reports[at]!];
          break;
        }
        case 3: {
          const r = reports[at]!;
          const k = Math.floor(rnd() * r.length);
          r[k] = r[k]! ^ (1 << Math.floor(rnd() * 8));
          break;
        }
        case 4:
          reports[at] = reports[at]!.subarray(0, Math.floor(rnd() * 64));
          break;
        case 5: {
          const junk = new Uint8Array(64);
          for (let k = 0; k < 64; k++) junk[k] = Math.floor(rnd() * 256);
          reports.splice(at, 0, junk);
          break;
        }
        default: {
          const stray = new Uint8Array(64);
          stray[0] = Math.floor(rnd() * 0x80);
          reports.splice(at, 0, stray);
        }
      }
    }
    for (const r of reports) feed(r);
    if (i % 16 === 15) {
      const first = randomMessage(rnd);
      const second = randomMessage(rnd);
      for (const r of packetise(encodeFrame(first))) feed(r);
      const got = packetise(encodeFrame(second)).flatMap((r) => feed(r));
      const last = got[got.length - 1];
      if (!last || JSON.stringify(last, replacer) !== JSON.stringify(second, replacer))
        fail('not back in sync within one clean frame');
      stats.resyncs++;
    }
  }
  stats.chunks = opts.chunks;
  stats.elapsedMs = performance.now() - start;
  return stats;
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value;
}

export interface FuzzRow {
  name: string;
  chunks: number;
  megabytes: number;
  chunksPerSec: number;
  messages: number;
  errors: number;
}

/** Bench-runner entry: a short fuzz run reported as throughput (the invariants still throw on violation). */
export async function run(opts: { json: boolean; quick: boolean }): Promise<FuzzRow[]> {
  const stats = fuzzDecoder({ chunks: opts.quick ? 20_000 : 200_000, seed: 42 });
  const row: FuzzRow = {
    name: 'fuzz: random + mutated chunks',
    chunks: stats.chunks,
    megabytes: +(stats.bytes / 1e6).toFixed(2),
    chunksPerSec: Math.round(stats.chunks / (stats.elapsedMs / 1000)),
    messages: stats.messages,
    errors: Object.values(stats.errors).reduce((a, b) => a + (b ?? 0), 0),
  };
  if (!opts.json) console.table([row]);
  return [row];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const chunks = Number(arg('--chunks') ?? 10_000_000);
  const seed = Number(arg('--seed') ?? Date.now() % 2 ** 31);
  const json = process.argv.includes('--json');
  if (!json) console.log(`fuzzing the frame decoder: ${chunks} chunks, seed ${seed} (rerun with --seed ${seed})`);
  try {
    const stats = fuzzDecoder({
      chunks,
      seed,
      progressEvery: json ? 0 : 1_000_000,
      onProgress: (s) =>
        console.log(
          `  ${s.chunks + 1} chunks, ${(s.bytes / 1e6).toFixed(0)} MB, ${s.messages} messages, ${(s.elapsedMs / 1000).toFixed(1)} s`,
        ),
    });
    if (!json)
      console.log(
        `ok: ${stats.chunks} chunks, ${(stats.bytes / 1e6).toFixed(1)} MB, ${stats.messages} messages, ${stats.resyncs} resyncs, errors ${JSON.stringify(stats.errors)}, ${(stats.elapsedMs / 1000).toFixed(1)} s`,
      );
    // Then the HID receive path (reassembler + decoder) under report faults: a tenth as many bursts by default.
    const hidChunks = Number(arg('--hid-chunks') ?? Math.ceil(chunks / 10));
    if (!json) console.log(`fuzzing the HID receive path: ${hidChunks} fault bursts, seed ${seed}`);
    const hid = fuzzHidPath({ chunks: hidChunks, seed });
    if (json) console.log(JSON.stringify({ seed, decoder: stats, hid }));
    else
      console.log(
        `ok: ${hid.chunks} bursts, ${hid.reports} reports, ${hid.messages} messages, ${hid.resyncs} resyncs, HID errors ${JSON.stringify(hid.hidErrors)}, ${(hid.elapsedMs / 1000).toFixed(1)} s`,
      );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
