import { type Argument, Command, CommanderError, Help, Option } from 'commander';
// Only `version` is bundled (esbuild tree-shakes JSON imports by name).
import { version as VERSION } from '../../package.json';
import { TokenkitError } from '../errors';
import { CATALOG } from '../i18n/catalog';
import { detectLang, isLang, type Lang, type MessageKey, t } from '../i18n/index';
import { registerCommands } from './commands/index';
import { type CliContext, type CliIo, createContext } from './context';
import { exitCodeFor } from './error-map';
import { EXIT } from './exit-codes';
import { resolveStdinSecrets } from './stdin-secret';

/** `--lang` must be known before the help texts are built, so it is read from argv first. */
function langFromArgv(argv: string[], io: CliIo): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value !== undefined) {
      if (isLang(value)) return value;
      throw new TokenkitError(CATALOG, 'cli.error.badLang', { value });
    }
  }
  return detectLang(io.env);
}

/**
 * The program for a command line: the group it names is registered in full, the rest as stubs for the
 * root help (`argv = 'all'` registers everything, for tests and docs).
 */
export async function buildProgram(ctx: CliContext, argv: readonly string[] | 'all' = 'all'): Promise<Command> {
  const { lang } = ctx;
  const program = new Command('tokenkit');
  program
    .description(t(lang, 'cli.description'))
    .version(VERSION, '-V, --version', t(lang, 'cli.opt.version'))
    .helpOption('-h, --help', t(lang, 'cli.opt.help'))
    .addOption(new Option('--store <file>', t(lang, 'cli.opt.store')))
    .addOption(new Option('--lang <lang>', t(lang, 'cli.opt.lang')).choices(['da', 'en']))
    .option('--no-color', t(lang, 'cli.opt.noColor'))
    .addHelpText('after', `\n${t(lang, 'cli.help.exitCodes')}`)
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout(s),
      // Help that commander shows on its own (a command group given no subcommand) is sent to stderr.
      writeErr: (s) => ctx.io.stderr(s),
      // Commander's own error text is replaced by one localized line in `run`.
      outputError: () => {},
    });
  // Commander's own words (headings, "(default: ...)") are English: render them in the user's language.
  // Placeholders (`[options]`, `<file>`, the argument names) are translated in the terms commander
  // measures, so the columns stay aligned.
  const term = (text: string) => localizePlaceholders(text, lang);
  const helpConfig = {
    helpWidth: 100,
    showGlobalOptions: true,
    formatHelp: (cmd: Command, helper: Help) => localizeHelp(Help.prototype.formatHelp.call(helper, cmd, helper), lang),
    commandUsage(this: Help, cmd: Command) {
      return term(Help.prototype.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd: Command) {
      return term(Help.prototype.subcommandTerm.call(this, cmd));
    },
    optionTerm(this: Help, option: Option) {
      return term(Help.prototype.optionTerm.call(this, option));
    },
    argumentTerm(this: Help, argument: Argument) {
      return lang === 'en' ? argument.name() : (PLACEHOLDERS_DA[argument.name()] ?? argument.name());
    },
  };
  program.configureHelp(helpConfig);
  program.helpCommand('help [command]', t(lang, 'cli.help.command'));
  await registerCommands(program, ctx, argv);
  // `--secret -` (and --secret-hex -, --uri -) on any command: one line from stdin, before the action runs.
  program.hook('preAction', (_program, action) =>
    resolveStdinSecrets(action, ctx.io.stdin, {
      before: () => ctx.io.stderr(t(lang, 'cli.secret.prompt')),
      after: () => ctx.io.stderr('\n'),
    }),
  );
  program.commands.forEach(function inherit(cmd: Command) {
    cmd.helpOption('-h, --help', t(lang, 'cli.opt.help'));
    cmd.configureHelp(helpConfig);
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', t(lang, 'cli.help.command'));
    cmd.commands.forEach(inherit);
  });
  return program;
}

const HELP_WORDS: [RegExp, MessageKey][] = [
  [/^Usage:/gm, 'cli.help.usage'],
  [/^Options:/gm, 'cli.help.options'],
  [/^Commands:/gm, 'cli.help.commands'],
  [/^Arguments:/gm, 'cli.help.arguments'],
  [/^Global Options:/gm, 'cli.help.globalOptions'],
  [/\(default: /g, 'cli.help.default'],
  [/\(choices: /g, 'cli.help.choices'],
];

/** Danish names for the placeholders in usage lines, option terms and argument names. */
const PLACEHOLDERS_DA: Record<string, string> = {
  options: 'tilvalg',
  command: 'kommando',
  user: 'bruger',
  name: 'navn',
  percent: 'procent',
  seconds: 'sekunder',
  file: 'fil',
  code: 'kode',
  code1: 'kode1',
  code2: 'kode2',
  time: 'tid',
  voice: 'stemme',
  path: 'sti',
  mode: 'tilstand',
  duration: 'varighed',
  device: 'enhed',
  target: 'mål',
  rate: 'hastighed',
  number: 'tal',
  lang: 'sprog',
  address: 'adresse',
  ppm: 'ppm',
};

function localizePlaceholders(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text.replace(/([<[])([A-Za-z0-9]+)((?:\.\.\.)?[>\]])/g, (whole, open: string, name: string, close: string) =>
    PLACEHOLDERS_DA[name] ? `${open}${PLACEHOLDERS_DA[name]}${close}` : whole,
  );
}

function localizeHelp(text: string, lang: Lang): string {
  return lang === 'en' ? text : HELP_WORDS.reduce((out, [pattern, key]) => out.replace(pattern, t(lang, key)), text);
}

function commandPath(program: Command, argv: string[]): string {
  const names: string[] = [];
  let cmd: Command | undefined = program;
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    // Option values (`--lang da`) and arguments are skipped: only names of subcommands move down the tree.
    const sub: Command | undefined = cmd?.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) continue;
    names.push(sub.name());
    cmd = sub;
  }
  return names.join(' ');
}

