import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary HOME whose ~/.asoundrc defines ALSA devices that write what is played into files, so tests
 * can assert that sound actually came out of aplay/festival:
 * - `tk_capture`: `type file` over the null PCM, one raw file per opening (truncate false makes ALSA
 *   add .0001, .0002... instead of overwriting), named with the sample rate: capture-RATE.raw[.NNNN].
 * - `tk_fifo`: writes into a named pipe, so playback lasts as long as the test reads (or blocks when it
 *   stops reading): how "abort mid-play" is tested without timing.
 * Child processes get `env` (HOME pointing here); nothing touches the real ~/.asoundrc.
 */
export interface AlsaFixture {
  dir: string;
  env: NodeJS.ProcessEnv;
  captureDevice: string;
  fifoDevice: string;
  fifoPath: string;
  /** Captured clips in the order they were opened: sample rate and samples. */
  captures(): { rateHz: number; samples: Int16Array }[];
  clearCaptures(): void;
  cleanup(): void;
}

export function createAlsaFixture(): AlsaFixture {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-alsa-test-'));
  const captureDir = join(dir, 'captures');
  execFileSync('mkdir', ['-p', captureDir]);
  const fifoPath = join(dir, 'player.fifo');
  execFileSync('mkfifo', [fifoPath]);
  writeFileSync(
    join(dir, '.asoundrc'),
    `pcm.tk_capture {
  type file
  slave.pcm "null"
  file "${captureDir}/capture-%r.raw"
  format "raw"
  truncate false
  hint { show on description "tokenkit test capture" }
}
pcm.tk_fifo {
  type file
  slave.pcm "null"
  file "${fifoPath}"
  format "raw"
  hint { show on description "tokenkit test pipe" }
}
`,
  );
  const order = (name: string) => Number(/\.(\d{4})$/.exec(name)?.[1] ?? 0);
  return {
    dir,
    env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config') },
    captureDevice: 'tk_capture',
    fifoDevice: 'tk_fifo',
    fifoPath,
    captures() {
      const files = readdirSync(captureDir).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
      return files.map((f) => {
        const bytes = readFileSync(join(captureDir, f));
        const samples = new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 2));
        return { rateHz: Number(/capture-(\d+)/.exec(f)?.[1]), samples };
      });
    },
    clearCaptures() {
      for (const f of readdirSync(captureDir)) rmSync(join(captureDir, f));
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a process id still names a live process (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A predicate for polling: true once the `n`th clip (1-based) exists and did not grow since the previous
 * poll, i.e. the player has finished writing it.
 */
export function clipComplete(alsa: AlsaFixture, n = 1): () => boolean {
  let last = -1;
  return () => {
    const clips = alsa.captures();
    const size = clips[n - 1]?.samples.length ?? 0;
    const stable = clips.length >= n && size > 0 && size === last;
    last = size;
    return stable;
  };
}
