/**
 * The `tokenkit` bin, built as CommonJS (dist/cli.cjs): node starts a CommonJS file ~3.5 ms sooner than an
 * ES module, and every millisecond counts on the budget of issue 11 item 8 (start-up within 1.3x
 * `node -e 0`). The root help and `tokenkit code --secret BASE32` are answered by a fast path from two
 * small sibling bundles (dist/cli-help.cjs, dist/cli-code.cjs), which load neither commander nor the
 * message catalog; every other command line, and any of those two that the fast path finds anything wrong
 * with, runs the full program (./run-main, the ES module dist/cli-main.js), so error texts and exit codes
 * are the program's own. It runs only as built (it finds its siblings in dist/); from source, run the full
 * program: `node --import tsx src/cli/run-main.ts ...`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { fastCode } from './fast-code';
import { fastPath } from './fast-path';
import type { ROOT_HELP } from './root-help';

/** A sibling bundle of dist/, loaded only on the path that needs it (esbuild leaves a computed require). */
const sibling = <T>(file: string): T => require(join(__dirname, file)) as T;

const fast = fastPath(process.argv.slice(2), process.env);
let output: string | undefined;
if (fast?.kind === 'help') output = sibling<{ ROOT_HELP: typeof ROOT_HELP }>('cli-help.cjs').ROOT_HELP[fast.lang];
else if (fast?.kind === 'code')
  output = sibling<{ fastCode: typeof fastCode }>('cli-code.cjs').fastCode(fast.secret, Date.now());

if (output !== undefined) {
  const stream = fast?.kind === 'help' && fast.stream === 'stderr' ? process.stderr : process.stdout;
  // A reader that goes away (tokenkit --help | head) is not an error, as in the full program.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
  });
  stream.write(output);
} else {
  // The full program is an ES module (commander and the layers); it runs on import.
  import(pathToFileURL(join(__dirname, 'cli-main.js')).href);
}
