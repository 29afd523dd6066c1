import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { SpeechAbortedError, SpeechError, SpeechUnavailableError } from './errors';

/** Whether `bin` is on PATH (cached per PATH; a lookup spawns nothing but `sh -c command -v`). */
const found = new Map<string, boolean>();
export function commandExists(bin: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const key = `${env.PATH ?? ''}\u0000${bin}`;
  let result = found.get(key);
  if (result === undefined) {
    result = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', bin], { env, stdio: 'ignore' }).status === 0;
    found.set(key, result);
  }
  return result;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a program to completion with `input` on stdin and collects stdout. ENOENT becomes
 * SpeechUnavailableError naming the Debian package; a non-zero exit a SpeechError with the first stderr
 * line; an abort kills the process (`terminate`) and rejects with SpeechAbortedError once it has exited.
 */
export function runTool(
  bin: string,
  args: string[],
  o: {
    debianPackage: string;
    input?: Uint8Array | string;
    env?: NodeJS.ProcessEnv;
    signal?: AbortSignal;
    onSpawn?: (child: ChildProcess) => void;
    /**
     * The error for a failed spawn (other than ENOENT), a non-zero exit, or death by a signal we did not
     * send (`signal`); default: SpeechError with the first stderr line.
     */
    failure?: (f: { code: number | null; signal?: NodeJS.Signals; stderr: string; spawnError?: Error }) => Error;
  },
): Promise<RunResult> {
  const failure =
    o.failure ??
    (({ code, signal, stderr, spawnError }) => {
      if (spawnError) return new SpeechError('speech.error.badWav', { detail: `${bin}: ${spawnError.message}` });
      const line = stderr.trim().split('\n')[0] ?? '';
      return new SpeechError('speech.error.badWav', {
        detail: `${bin} ${signal ? `was stopped by ${signal}` : `exited with ${code}`}${line ? `: ${line}` : ''}`,
      });
    });
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(new SpeechAbortedError());
    const child = spawn(bin, args, { env: o.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      terminate(child);
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The process may exit before reading all input (killed, or a bad option): that is not our error.
    child.stdin.on('error', () => {});
    child.on('error', (error: NodeJS.ErrnoException) => {
      o.signal?.removeEventListener('abort', onAbort);
      reject(
        error.code === 'ENOENT'
          ? new SpeechUnavailableError(bin, o.debianPackage)
          : failure({ code: null, stderr, spawnError: error }),
      );
    });
    child.on('close', (code, signal) => {
      o.signal?.removeEventListener('abort', onAbort);
      if (aborted) return reject(new SpeechAbortedError());
      if (code !== 0) return reject(failure({ code, stderr, ...(signal ? { signal } : {}) }));
      resolve({ stdout: Buffer.concat(out), stderr });
    });
    o.onSpawn?.(child);
    child.stdin.end(o.input ?? '');
  });
}

/** Like Promise.all, but waits for every promise (every process) before rejecting with the first error. */
export async function allSettledOrThrow(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** How long a process gets to exit after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 150;

/**
 * Stops a child: SIGTERM, then SIGKILL if it has not exited after KILL_GRACE_MS. aplay catches SIGTERM
 * and, when blocked writing to a device or pipe, keeps waiting (the write is restarted), so the second
 * signal is what guarantees that cancelled speech really stops. `group` kills the child's process group
 * (it must have been spawned detached).
 */
export function terminate(child: ChildProcess, group = false): void {
  const send = (signal: NodeJS.Signals) => {
    // A group outlives its leader (festival may exit while its aplay is stuck): always signal it.
    if (!group && (child.exitCode !== null || child.signalCode !== null)) return;
    try {
      if (group && child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // ESRCH: already gone.
    }
  };
  send('SIGTERM');
  const timer = setTimeout(() => send('SIGKILL'), KILL_GRACE_MS);
  timer.unref();
  if (!group) child.once('exit', () => clearTimeout(timer));
}

/** "aplay: main:831: audio open error: X" → "audio open error: X": the program and source line mean nothing to a user. */
export function cleanToolMessage(line: string): string {
  return line.replace(/^[\w.-]+: /, '').replace(/^\w+:\d+:\s*(\([^)]*\)\s*)?/, '');
}
