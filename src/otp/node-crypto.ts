/**
 * node:crypto on first use, not at import. Loading it costs ~2.4 ms (OpenSSL's start-up), more than the
 * rest of `tokenkit code` together, and the JS HMAC cores need it only for keys longer than a block; the
 * bin's fast path and `import 'tokenkit/otp'` never pay for it unless they hash a long key, use the
 * 'node' HMAC or draw a random secret (issue 11 item 8, docs/performance.md). `process.getBuiltinModule`
 * works alike in the ESM and the CommonJS build.
 */
export const nodeCrypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');
