import { type Command, Option } from 'commander';
import { type MessageKey, t } from '../../i18n/index';
import type { CliContext } from '../context';

/**
 * Every top-level command group, one module per group under src/cli/commands/. Commands are thin: parse
 * options, call one workflow, render. A group's module is loaded only when the command line names it
 * (start-up stays close to bare node, issue 11 item 8); the others appear in `tokenkit --help` as stubs
 * made from `commands` below, which must match what the module registers (tests/cli/program.test.ts).
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export interface CommandStub {
  name: string;
  description: MessageKey;
  /** Arguments as in the usage line, e.g. ['<code>']. */
  args?: string[];
  /** Whether the command takes options (shown as [options]). */
  options?: boolean;
}

export interface CommandGroup {
  commands: CommandStub[];
  load: () => Promise<RegisterCommand>;
}

export const COMMAND_GROUPS: CommandGroup[] = [
  {
    commands: [
      { name: 'code', description: 'cli.otp.code.description', options: true },
      { name: 'verify', description: 'cli.otp.verify.description', options: true, args: ['<code>'] },
      { name: 'timeline', description: 'cli.otp.timeline.description', options: true },
      { name: 'find', description: 'cli.otp.find.description', options: true, args: ['<code>'] },
      { name: 'vectors', description: 'cli.otp.vectors.description', options: true },
    ],
    load: async () => (await import('./otp/index')).register,
  },
  {
    commands: [{ name: 'token', description: 'cli.token.description' }],
    load: async () => (await import('./token/index')).register,
  },
  {
    commands: [{ name: 'device', description: 'cli.device.description' }],
    load: async () => (await import('./device/index')).register,
  },
  {
    commands: [{ name: 'firmware', description: 'cli.firmware.description' }],
    load: async () => (await import('./firmware')).register,
  },
  {
    commands: [
      { name: 'speak', description: 'cli.speak.description', options: true, args: ['<code...>'] },
      { name: 'audio', description: 'cli.audio.description' },
    ],
    load: async () => (await import('./speak/index')).register,
  },
  {
    commands: [{ name: 'sim', description: 'sim.description', options: true }],
    load: async () => (await import('./sim/index')).register,
  },
  {
    commands: [{ name: 'practice', description: 'cli.practice.description', options: true }],
    load: async () => (await import('./practice')).register,
  },
];

/** Options of the root command that take a value: their values are not command names. */
const ROOT_VALUE_OPTIONS = new Set(['--store', '--lang']);

/** The top-level command a command line names (`tokenkit help X` names X), or undefined. */
export function commandNamed(argv: readonly string[]): string | undefined {
  const positional: string[] = [];
  for (let i = 0; i < argv.length && positional.length < 2; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (ROOT_VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) positional.push(arg);
    if (positional[0] !== undefined && positional[0] !== 'help') break;
  }
  return positional[0] === 'help' ? positional[1] : positional[0];
}

/**
 * Registers the group the command line names in full (all: every group, for tests and docs) and the
 * rest as stubs that only show in the root help.
 */
export async function registerCommands(
  program: Command,
  ctx: CliContext,
  argv: readonly string[] | 'all',
): Promise<void> {
  const named = argv === 'all' ? undefined : commandNamed(argv);
  for (const group of COMMAND_GROUPS) {
    if (argv === 'all' || group.commands.some((c) => c.name === named)) (await group.load())(program, ctx);
    else for (const stub of group.commands) addStub(program, stub, ctx);
  }
}

function addStub(program: Command, stub: CommandStub, ctx: CliContext): void {
  const cmd = program.command(stub.name).description(t(ctx.lang, stub.description));
  for (const arg of stub.args ?? []) cmd.argument(arg);
  // Only for the `[options]` in the root help's term: a stub never runs (its module is loaded instead).
  if (stub.options) cmd.addOption(new Option('--stub').hideHelp());
}
