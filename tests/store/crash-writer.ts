/**
 * A writer for the crash test (tests/store/crash.test.ts), run as its own process:
 *   node --import tsx tests/store/crash-writer.ts <db> <writer-id>
 * It verifies codes and adds tokens in a loop as fast as it can, and reports each change on stdout only
 * AFTER the call that committed it has returned:
 *   start <user> <step|none>  the last accepted step found on opening (what the previous writer left)
 *   attempt <user> <step>    before verifying (an upper bound for what may be stored)
 *   accepted <user> <step>   the step is committed
 *   added <user>             the token is committed
 * Pipe writes are synchronous on Linux, so a reported line is in the pipe before the next commit starts.
 * The parent SIGKILLs it at random moments. It gives up on its own after 60 s in case the parent died.
 */
import { ManualClock } from '../../src/clock';
import { generateTotp } from '../../src/otp/index';
import { SqliteTokenStore, StoreError } from '../../src/store/index';
import { TokenVerifier } from '../../src/verify/index';

const [path, id] = process.argv.slice(2);
if (!path || !id) {
  process.stderr.write('usage: crash-writer.ts <db> <writer-id>\n');
  process.exit(2);
}
const PERIOD_SEC = 30;
const START_STEP = 56_000_000;
const secret = Uint8Array.from({ length: 20 }, (_, i) => (i * 13 + Number(id)) & 0xff);
const user = `writer-${id}`;
const say = (line: string) => process.stdout.write(`${line}\n`);

const clock = new ManualClock(START_STEP * PERIOD_SEC * 1000);
const store = new SqliteTokenStore({ path, clock });
say(`start ${user} ${store.get(user)?.lastStep ?? 'none'}`);
try {
  store.add({ user, kind: 'totp', secret, algorithm: 'sha1', digits: 6, periodSec: PERIOD_SEC, t0Sec: 0 });
  say(`added ${user}`);
} catch (error) {
  if (!(error instanceof StoreError && error.kind === 'duplicate')) throw error;
}
const verifier = new TokenVerifier({ store, clock });
say('ready');

const deadline = Date.now() + 60_000;
for (let i = 0; Date.now() < deadline; i++) {
  const step = (store.get(user)!.lastStep ?? START_STEP) + 1;
  // The verifier's clock sits in the step, so the code is the current one (delta 0, inside any window).
  clock.set(step * PERIOD_SEC * 1000 + 500);
  const code = generateTotp({ secret, atMs: clock.nowMs(), periodSec: PERIOD_SEC });
  say(`attempt ${user} ${step}`);
  const result = verifier.verify(user, code);
  if (result.reason !== 'accepted' || result.step !== step) {
    process.stderr.write(`unexpected result for step ${step}: ${JSON.stringify(result)}\n`);
    process.exit(1);
  }
  say(`accepted ${user} ${step}`);
  if (i % 4 === 0) {
    const extra = `extra-${id}-${process.pid}-${i}`;
    store.add({
      user: extra,
      kind: 'hotp',
      secret,
      algorithm: 'sha256',
      digits: 8,
      periodSec: 30,
      t0Sec: 0,
      counter: i,
    });
    say(`added ${extra}`);
  }
}
store.close();
process.exit(3);
