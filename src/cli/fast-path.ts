import { detectLang, isLang, type Lang } from '../i18n/lang';

/**
 * The command lines the bin answers without commander (issue 11 item 8: start-up within 1.3x
 * `node -e 0`): the root help and `tokenkit code --secret BASE32`, in their fully valid forms only.
 * Anything else (another command, another option, a bad --lang, `--secret -` from stdin) gives
 * undefined and goes to the full program, so every error text and exit code stays commander's.
 * No imports but the language detection: this module is in the bin's entry file.
 */
export type FastPath = { kind: 'help'; lang: Lang; stream: 'stdout' | 'stderr' } | { kind: 'code'; secret: string };

const HELP_FLAGS = new Set(['--help', '-h']);

/** `--lang da` / `--lang=da` at `argv[i]`: the language and how many words it takes, or undefined. */
function langAt(argv: readonly string[], i: number): { lang: Lang; words: number } | undefined {
  const arg = argv[i];
  if (arg === '--lang') {
    const value = argv[i + 1];
    return value !== undefined && isLang(value) ? { lang: value, words: 2 } : undefined;
  }
  if (arg?.startsWith('--lang=')) {
    const value = arg.slice(7);
    return isLang(value) ? { lang: value, words: 1 } : undefined;
  }
  return undefined;
}

export function fastPath(argv: readonly string[], env: NodeJS.ProcessEnv): FastPath | undefined {
  // Bare `tokenkit`: commander shows the root help on stderr and exits 0.
  if (argv.length === 0) return { kind: 'help', lang: detectLang(env), stream: 'stderr' };
  // `--help`, `-h`, with at most one `--lang X` before or after.
  const helpAt = argv.findIndex((arg) => HELP_FLAGS.has(arg));
  if (helpAt >= 0) {
    if (argv.length === 1) return { kind: 'help', lang: detectLang(env), stream: 'stdout' };
    const other = helpAt === 0 ? 1 : 0;
    const lang = langAt(argv, other);
    if (lang && lang.words + 1 === argv.length) return { kind: 'help', lang: lang.lang, stream: 'stdout' };
    return undefined;
  }
  // `code --secret BASE32` / `code --secret=BASE32`; '-' (read stdin) and values that look like options go
  // to commander.
  if (argv[0] !== 'code') return undefined;
  let secret: string | undefined;
  if (argv.length === 3 && argv[1] === '--secret') secret = argv[2];
  else if (argv.length === 2 && argv[1]!.startsWith('--secret=')) secret = argv[1]!.slice(9);
  if (secret === undefined || secret === '' || secret.startsWith('-')) return undefined;
  return { kind: 'code', secret };
}
