/**
 * Frame fuzz against the C firmware itself: the posix build (firmware/posix, with AddressSanitizer and
 * UndefinedBehaviorSanitizer, aborting on the first report) on stdin/stdout, fed the decoder fuzzer's
 * chunks (random bytes, mutated frame streams, valid frames with mutated content behind a good CRC).
 *
 * Checked: the board never crashes (exit 0 at the end of input, no sanitizer report); every frame it sends
 * decodes, and is a reply or an event; after every 64 chunks a delimiter and a HELLO with a fresh id are
 * sent and each is answered INFO (back in sync); at the end it still answers HELLO.
 *
 * Used by tests/firmware/posix-fuzz.test.ts (100k chunks) and `npm run fuzz:firmware` (2M per mode; `npm run
 * fuzz` runs it after the decoder fuzz):
 *   node --import tsx bench/firmware-fuzz.ts [--chunks N] [--seed S] [--mode smart|display] [--json]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  encodeFrame,
  FrameDecoder,
  type Message,
  MessageType,
  messageClassOf,
  PROTOCOL_VERSION,
} from '../src/protocol/index';
import { buildFirmware, POSIX_BINARY } from '../tests/firmware/posix-build';
import { FuzzViolation, randomChunk, seededRandom } from './fuzz';

export interface FirmwareFuzzStats {
  chunks: number;
  bytesIn: number;
  framesOut: number;
  /** Frames out by message type name (INFO, STATUS, ERROR, ...). */
  byType: Record<string, number>;
  resyncs: number;
  elapsedMs: number;
}

export interface FirmwareFuzzOptions {
  chunks: number;
  seed?: number;
  mode?: 'smart' | 'display';
  /** How long to wait for the board's last answers after the input, in ms (default 60 s). */
  settleTimeoutMs?: number;
}

const RESYNC_EVERY = 64;
const BATCH_BYTES = 64 * 1024;

