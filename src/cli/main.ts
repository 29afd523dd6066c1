/**
 * The `tokenkit` bin. The root help and `tokenkit code --secret BASE32` are answered by a fast path that
 * loads neither commander nor the message catalog (issue 11 item 8: start-up within 1.3x `node -e 0`);
 * every other command line, and any of those two that the fast path finds anything wrong with, runs the
 * full program (./run-main), so error texts and exit codes are the program's own.
 */
import { fastPath } from './fast-path';

const fast = fastPath(process.argv.slice(2), process.env);
let output: string | undefined;
if (fast?.kind === 'help') output = (await import('./root-help')).ROOT_HELP[fast.lang];
else if (fast?.kind === 'code') output = (await import('./fast-code')).fastCode(fast.secret, Date.now());

if (output !== undefined) {
  const stream = fast?.kind === 'help' && fast.stream === 'stderr' ? process.stderr : process.stdout;
  // A reader that goes away (tokenkit --help | head) is not an error, as in the full program.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
  });
  stream.write(output);
} else {
  await import('./run-main');
}
