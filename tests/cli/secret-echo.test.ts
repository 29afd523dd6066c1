import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/cli/context';
import { EXIT } from '../../src/cli/exit-codes';
import { buildProgram } from '../../src/cli/program';
import { runCli } from '../helpers/cli';

const VALUE = 'JBSWY3DPEHPK3PXPSECRETVALUE';

/** Every command path of the real program (`code`, `token add`, ...), so a new command is covered too. */
async function commandPaths(): Promise<string[][]> {
  const program = await buildProgram(
    createContext(
      { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false },
      'en',
      false,
      new AbortController().signal,
    ),
  );
  const paths: string[][] = [];
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      if (sub.name() === 'help') continue;
      const path = [...prefix, sub.name()];
      if (sub.commands.length === 0) paths.push(path);
      else walk(sub, path);
    }
  };
  walk(program, []);
  return paths;
}

describe('an unknown --opt=value never shows the value', () => {
  it.each([
    [['vectors', `--secret=${VALUE}`], "'--secret'"],
    [['code', `--secrett=${VALUE}`], "'--secrett'"],
    [['token', 'list', `--secret=${VALUE}`], "'--secret'"],
    [['code', `-x${VALUE}`], "'-x'"],
    [['code', '--secret', 'JBSWY3DPEHPK3PXP', `--secret-hexx=${VALUE}`], "'--secret-hexx'"],
  ])('%j: one line naming the option, exit 2', async (argv, named) => {
    for (const lang of ['en', 'da'] as const) {
      const r = await runCli([...argv, '--lang', lang]);
      expect(r.code).toBe(EXIT.USAGE);
      expect(r.stdout + r.stderr).not.toContain(VALUE);
      expect(r.stdout + r.stderr).not.toContain('SECRET');
      expect(r.stderr).toContain(named);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('on every command of the program', async () => {
    const paths = await commandPaths();
    expect(paths.length).toBeGreaterThan(15);
    for (const path of paths) {
      const r = await runCli([...path, `--secrett=${VALUE}`]);
      expect(r.stdout + r.stderr, path.join(' ')).not.toContain(VALUE);
      expect(r.code, path.join(' ')).toBe(EXIT.USAGE);
    }
  });
});
