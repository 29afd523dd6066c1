import { EXIT } from './exit-codes';
import { run } from './program';

// A reader that goes away (tokenkit --help | head) is not an error: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.OK);
    throw error;
  });
}

const controller = new AbortController();
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    // First signal: let the running command clean up (socat, terminal modes). Second: leave now.
    if (interrupted) process.exit(EXIT.INTERRUPTED);
    interrupted = true;
    controller.abort();
  });
}

run(process.argv.slice(2), undefined, controller.signal).then(
  (code) => {
    process.exitCode = interrupted && code === 0 ? EXIT.INTERRUPTED : code;
  },
  () => {
    process.exitCode = EXIT.INTERNAL;
  },
);
