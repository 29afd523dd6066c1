/**
 * Button to first audio sample: from the moment the reader's button is handled (the call) until the
 * player has written the first non-silent sample into an ALSA device. The device is an ALSA `type file`
 * PCM writing into a named pipe this process reads, so "first sample" is what aplay actually delivered,
 * not when a process started. Alternatives side by side in one run; target p50/p95 < 250 ms.
 *
 *   node --import tsx bench/speech.ts [--json] [--quick]      (needs espeak-ng, alsa-utils; festival optional)
 */
import { spawn } from 'node:child_process';
import { closeSync, constants, createReadStream, openSync } from 'node:fs';
import {
  composeCode,
  EspeakBackend,
  FestivalBackend,
  SayBackend,
  scaledPauseMs,
  type Utterance,
} from '../src/speech/index';
import { commandExists, terminate } from '../src/speech/process';
import { type AlsaFixture, createAlsaFixture } from '../tests/speech/alsa-fixture';
import { type BenchOptions, formatTable, machineLine, percentile, runIfMain } from './lib';

export interface SpeechBenchRow {
  alternative: string;
  iterations: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  /** p95 under TARGET_MS. */
  meetsTarget: boolean;
}

export const TARGET_MS = 250;
const SOUND_THRESHOLD = 0.02 * 32767;

type Start = (u: Utterance, device: string, signal: AbortSignal) => Promise<unknown>;

/**
 * One press: starts `start`, resolves the ms until the first loud sample arrives on the pipe, then
 * cancels the rest (the latency is all that is measured) and waits until every process is gone.
 */
