import { createRequire } from 'node:module';

/**
 * A package with a native addon (better-sqlite3, serialport), loaded on first use rather than at import:
 * `import 'tokenkit/otp'` and `tokenkit code` never load one (tests/package.test.ts, tests/cli/startup.test.ts).
 * Works in the ESM and the CommonJS build alike.
 */
export function requireLazily<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= nodeRequire()(id) as T;
    return loaded;
  };
}

function nodeRequire(): NodeJS.Require {
  // ESM: a require of our own (a bundler's `require` shim would throw). The CommonJS build has no
  // import.meta.url (esbuild leaves it undefined) and a real `require`.
  const url = import.meta.url as string | undefined;
  return url ? createRequire(url) : require;
}
