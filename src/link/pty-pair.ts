import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, symlinkSync, unlinkSync } from 'node:fs';
import { type ErrorCategory, type TextTable, TokenkitError } from '../errors';
import type { MessageKey } from '../i18n/index';
import { LINK_TEXTS, type LinkKey } from './texts';

/**
 * A program tokenkit needs is not installed; the message names the package. Exit code 5. Other layers
 * throw it too (avrdude): they pass the table their `key` is in.
 */
export class MissingToolError extends TokenkitError {
  override readonly category: ErrorCategory = 'missing-tool';
  constructor(
    readonly tool: string,
    key: MessageKey,
    texts: TextTable = LINK_TEXTS,
  ) {
    super(texts, key, { tool });
  }
}

/** socat ran but did not produce the pair (bad path, permissions). */
export class PtyPairError extends TokenkitError {
  constructor(key: LinkKey, params: { detail?: string; path?: string }) {
    super(LINK_TEXTS, key, params);
  }
}

export interface PtyPair {
  /** Where the host opens the port (the `--link` path, or the pts device socat made). */
  hostPath: string;
  /** Where the simulated board opens its side. */
  boardPath: string;
  readonly process: ChildProcess;
  /** Kills socat (SIGTERM), waits for it, removes the symlinks it made. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when socat exits for any reason. */
  readonly exited: Promise<void>;
}

export interface PtyPairOptions {
  /** Symlink for the host side (`tokenkit sim --link PATH`); default: socat's /dev/pts/N. */
  hostLink?: string;
  /** Symlink for the board side; default: socat's /dev/pts/N. */
  boardLink?: string;
  /** How long to wait for socat to be ready (default 5000 ms). */
  readyTimeoutMs?: number;
}

/**
 * A dangling symlink from a killed socat would make the next socat fail: remove it. Refuse real files, and
 * a link that still leads to a pty (a running simulator: taking its path over would cut it off).
 */
function clearStaleLink(path: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSymbolicLink()) throw new PtyPairError('link.pty.linkBusy', { path });
  if (existsSync(path)) throw new PtyPairError('link.pty.linkInUse', { path });
  unlinkSync(path);
}

/** socat's address for one side. Fixed text: no path or other user input ever reaches socat's syntax. */
const PTY_ADDRESS = 'pty,raw,echo=0';

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0`: two connected pseudo-terminals, like the two ends
 * of a USB CDC cable. Resolves once socat reports its data loop, with both paths. The `--link` symlinks
 * are made here, not by socat's `link=` option: socat's address syntax reads ',' as another option and
 * '!!' as a second address, so a path pasted into it could add options (`mode=666`) or run a program.
 * Both ptys are made 0600, so no other user can read the codes or write frames.
 * Rejects with MissingToolError when socat is not installed, PtyPairError when socat fails.
 */
export async function startPtyPair(opts: PtyPairOptions = {}): Promise<PtyPair> {
  if (opts.hostLink) clearStaleLink(opts.hostLink);
  if (opts.boardLink) clearStaleLink(opts.boardLink);
  const child = spawn('socat', ['-d', '-d', PTY_ADDRESS, PTY_ADDRESS], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  const ptys: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new PtyPairError('link.pty.failed', { detail: `no answer within ${opts.readyTimeoutMs ?? 5000} ms` })),
      opts.readyTimeoutMs ?? 5000,
    );
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new MissingToolError('socat', 'link.pty.missingSocat')
          : new PtyPairError('link.pty.failed', { detail: error.message }),
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      // socat's last line is its exit notice ("N exit(1)"); the reason is its last error line (" E ").
      const lines = stderr.trim().split('\n');
      const reason = [...lines].reverse().find((l) => / E /.test(l)) ?? lines.pop() ?? '';
      reject(
        new PtyPairError('link.pty.failed', { detail: `socat exited with ${code}: ${reason.replace(/^.*? E /, '')}` }),
      );
    });
    child.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      for (const m of stderr.matchAll(/PTY is (\S+)/g)) if (!ptys.includes(m[1]!)) ptys.push(m[1]!);
      if (/starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const made: string[] = [];
  try {
    await ready;
    if (ptys.length < 2) throw new PtyPairError('link.pty.failed', { detail: 'socat named fewer than two ptys' });
    for (const pts of ptys.slice(0, 2)) chmodSync(pts, 0o600);
    for (const [link, pts] of [
      [opts.hostLink, ptys[0]!],
      [opts.boardLink, ptys[1]!],
    ] as const) {
      if (!link) continue;
      try {
        symlinkSync(pts, link);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new PtyPairError('link.pty.linkBusy', { path: link });
        if (code === 'ENOENT') throw new PtyPairError('link.pty.linkNoDir', { path: link });
        throw new PtyPairError('link.pty.cannotLink', { path: link, detail: (error as Error).message });
      }
      made.push(link);
    }
  } catch (error) {
    child.kill('SIGKILL');
    for (const link of made) unlinkSync(link);
    throw error;
  }
  // Stop buffering socat's chatter once ready.
  child.stderr!.removeAllListeners('data');
  child.stderr!.resume();
  let stopping: Promise<void> | undefined;
  return {
    hostPath: opts.hostLink ?? ptys[0]!,
    boardPath: opts.boardLink ?? ptys[1]!,
    process: child,
    exited,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          await exited;
        }
        for (const link of [opts.hostLink, opts.boardLink]) {
          if (!link) continue;
          try {
            // Only our own link: a path someone reused meanwhile for something else is left alone.
            if (lstatSync(link).isSymbolicLink()) unlinkSync(link);
          } catch {
            // already gone
          }
        }
      })();
      return stopping;
    },
  };
}
