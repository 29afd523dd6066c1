import { spawn } from 'node:child_process';
import { MissingToolError } from '../../link/index';
import { DEVICE_TEXTS, DeviceError } from '../errors';

/** Where an avrdude run stopped: before anything was written, while writing, or when reading back. */
export type AvrdudeFailure = 'no-sync' | 'port' | 'signature' | 'write' | 'verify' | 'other';

/** avrdude exited non-zero. `stage` says whether the board's flash was touched; `detail` is avrdude's line. */
export class AvrdudeError extends DeviceError {
  constructor(
    port: string,
    readonly stage: AvrdudeFailure,
    /** avrdude's own exit status (not tokenkit's: that is 4, a device problem). */
    readonly avrdudeStatus: number,
    readonly detail: string,
  ) {
    super(`flash.avrdude.${stage}`, { port, exitCode: avrdudeStatus, detail });
  }
  /** Whether avrdude may have changed the flash (the board then needs flashing again). */
  get flashTouched(): boolean {
    return this.stage === 'write' || this.stage === 'verify';
  }
}

export interface AvrdudeJob {
  programmer: string;
  part: string;
  port: string;
  baudRate: number;
  hexPath: string;
}

export interface AvrdudeResult {
  /** avrdude's own output (stdout and stderr, in order). */
  output: string;
  /** The argument list it ran with (for the user to rerun by hand). */
  args: string[];
  bytesWritten: number | undefined;
  verified: boolean;
}

export interface AvrdudeRunOptions {
  /** The program to run (default `avrdude` on PATH). */
  bin?: string;
  /** Told of avrdude's progress: each line it prints. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  /**
   * avrdude 7 keeps trying page after page when the bootloader falls silent mid-write (seconds per page):
   * after this many "programmer is not responding" it is stopped and the run fails (default 3).
   */
  maxNotResponding?: number;
}

/** avrdude's arguments: write the flash (with its automatic verify) through the board's bootloader. */
export function avrdudeArgs(job: AvrdudeJob): string[] {
  return [
    '-c',
    job.programmer,
    '-p',
    job.part,
    '-P',
    job.port,
    '-b',
    String(job.baudRate),
    '-D', // Optiboot erases each page as it writes it; a chip erase is not the bootloader's to do
    '-U',
    `flash:w:${job.hexPath}:i`,
  ];
}

/** The last line of avrdude's output that says what went wrong. */
function errorLine(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/^avrdude(?: OS)? (?:error|warning)?:?\s*/, '').trim())
    .filter((l) => l !== '' && !/TIOCM[GS]ET|Inappropriate ioctl|Thank you|^\W+$/.test(l));
  const errors = output
    .split('\n')
    .filter((l) => /error|not in sync|mismatch|not responding|can't open|cannot open|failed/i.test(l))
    .map((l) => l.replace(/^avrdude(?: OS)? (?:error|warning)?:?\s*/, '').trim());
  return (errors[errors.length - 1] ?? lines[lines.length - 1] ?? '').slice(0, 200);
}

/** Which kind of failure avrdude's output shows (its wording in 7.x; older ones say much the same). */
export function classifyAvrdudeFailure(output: string): AvrdudeFailure {
  if (/verification error|verification mismatch|content mismatch/i.test(output)) return 'verify';
  if (/can't open device|cannot open port|ser_open\(\)|No such file or directory|Permission denied/i.test(output))
    return 'port';
  if (/expected signature|invalid device signature|device signature = 0x(?!1e950f)/i.test(output)) return 'signature';
  if (/writing (?:\d+ bytes )?flash|Writing \|/i.test(output)) return 'write';
  if (/not in sync|not responding|unable to open programmer|stk500_getsync|stk500_recv/i.test(output)) return 'no-sync';
  return 'other';
}

/**
 * Runs avrdude to write and verify one hex file. MissingToolError (exit 5, naming the Debian package) when
 * avrdude is not installed; AvrdudeError with the stage it stopped at otherwise.
 */
export function runAvrdude(job: AvrdudeJob, opts: AvrdudeRunOptions = {}): Promise<AvrdudeResult> {
  const args = avrdudeArgs(job);
  return new Promise((resolve, reject) => {
    const child = spawn(opts.bin ?? 'avrdude', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    let output = '';
    let partial = '';
    let notResponding = 0;
    let gaveUp = false;
    const take = (data: Buffer) => {
      const text = data.toString();
      output += text;
      partial += text;
      const lines = partial.split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        opts.onLine?.(line);
        if (/not responding/.test(line) && ++notResponding >= (opts.maxNotResponding ?? 3) && !gaveUp) {
          gaveUp = true;
          child.kill('SIGTERM');
        }
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') reject(new MissingToolError('avrdude', 'flash.avrdude.missing', DEVICE_TEXTS));
      else reject(error);
    });
    child.once('close', (code, signal) => {
      if (code === 0) {
        const written = output.match(/(\d+) bytes of flash written/);
        resolve({
          output,
          args,
          bytesWritten: written ? Number(written[1]) : undefined,
          verified: /bytes of flash verified/.test(output),
        });
        return;
      }
      const stage = classifyAvrdudeFailure(output);
      const detail = gaveUp ? 'the bootloader stopped answering' : signal ? `stopped by ${signal}` : errorLine(output);
      reject(new AvrdudeError(job.port, stage, code ?? -1, detail));
    });
  });
}
