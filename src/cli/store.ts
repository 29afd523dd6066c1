import type { Command } from 'commander';
import type { Clock } from '../clock';
import type { SqliteTokenStore } from '../store/index';
import type { CliContext } from './context';

/**
 * The one place a command opens the token store: --store (a global option; an empty value is refused,
 * never taken for the default), else TOKENKIT_STORE, else the XDG default. Loaded lazily: SQLite is a
 * native module that commands without a store never load.
 */
export async function openCliStore(command: Command, ctx: CliContext, clock?: Clock): Promise<SqliteTokenStore> {
  const { store } = command.optsWithGlobals<{ store?: string }>();
  const { openTokenStore } = await import('../store/index');
  return openTokenStore({ path: store, env: ctx.io.env, ...(clock ? { clock } : {}) });
}

/** Runs `fn` with the store open and always closes it. */
export async function withCliStore<T>(
  command: Command,
  ctx: CliContext,
  fn: (store: SqliteTokenStore) => T | Promise<T>,
  clock?: Clock,
): Promise<T> {
  const store = await openCliStore(command, ctx, clock);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
