import type { Clock } from '../clock';
import type { Lang } from '../i18n/index';

/** Where a command reads and writes: the real process, or a capture in tests (same code either way). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colour and redraws only then). */
  isTTY: boolean;
  stdin?: NodeJS.ReadableStream;
  /** The clock of stateful commands (token verify, resync, unlock); default the system clock. For tests. */
  clock?: Clock;
}

export interface CliContext {
  io: CliIo;
  lang: Lang;
  /** False under NO_COLOR, --no-color, or when stdout is not a terminal. */
  color: boolean;
  /** Exit code the command asks for once it returns (0 unless set). */
  exitCode: number;
  /** One line of output (newline added). */
  print(line: string): void;
  /** Data as JSON on stdout, one document. */
  printJson(value: unknown): void;
  /** Aborted on SIGINT/SIGTERM: long-running commands (sim, watch) stop and clean up when it fires. */
  signal: AbortSignal;
}

export function createContext(io: CliIo, lang: Lang, color: boolean, signal: AbortSignal): CliContext {
  return {
    io,
    lang,
    color,
    exitCode: 0,
    signal,
    print(line: string) {
      io.stdout(`${line}\n`);
    },
    printJson(value: unknown) {
      io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
