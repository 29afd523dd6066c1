import type { Command } from 'commander';
import type { Clock } from '../clock';
import { openTokenStore, type SqliteTokenStore } from '../store/index';
import type { CliContext } from './context';

/**
 * The one place a command opens the token store: --store (a global option; an empty value is refused,
 * never taken for the default), else TOKENKIT_STORE, else the XDG default. SQLite itself loads on open
 * (src/native-module.ts), so commands without a store never load it.
 */
export function openCliStore(command: Command, ctx: CliContext, clock?: Clock): SqliteTokenStore {
  const { store } = command.optsWithGlobals<{ store?: string }>();
  return openTokenStore({ path: store, env: ctx.io.env, ...(clock ? { clock } : {}) });
}

/** Runs `fn` with the store open and closes it afterwards (after the promise settles, for async work). */
export function withCliStore<T>(
  command: Command,
  ctx: CliContext,
  fn: (store: SqliteTokenStore) => T,
  clock?: Clock,
): T {
  const store = openCliStore(command, ctx, clock);
  let result: T;
  try {
    result = fn(store);
  } catch (error) {
    store.close();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => store.close()) as T;
  store.close();
  return result;
}
