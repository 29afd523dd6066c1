/** The full program behind the bin (src/cli/main.ts): signals, closed outputs and commander. */
import { EXIT } from './exit-codes';
import { run } from './program';

/**
 * Every signal that ends a program run in a terminal: Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT), closing the
 * terminal (SIGHUP) and `kill` (SIGTERM). Each one lets the running command clean up (socat, the --link
 * symlinks, a HID socket, terminal modes) instead of Node's default of dying on the spot.
 */
export const TERMINATING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

const controller = new AbortController();
let interrupted = false;
/** The reader of our output went away (a pipe closed, or the terminal was closed under us). */
let outputGone = false;

// A reader that goes away (tokenkit --help | head) is not an error: stop quietly, as other tools do. A
// closed terminal gives EIO instead of EPIPE: stop the same way, and clean up on the way out.
for (const stream of [process.stdout, process.stderr, process.stdin]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
    outputGone = true;
    controller.abort();
  });
}

for (const sig of TERMINATING_SIGNALS) {
  process.on(sig, () => {
    // First signal: let the running command clean up. Second: leave now.
    if (interrupted) process.exit(EXIT.INTERRUPTED);
    interrupted = true;
    controller.abort();
  });
}

run(process.argv.slice(2), undefined, controller.signal).then(
  (code) => {
    if (interrupted) process.exitCode = code === 0 ? EXIT.INTERRUPTED : code;
    else process.exitCode = outputGone ? EXIT.OK : code;
  },
  () => {
    process.exitCode = EXIT.INTERNAL;
  },
);
