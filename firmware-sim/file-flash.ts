import { createHash } from 'node:crypto';
import { promises as fs, constants as fsConstants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OtpAlgorithm } from '../src/otp/index';
import type { Flash, FlashRecord } from './hal';

const FORMAT = 'tokenkit-flash-v1';

interface FileShape {
  format: string;
  serial: string;
  activationCode: string;
  secret: null | {
    b64: string;
    algorithm: OtpAlgorithm;
    digits: number;
    periodSec: number;
    t0Sec: number;
  };
  /** sha256 over the JSON of the other fields: a torn or edited file is detected, not half-used. */
  sha256: string;
}

/**
 * The points of a flash write, in order: the temp file is `opened` (empty), `half` written (torn),
 * `synced` (complete, not yet in place), then `renamed` over the board file (done, not yet acknowledged).
 */
export type FlashWritePhase = 'opened' | 'half' | 'synced' | 'renamed';
export const FLASH_WRITE_PHASES: readonly FlashWritePhase[] = ['opened', 'half', 'synced', 'renamed'];

/** A flash file that exists but cannot be used (edited by hand, or from a newer format). */
export class FlashCorruptError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`flash file ${path} is unusable (${detail}); move it away to start the board fresh`);
    this.name = 'FlashCorruptError';
  }
}

function digest(body: Omit<FileShape, 'sha256'>): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/**
 * A simulated board's flash: one JSON file per board (mode 0600), replaced atomically on every write:
 * write a temp file in the same directory, fsync it, rename it over the old one, fsync the directory.
 * A process killed at any point leaves either the old file or the new one, never a mix (rename is
 * atomic on POSIX file systems). Stale temp files from a killed write are removed at the next read.
 */
export class FileFlash implements Flash {
  /**
   * Fault flags for tests: `slowWriteMs` pauses after writing the temp file and again before the rename,
   * like slow flash; `failWriteAfterHalf` makes the write fail halfway, like a full or worn-out flash;
   * `phase` is awaited at each point of a write (FlashWritePhase), so a test can stop the board there and
   * kill it exactly mid-write.
   */
  constructor(
    readonly path: string,
    private readonly opts: {
      slowWriteMs?: number;
      failWriteAfterHalf?: boolean;
      phase?: (phase: FlashWritePhase) => Promise<void> | void;
    } = {},
  ) {}

  async read(): Promise<FlashRecord | undefined> {
    await this.removeStaleTemps();
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let parsed: FileShape;
    try {
      parsed = JSON.parse(text) as FileShape;
    } catch {
      throw new FlashCorruptError(this.path, 'not JSON');
    }
    if (parsed.format !== FORMAT) throw new FlashCorruptError(this.path, `format ${String(parsed.format)}`);
    const { sha256, ...body } = parsed;
    if (digest(body) !== sha256) throw new FlashCorruptError(this.path, 'checksum mismatch');
    return {
      serial: parsed.serial,
      activationCode: parsed.activationCode,
      secret: parsed.secret
        ? {
            secret: Uint8Array.from(Buffer.from(parsed.secret.b64, 'base64')),
            algorithm: parsed.secret.algorithm,
            digits: parsed.secret.digits,
            periodSec: parsed.secret.periodSec,
            t0Sec: parsed.secret.t0Sec,
          }
        : null,
    };
  }

  async write(record: FlashRecord): Promise<void> {
    const body: Omit<FileShape, 'sha256'> = {
      format: FORMAT,
      serial: record.serial,
      activationCode: record.activationCode,
      secret: record.secret
        ? {
            b64: Buffer.from(record.secret.secret).toString('base64'),
            algorithm: record.secret.algorithm,
            digits: record.secret.digits,
            periodSec: record.secret.periodSec,
            t0Sec: record.secret.t0Sec,
          }
        : null,
    };
    const data = JSON.stringify({ ...body, sha256: digest(body) });
    const dir = dirname(this.path);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${basename(this.path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
    const handle = await fs.open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
    const pause = () => (this.opts.slowWriteMs ? new Promise((r) => setTimeout(r, this.opts.slowWriteMs)) : undefined);
    const phase = async (name: FlashWritePhase) => this.opts.phase?.(name);
    try {
      await phase('opened');
      // Two halves with a pause between them: a kill in the middle leaves a torn temp file, never a torn board file.
      const half = Math.floor(data.length / 2);
      await handle.write(data.slice(0, half));
      if (this.opts.failWriteAfterHalf) throw new Error('ENOSPC: no space left on device (simulated)');
      await phase('half');
      await pause();
      await handle.write(data.slice(half));
      await handle.sync();
    } catch (error) {
      // A failed write must not leave the secret behind in a temp file until the next boot.
      await handle.close();
      await fs.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    await phase('synced');
    await pause();
    try {
      await fs.rename(temp, this.path);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    // The rename is durable only once the directory entry is on disk.
    const dirHandle = await fs.open(dir, fsConstants.O_RDONLY);
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    await phase('renamed');
  }

  private async removeStaleTemps(): Promise<void> {
    const dir = dirname(this.path);
    const prefix = `.${basename(this.path)}.tmp-`;
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return;
    }
    await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => fs.rm(join(dir, n), { force: true })));
  }
}
