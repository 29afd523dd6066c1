import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { TokenkitError } from '../errors';
import { LINK_TEXTS } from './texts';

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
    super(LINK_TEXTS, `link.rendezvous.${problem}`, { dir, ...params });
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

/** A simulated serial board as `tokenkit sim --serial` registers it, so discovery finds it like a USB one. */
export interface SimulatedSerialEntry {
  /** Where the host opens it (the --link path or the pts device). */
  path: string;
  serialNumber: string;
  /** The simulator process: an entry whose process is gone is stale and ignored. */
  pid: number;
  /** devices/boards id the simulated board answers as. */
  boardId: string;
}

const SERIAL_ENTRY_SUFFIX = '.serial.json';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is only not ours (then its entry could not be in our private directory anyway).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Registers a simulated serial board in the private rendezvous directory (created 0700 if needed, file
 * 0600). Returns the function that removes the entry again (idempotent).
 */
export function registerSimulatedSerial(entry: SimulatedSerialEntry, env: NodeJS.ProcessEnv = process.env): () => void {
  const dir = privateRendezvousDir(env);
  const file = join(dir, `${entry.serialNumber.replace(/[^\w-]/g, '_')}${SERIAL_ENTRY_SUFFIX}`);
  // Written aside and renamed, so a reader never sees half an entry.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  renameSync(temp, file);
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    rmSync(file, { force: true });
  };
}

/**
 * The simulated serial boards registered in the rendezvous directory whose simulator still runs and
 * whose port still exists. Throws RendezvousDirError when the directory is not private (see
 * checkRendezvousDir): a board listed by someone else must not become "the only board".
 */
export function listSimulatedSerial(env: NodeJS.ProcessEnv = process.env): SimulatedSerialEntry[] {
  const dir = rendezvousDirPath(env);
  if (!checkRendezvousDir(dir)) return [];
  const entries: SimulatedSerialEntry[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(SERIAL_ENTRY_SUFFIX));
  } catch {
    return [];
  }
  for (const name of names) {
    try {
      const e = JSON.parse(readFileSync(join(dir, name), 'utf8')) as SimulatedSerialEntry;
      if (typeof e.path !== 'string' || typeof e.serialNumber !== 'string' || !Number.isInteger(e.pid)) continue;
      if (!processAlive(e.pid) || !existsSync(e.path)) continue;
      entries.push(e);
    } catch {
      // unreadable or half-written: not a board
    }
  }
  return entries;
}
