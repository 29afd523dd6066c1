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
    banner: { js: '#!/usr/bin/env node' },
  },
]);
