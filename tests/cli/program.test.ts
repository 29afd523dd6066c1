import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CommanderError, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandNamed } from '../../src/cli/commands/index';
import { createContext } from '../../src/cli/context';
import { buildProgram, commanderMessage } from '../../src/cli/program';
import { messageKeys, messageText, t } from '../../src/i18n/index';
import { BIN, runBin, runCli } from '../helpers/cli';

describe('tokenkit program', () => {
  it('prints help in English and Danish with the exit codes', async () => {
    const en = await runCli(['--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Exit codes:');
    const da = await runCli(['--help', '--lang', 'da']);
    expect(da.stdout).toContain('Afslutningskoder:');
    const daEnv = await runCli(['--help'], { LANG: 'da_DK.UTF-8' });
    expect(daEnv.stdout).toContain('Afslutningskoder:');
  });

  it("renders commander's own help words in Danish too", async () => {
    const da = await runCli(['sim', '--help', '--lang', 'da']);
    expect(da.code).toBe(0);
    expect(da.stdout).toMatch(/^Brug: tokenkit sim/m);
    expect(da.stdout).toMatch(/^Tilvalg:/m);
    expect(da.stdout).toContain('(standard: "code-display")');
    expect(da.stdout).not.toMatch(/^(Usage|Options):/m);
    // The global options are listed on every command's help, under a Danish heading too.
    expect(da.stdout).toMatch(/^Globale tilvalg:\n(.|\n)*--store <fil>/m);
    const en = await runCli(['sim', '--help']);
    expect(en.stdout).toMatch(/^Options:/m);
  });

  it('answers an unknown command with one line and exit 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('bare tokenkit shows the help (exit 0); a command group without its subcommand shows its help (exit 2)', async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toMatch(/^Usage: tokenkit \[options\] \[command\]/);
    const group = await runCli(['token']);
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/^Usage: tokenkit token/);
    expect(group.stderr).toContain('verify');
  });

  it("an unknown subcommand points at its group's help", async () => {
    const r = await runCli(['audio', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("tokenkit: unknown command 'bogus'. See 'tokenkit audio --help' for the commands.\n");
  });

  it("commander's option conflicts become one localized line naming both options", async () => {
    const ctx = createContext(
      { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false },
      'da',
      false,
      new AbortController().signal,
    );
    const program = await buildProgram(ctx);
    program
      .command('demo')
      .addOption(new Option('--a').conflicts('b'))
      .option('--b')
      .action(() => {});
    const error = await program.parseAsync(['demo', '--a', '--b'], { from: 'user' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommanderError);
    const { key, params } = commanderMessage(error as CommanderError, 'demo');
    expect(t('da', key, params)).toBe("tilvalgene --a og --b kan ikke bruges sammen. Se 'tokenkit demo --help'.");
  });

  it('rejects an unknown language', async () => {
    const r = await runCli(['--lang', 'fr', '--help']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown language 'fr'/);
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    // 2001 timeline rows are more than a pipe holds; head takes one line and closes the pipe mid-write.
    const cmd = `"${process.execPath}" "${BIN}" timeline --secret GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ --before 1000 --after 1000`;
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${cmd} | head -n 1 >/dev/null`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the built bin maps typed errors to their documented exit codes (class names survive bundling)', async () => {
    const device = await runBin(['device', 'info', '--port', '/nonexistent/tokenkit-port']);
    expect(device.code).toBe(4);
    expect(device.stderr).toMatch(/^tokenkit: no port at \/nonexistent\/tokenkit-port\./);
    const usage = await runBin(['code', '--secret', 'JBSW1Y3DPEHPK3PXP']);
    expect(usage.code).toBe(2);
  });

  it('the built bin runs as its own process', async () => {
    const r = await runBin(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe('messages', () => {
  it('every message exists in both languages with the same placeholders', async () => {
    // Load every module that declares messages through the CLI program, which imports them all.
    await import('../../src/cli/program');
    const keys = messageKeys();
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const text = messageText(key)!;
      expect(text.en.trim(), key).not.toBe('');
      expect(text.da.trim(), key).not.toBe('');
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(text.da), key).toEqual(holes(text.en));
    }
  });
});

describe('start-up: only the named command group is loaded', () => {
  const ctxFor = (lang: 'da' | 'en') =>
    createContext(
      { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false },
      lang,
      false,
      new AbortController().signal,
    );

  it('the stubs in the root help match what each group registers (names, usage terms, descriptions)', async () => {
    for (const lang of ['en', 'da'] as const) {
      const full = await buildProgram(ctxFor(lang), 'all');
      const stubs = await buildProgram(ctxFor(lang), []);
      expect(stubs.helpInformation()).toBe(full.helpInformation());
    }
  });

  it('finds the group a command line names, past root options and their values', () => {
    expect(commandNamed(['code', '--secret', 'X'])).toBe('code');
    expect(commandNamed(['--store', 'token', 'device', 'list'])).toBe('device');
    expect(commandNamed(['--lang', 'da', 'help', 'token'])).toBe('token');
    expect(commandNamed(['--help'])).toBeUndefined();
  });
});
