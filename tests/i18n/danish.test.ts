import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/cli/context';
import { buildProgram } from '../../src/cli/program';
import { formatNumber, messageKeys, messageText, t } from '../../src/i18n/index';
import '../../src/index';
import { decodeBase32 } from '../../src/otp/index';
import { type HidSimHandle, startHidSim } from '../../src/sim/index';
import { runCli } from '../helpers/cli';

/** Forms a native speaker would not write (issue 10 item 17), each with what to write instead. */
const BANNED: [RegExp, string][] = [
  [/forkert input/i, "'ugyldigt input'"],
  [/\bFølger\b/, "'Overvåger' for watch"],
  [/skærm slukket/i, "'Skærmen er slukket'"],
  [/MitID kode(viser|oplæser)/, "'MitID-kodeviser', 'MitID-kodeoplæser'"],
  [/svartid/i, "'tidsgrænse for svar'"],
  [/^(tilføjede|fjernede|låste)\b/i, "a past participle: 'TOTP-token tilføjet for eva', 'Tokenet for eva er fjernet'"],
  [/\bUSER\b/, "'BRUGER'"],
  [/\bUsage\b|\[options\]|\[command\]/, "'Brug: tokenkit [tilvalg] [kommando]'"],
  // A decimal point in a number a person reads (unix-seconds input examples are typed as they are parsed).
  [/(?<![\d.])-?\d+\.\d+(?![\d.])(?! ?s\b)/, 'a decimal comma (formatNumber)'],
];
/**
 * Input syntax and package names (libusb-1.0-0), written exactly like this in any language; and Danish
 * thousands points ('12.500 kr.'), which the catalog now shows this test (it holds every layer's texts).
 */
const DECIMAL_POINT_ALLOWED = new Set(['cli.parse.time', 'hid.error.unavailable', 'practice.service.bank.fraud']);

describe('Danish texts', () => {
  it('no catalog entry uses a banned form', () => {
    const problems: string[] = [];
    for (const key of messageKeys()) {
      const da = messageText(key)!.da;
      for (const [pattern, instead] of BANNED) {
        if (pattern.source.includes('\\d+\\.') && DECIMAL_POINT_ALLOWED.has(key)) continue;
        if (pattern.test(da)) problems.push(`${key}: "${da}" (write ${instead})`);
      }
    }
    expect(problems).toEqual([]);
    expect(messageKeys().length).toBeGreaterThan(300);
  });

  it('numbers get a decimal comma through one formatter, also when passed to t()', () => {
    expect(formatNumber('da', -0.7, 1)).toBe('-0,7');
    expect(formatNumber('da', 482, 1)).toBe('482,0');
    expect(formatNumber('en', 482, 1)).toBe('482.0');
    expect(formatNumber('da', 1.5, undefined, { sign: true })).toBe('+1,5');
    expect(formatNumber('da', -0.04, 1)).toBe('0,0');
    expect(formatNumber('da', 1700000000)).toBe('1700000000');
    expect(t('da', 'cli.device.drift.result', { offset: '1 ms', uncertainty: 0.25, ppm: 482 })).toContain(
      '1 ms ± 0,25 ms, drift 482 ±',
    );
    expect(t('da', 'speech.phrase.volume', { n: 70 })).toBe('Lydstyrke 70 procent.');
  });

  it('help: "Brug: tokenkit [tilvalg] [kommando]", and no English placeholder in any Danish help', async () => {
    const top = await runCli(['--lang', 'da', '--help']);
    expect(top.stdout.split('\n')[0]).toBe('Brug: tokenkit [tilvalg] [kommando]');
    expect((await runCli(['--lang', 'en', '--help'])).stdout.split('\n')[0]).toBe(
      'Usage: tokenkit [options] [command]',
    );
    const program = await buildProgram(
      createContext(
        { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false },
        'da',
        false,
        new AbortController().signal,
      ),
    );
    const paths: string[][] = [];
    const walk = (cmd: Command, prefix: string[]) => {
      for (const sub of cmd.commands) {
        if (sub.name() === 'help') continue;
        paths.push([...prefix, sub.name()]);
        walk(sub, [...prefix, sub.name()]);
      }
    };
    walk(program, []);
    for (const path of paths) {
      const help = (await runCli([...path, '--help', '--lang', 'da'])).stdout;
      expect(help, path.join(' ')).toMatch(/^Brug: tokenkit /);
      expect(help, path.join(' ')).not.toMatch(/\[options\]|\[command\]|<(file|user|path|code|time|seconds|name)>/);
    }
    const add = (await runCli(['token', 'add', '--help', '--lang', 'da'])).stdout;
    expect(add).toContain('Brug: tokenkit token add [tilvalg] <bruger>');
    expect(add).toMatch(/^ {2}bruger {2,}brugernavn/m);
  });

  describe('what commands print', () => {
    let dir: string;
    let sim: HidSimHandle;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tokenkit-da-'));
      sim = await startHidSim({ secret: decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), link: join(dir, 'b.sock') });
    });
    afterAll(async () => {
      await sim?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('token add / unlock / remove in natural past forms', async () => {
      const store = ['--store', join(dir, 't.db'), '--lang', 'da'];
      expect((await runCli(['token', 'add', 'eva', '--generate', ...store])).stdout).toMatch(
        /^TOTP-token tilføjet for eva \(sha1, 6 cifre, 30 s\)$/m,
      );
      expect((await runCli(['token', 'unlock', 'eva', ...store])).stdout).toMatch(/^Tokenet for eva var ikke spærret/m);
      expect((await runCli(['token', 'remove', 'eva', ...store])).stdout.trim()).toBe('Tokenet for eva er fjernet');
    });

    it('device time: offsets with decimal commas', async () => {
      const r = await runCli(['device', 'time', '--hid', sim.socketPath, '--lang', 'da']);
      expect(r.stdout).toMatch(/forskel -?\d+,\d ms ± \d+,\d ms/);
      expect(r.stdout).not.toMatch(/\d\.\d ms/);
    });
  });
});
