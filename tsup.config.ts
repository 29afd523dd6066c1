import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS + declarations. It never pulls in the CLI or the terminal UI.
    // One entry per subpath export (package.json "exports"): tokenkit/otp loads the OTP engine only.
    entry: {
      index: 'src/index.ts',
      otp: 'src/otp/index.ts',
      verify: 'src/verify/index.ts',
      store: 'src/store/index.ts',
      protocol: 'src/protocol/index.ts',
      device: 'src/device/index.ts',
      speech: 'src/speech/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // src/native-module.ts reads import.meta.url only in the ESM build; the CJS build has `require`.
    esbuildOptions(options) {
      options.logOverride = { 'empty-import-meta': 'silent' };
    },
  },
  {
    // The full program behind the bin (dist/cli-main.js, imported by dist/cli.cjs), and the firmware
    // simulator and the AVR emulator as processes (spawned on a pty).
    entry: {
      'cli-main': 'src/cli/run-main.ts',
      'firmware-sim': 'firmware-sim/main.ts',
      'firmware-avr': 'firmware-sim/avr/main.ts',
    },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    // A `require` for the CommonJS packages bundled into ESM (commander's require('node:events')).
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __tokenkitRequire } from 'node:module';\nconst require = __tokenkitRequire(import.meta.url);",
    },
    // commander is bundled: loading it as a CommonJS package from ESM costs ~15-30 ms of start-up (resolve,
    // cjs-module-lexer, many files) on a budget of ~20 ms (issue 11 item 8, docs/performance.md).
    noExternal: ['commander'],
  },
  {
    // The `tokenkit` bin itself: CommonJS, since node starts a CommonJS file ~3.5 ms sooner than an ES
    // module (issue 11 item 8, docs/performance.md). It is the fast path only; its two answers are separate
    // bundles, each loaded only when needed, and anything else imports dist/cli-main.js.
    entry: {
      cli: 'src/cli/main.ts',
      'cli-help': 'src/cli/root-help.ts',
      'cli-code': 'src/cli/fast-code.ts',
    },
    format: ['cjs'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
