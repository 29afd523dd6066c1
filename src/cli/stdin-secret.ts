import type { Command } from 'commander';
import { UsageError } from './errors';

/*
 * `--secret -`, `--secret-hex -`, `--uri -`: the value is read from standard input, so it never shows in
 * the process list (`ps`) or the shell history, as $TOKENKIT_SECRET does not either. One line is read; the
 * rest of stdin is left for the command (the simulator's keys). On a terminal the typed line is not echoed.
 * Texts: src/cli/messages/options.ts (cli.secret.*).
 */

const SECRET_OPTIONS = [
  ['secret', '--secret'],
  ['secretHex', '--secret-hex'],
  ['uri', '--uri'],
] as const;

/** Longer than any secret or URI tokenkit accepts: input beyond it is not read into memory. */
const MAX_LINE_BYTES = 8192;

type Stdin = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  unshift?(chunk: Buffer): void;
};

/**
 * Reads one line from `stdin`. Bytes after the newline are put back for the command. On a terminal the
 * line is typed without echo (raw mode; backspace works; Ctrl-C or Ctrl-D give an empty line).
 */
export function readSecretLine(stdin: Stdin): Promise<string> {
  const tty = Boolean(stdin.isTTY && stdin.setRawMode);
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const finish = (line: string, rest?: Buffer) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      if (tty) stdin.setRawMode!(false);
      stdin.pause();
      // Read once is not a reason to stay alive: a command that reads its keys resumes stdin itself.
      (stdin as { unref?(): void }).unref?.();
      if (rest && rest.length > 0) stdin.unshift?.(rest);
      resolve(line.replace(/\r$/, '').trim());
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (tty) {
        for (const byte of bytes) {
          if (byte === 0x0d || byte === 0x0a) return finish(buffered.toString('utf8'));
          if (byte === 0x03 || byte === 0x04) return finish('');
          if (byte === 0x7f || byte === 0x08) buffered = buffered.subarray(0, Math.max(0, buffered.length - 1));
          else buffered = Buffer.concat([buffered, Buffer.of(byte)]);
        }
        return;
      }
      buffered = Buffer.concat([buffered, bytes]);
      const nl = buffered.indexOf(0x0a);
      if (nl >= 0) return finish(buffered.subarray(0, nl).toString('utf8'), buffered.subarray(nl + 1));
      if (buffered.length > MAX_LINE_BYTES) finish(buffered.subarray(0, MAX_LINE_BYTES).toString('utf8'));
    };
    const onEnd = () => finish(buffered.toString('utf8'));
    const onError = (error: unknown) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (tty) stdin.setRawMode!(false);
      reject(error);
    };
    if (tty) stdin.setRawMode!(true);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    stdin.resume();
  });
}

/**
 * Replaces a `-` given to --secret, --secret-hex or --uri by one line read from stdin (run before the
 * command's action). Throws UsageError when two of them say `-` or the line is empty.
 */
export async function resolveStdinSecrets(
  command: Command,
  stdin: Stdin | undefined,
  /** Shown on a terminal before and after the hidden line (the prompt on stderr). */
  prompt?: { before(): void; after(): void },
): Promise<void> {
  const fromStdin = SECRET_OPTIONS.filter(([key]) => command.getOptionValue(key) === '-');
  if (fromStdin.length === 0) return;
  if (fromStdin.length > 1) throw new UsageError('cli.secret.error.stdinTwice');
  const [key, option] = fromStdin[0]!;
  if (stdin?.isTTY) prompt?.before();
  const line = stdin ? await readSecretLine(stdin) : '';
  if (stdin?.isTTY) prompt?.after();
  if (line === '') throw new UsageError('cli.secret.error.stdinEmpty', { option });
  command.setOptionValue(key, line);
}