async function firstSoundMs(alsa: AlsaFixture, start: Start, u: Utterance): Promise<number> {
  const stream = createReadStream(alsa.fifoPath, { highWaterMark: 4096 });
  const controller = new AbortController();
  const t0 = performance.now();
  let failure: unknown;
  let heard = false;
  const speaking = start(u, alsa.fifoDevice, controller.signal).catch((error: unknown) => {
    failure ??= error;
  });
  let carry: number | undefined;
  const latency = await new Promise<number>((resolve, reject) => {
    // If the alternative ends without ever opening the device, the reader would wait for a writer for
    // ever: be that writer, so the read ends and the failure is reported.
    void speaking.then(() => {
      if (heard) return;
      try {
        closeSync(openSync(alsa.fifoPath, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // the reader is not open yet or already gone: nothing to unblock
      }
      reject(failure instanceof Error ? failure : new Error('the alternative ended without sound'));
    });
    stream.on('data', (chunk: Buffer | string) => {
      const bytes = chunk as Buffer;
      let i = 0;
      if (carry !== undefined && bytes.length > 0) {
        if (Math.abs((((bytes[0]! << 8) | carry) << 16) >> 16) > SOUND_THRESHOLD)
          return ((heard = true), resolve(performance.now() - t0));
        carry = undefined;
        i = 1;
      }
      for (; i + 1 < bytes.length; i += 2)
        if (Math.abs(bytes.readInt16LE(i)) > SOUND_THRESHOLD) return ((heard = true), resolve(performance.now() - t0));
      if (i < bytes.length) carry = bytes[i];
    });
    stream.on('end', () => reject(new Error('the player ended without sound')));
    stream.on('error', reject);
  });
  controller.abort();
  stream.resume();
  await speaking;
  stream.destroy();
  return latency;
}

/**
 * Per-digit streaming, the alternative to synthesizing first: one aplay reading raw PCM from a pipe is
 * started at once, and each digit's espeak-ng output is forwarded as it is produced, silences between.
 */
function espeakStreaming(env: NodeJS.ProcessEnv): Start {
  return (u, device, signal) =>
    new Promise<void>((resolve) => {
      const rateHz = 22050;
      const player = spawn(
        'aplay',
        ['-q', '-D', device, '-t', 'raw', '-f', 'S16_LE', '-r', String(rateHz), '-c', '1', '-'],
        { env, stdio: ['pipe', 'ignore', 'ignore'] },
      );
      player.stdin.on('error', () => {});
      let current: ReturnType<typeof spawn> | undefined;
      signal.addEventListener('abort', () => {
        if (current) terminate(current);
        terminate(player);
      });
      player.on('close', () => resolve());
      void (async () => {
        for (const part of u.parts) {
          if (signal.aborted) break;
          if (part.kind === 'pause')
            player.stdin.write(
              Buffer.alloc(Math.round((scaledPauseMs(part.durationMs, u.ratePercent) / 1000) * rateHz) * 2),
            );
          if (part.kind !== 'text') continue;
          const espeak = spawn('espeak-ng', ['-v', u.lang === 'da' ? 'da' : 'en-gb', '--stdout'], {
            env,
            stdio: ['pipe', 'pipe', 'ignore'],
          });
          current = espeak;
          let header = 44; // the WAV header espeak-ng writes before the samples
          espeak.stdout.on('data', (d: Buffer) => {
            const skip = Math.min(header, d.length);
            header -= skip;
            if (d.length > skip) player.stdin.write(d.subarray(skip));
          });
          espeak.stdin.end(part.text);
          await new Promise((r) => espeak.on('close', r));
        }
        player.stdin.end();
      })();
    });
}

export async function run(opts: BenchOptions): Promise<SpeechBenchRow[]> {
  if (!commandExists('espeak-ng') || !commandExists('aplay'))
    throw new Error('needs espeak-ng and aplay (apt-get install espeak-ng alsa-utils)');
  const alsa = createAlsaFixture();
  const env = alsa.env;
  const n = opts.quick ? 5 : 20;
  const slowN = opts.quick ? 2 : 5;
  const warm = new EspeakBackend({ env });
  await Promise.all([warm.warm('en', 100), warm.warm('da', 100)]);
  const festivalWarm = new FestivalBackend({ env });
  const hasFestival = commandExists('text2wave') && commandExists('festival');
  if (hasFestival) await festivalWarm.warm();

  const alternatives: { name: string; iterations: number; start: Start; englishOnly?: boolean }[] = [
    {
      name: 'espeak-ng segments, digit cache warm (Speaker default)',
      iterations: n,
      start: (u, device, signal) => warm.speak(u, { device, signal }),
    },
    {
      name: 'espeak-ng segments, cold (6 parallel espeak-ng)',
      iterations: n,
      start: (u, device, signal) => new EspeakBackend({ env, cache: false }).speak(u, { device, signal }),
    },
    {
      name: 'espeak-ng whole utterance (one SSML run)',
      iterations: n,
      start: (u, device, signal) => new EspeakBackend({ env, strategy: 'ssml' }).speak(u, { device, signal }),
    },
    { name: 'espeak-ng per-digit streaming into one aplay', iterations: n, start: espeakStreaming(env) },
  ];
  if (hasFestival) {
    alternatives.push(
      {
        name: 'festival text2wave, digit cache warm (en)',
        iterations: n,
        englishOnly: true,
        start: (u, device, signal) => festivalWarm.speak(u, { device, signal }),
      },
      {
        name: 'festival text2wave, cold (en)',
        iterations: slowN,
        englishOnly: true,
        start: (u, device, signal) => new FestivalBackend({ env }).speak(u, { device, signal }),
      },
      {
        name: 'say package: festival --pipe per digit (en)',
        iterations: slowN,
        englishOnly: true,
        start: (u, device, signal) => new SayBackend({ env, platform: 'linux' }).speak(u, { device, signal }),
      },
    );
  }

  const rows: SpeechBenchRow[] = [];
  try {
    for (const alt of alternatives) {
      const samples: number[] = [];
      for (let i = 0; i < alt.iterations; i++) {
        // Vary the code so no alternative profits from a repeated utterance (the digit cache still does).
        const code = String(100000 + ((i * 7919) % 900000)).padStart(6, '0');
        samples.push(
          await firstSoundMs(alsa, alt.start, composeCode(code, { lang: i % 2 && !alt.englishOnly ? 'da' : 'en' })),
        );
      }
      samples.sort((a, b) => a - b);
      const p95 = percentile(samples, 95);
      rows.push({
        alternative: alt.name,
        iterations: alt.iterations,
        p50Ms: round(percentile(samples, 50)),
        p95Ms: round(p95),
        minMs: round(samples[0]!),
        meetsTarget: p95 < TARGET_MS,
      });
    }
  } finally {
    alsa.cleanup();
  }

  if (!opts.json) {
    process.stdout.write(
      `Button to first audio sample on an ALSA device (target < ${TARGET_MS} ms); ${machineLine()}\n\n`,
    );
    process.stdout.write(
      formatTable(
        ['alternative', 'n', 'p50 ms', 'p95 ms', 'min ms', `p95 < ${TARGET_MS}`],
        rows.map((r) => [
          r.alternative,
          String(r.iterations),
          r.p50Ms.toFixed(1),
          r.p95Ms.toFixed(1),
          r.minMs.toFixed(1),
          r.meetsTarget ? 'yes' : 'no',
        ]),
      ),
    );
    if (!hasFestival) process.stdout.write('\n(festival not installed: its rows are left out)\n');
  }
  return rows;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

runIfMain(import.meta.url, 'speech', run);
