import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { TokenkitError } from '../errors';

/*
 * Where simulated boards meet the commands that look for them (HID report sockets, the registry of
 * simulated serial boards). A board found there is trusted with a secret by `device provision`, so the
 * directory must be this user's alone: in a shared directory another local user could put a fake board
 * there and be "the only board".
 */

export type RendezvousProblem = 'notOwned' | 'openToOthers' | 'notDirectory' | 'cannotCreate';

/** The rendezvous directory is not private to this user. Exit code 2 (the environment is unusable). */
export class RendezvousDirError extends TokenkitError {
  constructor(
    readonly dir: string,
    readonly problem: RendezvousProblem,
    params: { owner?: number; detail?: string } = {},
  ) {
    super(`link.rendezvous.${problem}`, { dir, ...params });
  }
}

/**
 * The directory: `$TOKENKIT_RUNTIME_DIR`, else `$XDG_RUNTIME_DIR/tokenkit` (an absolute XDG_RUNTIME_DIR
 * only, as the XDG spec says), else `<tmp>/tokenkit-<uid>`. Not checked: see `privateRendezvousDir`.
 */
export function rendezvousDirPath(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.TOKENKIT_RUNTIME_DIR?.trim();
  if (explicit) return explicit;
  const xdg = env.XDG_RUNTIME_DIR?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, 'tokenkit');
  return join(tmpdir(), `tokenkit-${process.getuid?.() ?? 'user'}`);
}

/**
 * Throws RendezvousDirError unless `dir` is a real directory (not a symlink) owned by this user and not
 * writable by group or others. A missing directory is fine (returns false): nothing has met there yet.
 */
export function checkRendezvousDir(dir: string): boolean {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new RendezvousDirError(dir, 'cannotCreate', { detail: (error as Error).message });
  }
  if (!stat.isDirectory()) throw new RendezvousDirError(dir, 'notDirectory');
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw new RendezvousDirError(dir, 'notOwned', { owner: stat.uid });
  if ((stat.mode & 0o022) !== 0) throw new RendezvousDirError(dir, 'openToOthers');
  return true;
}

/**
 * The rendezvous directory, created 0700 when missing, checked with `checkRendezvousDir` either way.
 * Used by whoever puts a board there (`sim --hid`, `sim --serial`).
 */
export function privateRendezvousDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = rendezvousDirPath(env);
  if (!checkRendezvousDir(dir)) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new RendezvousDirError(dir, 'cannotCreate', { detail: (error as Error).message });
    }
    checkRendezvousDir(dir);
  }
  return dir;
}
