import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { StoreError } from './errors';

export const STORE_FILE_NAME = 'tokenkit.db';

/**
 * The store file to use: an explicit path (the `--store` option; an empty one is StoreError{kind:'unwritable'})
 * first, then TOKENKIT_STORE, then
 * `$XDG_STATE_HOME/tokenkit/tokenkit.db` (a relative XDG_STATE_HOME is ignored, as the XDG spec says),
 * else `~/.local/state/tokenkit/tokenkit.db`.
 */
export function resolveStorePath(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  // An explicit empty path is an unset variable in a script (--store "$X"), not a wish for the default store.
  if (explicit === '') throw new StoreError('unwritable', 'store.error.emptyPath');
  if (explicit !== undefined) return explicit === ':memory:' ? explicit : resolve(explicit);
  const fromEnv = env.TOKENKIT_STORE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv === ':memory:' ? fromEnv : resolve(fromEnv);
  const xdg = env.XDG_STATE_HOME;
  const stateHome = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'state');
  return join(stateHome, 'tokenkit', STORE_FILE_NAME);
}
