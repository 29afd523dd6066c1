/** src/store: where tokens and their verification state live (SQLite in WAL mode, or memory for tests). */
import type { Clock } from '../clock';
import { resolveStorePath } from './paths';
import { SqliteTokenStore } from './sqlite-store';

export { StoreError, type StoreErrorKind } from './errors';
export {
  MAX_USER_LENGTH,
  TOKEN_ALGORITHMS,
  validateUser,
  type NewToken,
  type TokenAlgorithm,
  type TokenKind,
  type TokenRecord,
  type TokenState,
  type TokenStore,
  type TokenUpdate,
} from './types';
export { MIGRATIONS, SCHEMA_VERSION, TOKENKIT_APPLICATION_ID, type Migration } from './schema';
export { SqliteTokenStore, DEFAULT_BUSY_TIMEOUT_MS, migrate, translateStoreError, type SqliteTokenStoreOptions } from './sqlite-store';
export { MemoryTokenStore } from './memory-store';
export { resolveStorePath, STORE_FILE_NAME } from './paths';

/** Opens the store the CLI would use: `path` (the --store option), else TOKENKIT_STORE, else the XDG default. */
export function openTokenStore(options: { path?: string; env?: NodeJS.ProcessEnv; clock?: Clock } = {}): SqliteTokenStore {
  const path = resolveStorePath(options.path, options.env ?? process.env);
  return new SqliteTokenStore({ path, ...(options.clock ? { clock: options.clock } : {}) });
}
