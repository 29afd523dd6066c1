import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli';
import { loadsOf } from '../helpers/loads';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** Each command loads only what it needs (issue 11 item 8); the timing itself is bench/startup.ts. */
describe('what the built bin loads at start-up', () => {
  it('tokenkit code and tokenkit --help load no native module and no package but the one they use', () => {
    for (const args of [['code', '--secret', SECRET], ['--help']]) {
      const loads = loadsOf([BIN, ...args]);
      expect(loads.status, args.join(' ')).toBe(0);
      expect(loads.native, args.join(' ')).toEqual([]);
      // commander is bundled into the bin; better-sqlite3, serialport, node-hid, say, fastify stay unloaded.
      expect(loads.packages, args.join(' ')).toEqual([]);
    }
  });

  it('tokenkit code and tokenkit --help load neither the message catalog nor commander', () => {
    for (const args of [['code', '--secret', SECRET], ['--help']]) {
      const loads = loadsOf([BIN, ...args]);
      expect(loads.status, args.join(' ')).toBe(0);
      const dist = loads.files.filter((file) => file.includes('/dist/'));
      // The bin itself and the one bundle its answer is in; each bundle names its sources in comments.
      expect(dist.length, args.join(' ')).toBe(2);
      for (const file of dist) {
        const code = readFileSync(file, 'utf8');
        expect(code, file).not.toContain('// src/i18n/catalog.ts');
        expect(code, file).not.toContain('node_modules/commander');
      }
    }
    // The full program does load both: the markers above are real.
    const full = loadsOf([BIN, 'code', '--secret', SECRET, '--digits', '8']);
    expect(full.status).toBe(0);
    const fullCode = full.files
      .filter((file) => file.includes('/dist/'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('');
    expect(fullCode).toContain('// src/i18n/catalog.ts');
    expect(fullCode).toContain('node_modules/commander');
  });

  it('the store is loaded by the commands that use it, and only then', () => {
    const loads = loadsOf([BIN, '--store', ':memory:', 'token', 'list']);
    expect(loads.status).toBe(0);
    expect(loads.packages).toContain('better-sqlite3');
    // The hooks do see a native module when one loads: the empty lists above mean something.
    expect(loads.native.some((file) => file.endsWith('.node'))).toBe(true);
    expect(loads.packages).not.toContain('serialport');
  });
});
