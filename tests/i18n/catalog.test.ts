import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/i18n/catalog';
import { hasMessage, messageKeys, t } from '../../src/i18n/index';

describe('the message catalog', () => {
  it('registers every layer in one place: no key is declared twice', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, catalog] of Object.entries(CATALOGS)) {
      for (const key of Object.keys(catalog)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${name})`);
        seen.set(key, name);
      }
    }
    expect(twice).toEqual([]);
    expect(messageKeys().length).toBe(seen.size);
  });

  it('knows every text without importing the modules that use them (no registration by side effect)', () => {
    // Only src/i18n is loaded in this process: texts of the CLI, the device layer and the simulator are there.
    const script = `import { t } from './src/i18n/index.ts';
      process.stdout.write([t('da', 'cli.device.drift.longer', { target: 10, seconds: 60 }), t('en', 'sim.error.socketInUse', { path: 'P' })].join('\\n'));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      `${t('da', 'cli.device.drift.longer', { target: 10, seconds: 60 })}\n${t('en', 'sim.error.socketInUse', { path: 'P' })}`,
    );
    expect(r.stdout).toContain('mål i cirka 60 s');
  });

  it('types keys from the catalogs: a misspelt key does not compile', () => {
    // tsc (part of npm test) fails on this file if the misspelt key were accepted: the directive would be unused.
    // @ts-expect-error 'cli.device.drift.longr' is not a key of any catalog
    expect(t('en', 'cli.device.drift.longr')).toBe('cli.device.drift.longr');
    expect(hasMessage('cli.device.drift.longr')).toBe(false);
    expect(hasMessage('cli.device.drift.longer')).toBe(true);
  });
});