/**
 * The option an unknown argv word names, without its value: `--secrett=VALUE` is '--secrett', `-xVALUE`
 * is '-x'. The value may be a secret typed on the wrong command or under a mistyped name, so it is never
 * shown.
 */
export function optionWithoutValue(arg: string): string {
  if (arg.startsWith('--')) return arg.split('=')[0]!;
  if (arg.startsWith('-')) return arg.slice(0, 2);
  return arg;
}

/** Commander's own text with every `--opt=value` cut back to `--opt` (for the messages passed through). */
function withoutOptionValues(text: string): string {
  return text.replace(/(^|[\s'"])(--?[A-Za-z0-9][\w-]*)=[^\s'"]*/g, '$1$2');
}

export function commanderMessage(
  error: CommanderError,
  command: string,
): { key: MessageKey; params: Record<string, string> } {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const detail = withoutOptionValues(error.message.replace(/^error: /, '').replace(/\.$/, ''));
  // With a leading space, so the hint reads 'tokenkit code --help' or 'tokenkit --help'.
  const cmd = command ? ` ${command}` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return { key: 'cli.error.unknownOption', params: { option: optionWithoutValue(quoted), command: cmd } };
    case 'commander.unknownCommand':
      return { key: 'cli.error.unknownCommand', params: { name: quoted, command: cmd } };
    case 'commander.missingArgument':
      return { key: 'cli.error.missingArgument', params: { name: quoted, command: cmd } };
    case 'commander.optionMissingArgument':
    case 'commander.missingMandatoryOptionValue':
      return { key: 'cli.error.optionMissingArgument', params: { option: quoted || error.message, command: cmd } };
    case 'commander.excessArguments':
      return { key: 'cli.error.excessArguments', params: { command: cmd } };
    case 'commander.invalidArgument': {
      // "option '--mode <mode>' argument 'foo' is invalid. Allowed choices are smart, display."
      const m = /option '([^' ]+)[^']*' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/.exec(
        error.message,
      );
      if (m)
        return {
          key: 'cli.error.invalidChoice',
          params: { option: m[1]!, value: m[2]!, choices: m[3]!, command: cmd },
        };
      return { key: 'cli.error.usage', params: { detail, command: cmd } };
    }
    case 'commander.conflictingOption': {
      // "option '--wav <file>' cannot be used with option '--device <device>'"
      const [a = '?', b = '?'] = [...error.message.matchAll(/option '([^' ]+)/g)].map((m) => m[1]!);
      return { key: 'cli.error.conflictingOption', params: { a, b, command: cmd } };
    }
    default:
      return { key: 'cli.error.usage', params: { detail, command: cmd } };
  }
}

export function processIo(): CliIo {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stdin: process.stdin,
  };
}

/**
 * Runs one command line and resolves to its exit code. Never throws and never prints a stack trace
 * (unless TOKENKIT_DEBUG is set): every failure is one localized line on stderr.
 */
export async function run(
  argv: string[],
  io: CliIo = processIo(),
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  let lang: Lang = detectLang(io.env);
  try {
    lang = langFromArgv(argv, io);
  } catch (error) {
    io.stderr(`${t(lang, 'cli.error.prefix', { message: (error as TokenkitError).localized(lang) })}\n`);
    return EXIT.USAGE;
  }
  const noColor = argv.includes('--no-color') || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const ctx = createContext(io, lang, !noColor && io.isTTY, signal);
  const program = await buildProgram(ctx, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      // No subcommand: the help went to stderr. Bare `tokenkit` is a question (0); `tokenkit token` is a misuse (2).
      if (error.code === 'commander.help') return argv.length === 0 ? EXIT.OK : EXIT.USAGE;
      const { key, params } = commanderMessage(error, commandPath(program, argv));
      io.stderr(`${t(lang, 'cli.error.prefix', { message: t(lang, key, params) })}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof TokenkitError) {
      io.stderr(`${t(lang, 'cli.error.prefix', { message: error.localized(lang) })}\n`);
      if (io.env.TOKENKIT_DEBUG) io.stderr(`${error.stack ?? ''}\n`);
      return exitCodeFor(error);
    }
    const e = error instanceof Error ? error : new Error(String(error));
    io.stderr(
      `${t(lang, 'cli.error.prefix', { message: t(lang, 'cli.error.internal', { name: e.name, detail: e.message.split('\n')[0] }) })}\n`,
    );
    if (io.env.TOKENKIT_DEBUG) io.stderr(`${e.stack ?? ''}\n`);
    return EXIT.INTERNAL;
  }
}
