import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS + declarations. It never pulls in the CLI or the terminal UI.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    // The `tokenkit` bin, and the firmware simulator and the AVR emulator as processes (spawned on a pty).
    entry: {
      cli: 'src/cli/main.ts',
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
]);