export async function fuzzFirmware(opts: FirmwareFuzzOptions): Promise<FirmwareFuzzStats> {
  const seed = opts.seed ?? 1;
  const rnd = seededRandom(seed);
  buildFirmware('posix');
  const binary = POSIX_BINARY;
  const start = performance.now();
  const fail = (what: string): never => {
    throw new FuzzViolation(`firmware fuzz seed ${seed}: ${what}`);
  };
  const child = spawn(binary, ['--stdio', '--mode', opts.mode ?? 'smart', '--start-time', '1767225600000'], {
    // Sanitizers: stop at the first report with a non-zero exit; no leak check (no heap is used at all).
    env: { ...process.env, ASAN_OPTIONS: 'abort_on_error=1:detect_leaks=0', UBSAN_OPTIONS: 'halt_on_error=1' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      gone = true;
      resolve(code ?? (signal ? 128 : null));
    }),
  );
  // A board that crashes mid-run closes its stdin: EPIPE is how that shows on our side, not an error here.
  child.stdin.on('error', () => undefined);

  const stats: FirmwareFuzzStats = { chunks: 0, bytesIn: 0, framesOut: 0, byType: {}, resyncs: 0, elapsedMs: 0 };
  const decoder = new FrameDecoder();
  const answered = new Set<number>();
  let violation: string | undefined;
  let onInfo: (() => void) | undefined;
  child.stdout.on('data', (d: Buffer) => {
    for (const r of decoder.push(new Uint8Array(d.buffer, d.byteOffset, d.length))) {
      if (!r.ok) {
        violation ??= `the board sent a frame that does not decode (${r.error.kind})`;
        continue;
      }
      const m: Message = r.message;
      stats.framesOut++;
      const name = MessageType[m.type] ?? String(m.type);
      stats.byType[name] = (stats.byType[name] ?? 0) + 1;
      if (messageClassOf(m.type) === 'request') violation ??= `the board sent a request (${name})`;
      if (m.type === MessageType.INFO) {
        answered.add(m.requestId);
        onInfo?.();
      }
    }
  });

  // Resync ids count down from 0xffff, one per resync, so the final HELLO's id is distinct from them all.
  const resyncIds: number[] = [];
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const bytes = Buffer.concat(batch);
    batch = [];
    batchBytes = 0;
    if (gone) return;
    if (!child.stdin.write(bytes))
      await Promise.race([new Promise<void>((resolve) => child.stdin.once('drain', resolve)), exited]);
  };
  const queue = async (bytes: Uint8Array) => {
    batch.push(bytes);
    batchBytes += bytes.length;
    stats.bytesIn += bytes.length;
    if (batchBytes >= BATCH_BYTES) await flush();
  };
  const hello = (requestId: number) =>
    Uint8Array.of(0, ...encodeFrame({ type: MessageType.HELLO, requestId, hostProtocolVersion: PROTOCOL_VERSION }));

  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (stderr.includes('tokenkit-posix ready')) {
        child.stderr.off('data', onData);
        resolve();
      }
    };
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new FuzzViolation(`firmware fuzz: the board exited ${code} at start: ${stderr}`)),
    );
  });

  for (let i = 0; i < opts.chunks; i++) {
    stats.chunks = i;
    await queue(randomChunk(rnd));
    if (i % RESYNC_EVERY === RESYNC_EVERY - 1) {
      const id = 0xffff - (resyncIds.length % 0x7fff);
      resyncIds.push(id);
      await queue(hello(id));
      stats.resyncs++;
    }
    if (violation || gone) break;
  }
  if (!gone) stats.chunks = opts.chunks;
  // The last word: the board answers a HELLO after everything.
  const finalId = 1;
  answered.delete(finalId);
  await queue(hello(finalId));
  await flush();
  const settled = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), opts.settleTimeoutMs ?? 60_000);
    const check = () => {
      if (answered.has(finalId)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    onInfo = check;
    check();
    void exited.then(() => {
      clearTimeout(timer);
      resolve(answered.has(finalId));
    });
  });
  child.stdin.end();
  let hangTimer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exited,
    new Promise<'hung'>((r) => {
      hangTimer = setTimeout(() => r('hung'), 10_000);
    }),
  ]);
  clearTimeout(hangTimer);
  if (code === 'hung') {
    child.kill('SIGKILL');
    fail('the board did not exit at the end of its input');
  }
  stats.elapsedMs = performance.now() - start;
  const report = /(AddressSanitizer|UndefinedBehaviorSanitizer|runtime error)[^\n]*/.exec(stderr)?.[0];
  if (report) fail(`sanitizer: ${report}`);
  if (code !== 0) fail(`the board exited ${code} (${stderr.trim().split('\n').slice(-3).join(' | ')})`);
  if (violation) fail(violation);
  if (!settled) fail('no INFO to the final HELLO: the board stopped answering');
  const missing = resyncIds.filter((id) => !answered.has(id));
  if (missing.length > 0) fail(`${missing.length} resync HELLOs unanswered (first id ${missing[0]})`);
  return stats;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const chunks = Number(arg('--chunks') ?? 2_000_000);
  const seed = Number(arg('--seed') ?? Date.now() % 2 ** 31);
  const json = process.argv.includes('--json');
  const modes = arg('--mode') ? [arg('--mode') as 'smart' | 'display'] : (['smart', 'display'] as const);
  try {
    const rows = [];
    for (const mode of modes) {
      if (!json) console.log(`fuzzing the C firmware (posix, ASan+UBSan, ${mode}): ${chunks} chunks, seed ${seed}`);
      const stats = await fuzzFirmware({ chunks, seed, mode });
      rows.push({ mode, ...stats });
      if (!json)
        console.log(
          `ok: ${stats.chunks} chunks, ${(stats.bytesIn / 1e6).toFixed(1)} MB in, ${stats.framesOut} frames out, ${stats.resyncs} resyncs answered, ${(stats.elapsedMs / 1000).toFixed(1)} s; ${JSON.stringify(stats.byType)}`,
        );
    }
    if (json) console.log(JSON.stringify({ seed, runs: rows }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
