/** src/store: where tokens and their verification state live (SQLite in WAL mode, or memory for tests). */
import type { Clock } from '../clock';
import { resolveStorePath } from './paths';
import { SqliteTokenStore } from './sqlite-store';

export { StoreError, type StoreErrorKind } from './errors';
export { MemoryTokenStore } from './memory-store';
export { resolveStorePath, STORE_FILE_NAME } from './paths';
export { MIGRATIONS, type Migration, SCHEMA_VERSION, TOKENKIT_APPLICATION_ID } from './schema';
export {
  DEFAULT_BUSY_TIMEOUT_MS,
  migrate,
  SqliteTokenStore,
  type SqliteTokenStoreOptions,
  translateStoreError,
} from './sqlite-store';
export {
  MAX_USER_LENGTH,
  type NewToken,
  type TokenKind,
  type TokenRecord,
  type TokenState,
  type TokenStore,
  type TokenUpdate,
  validateUser,
} from './types';

/** Opens the store the CLI would use: `path` (the --store option), else TOKENKIT_STORE, else the XDG default. */
export function openTokenStore(
  options: { path?: string; env?: NodeJS.ProcessEnv; clock?: Clock } = {},
): SqliteTokenStore {
  const path = resolveStorePath(options.path, options.env ?? process.env);
  return new SqliteTokenStore({ path, ...(options.clock ? { clock: options.clock } : {}) });
}
