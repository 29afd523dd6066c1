/**
 * One contender for the race test (tests/store/race.test.ts), run as its own process:
 *   node --import tsx tests/store/race-verifier.ts <db> <go-file> <steps>
 * Waits until <go-file> exists (so all contenders start together), then submits the code of each step
 * 1..<steps> (relative to a fixed start) once, printing `accepted <step>` for each one it won.
 */
import { existsSync } from 'node:fs';
import { ManualClock } from '../../src/clock';
import { generateTotp } from '../../src/otp/index';
import { SqliteTokenStore } from '../../src/store/index';
import { TokenVerifier } from '../../src/verify/index';

const [path, goFile, stepsText] = process.argv.slice(2);
const START_STEP = 57_000_000;
const secret = new Uint8Array(20).fill(7);
const clock = new ManualClock(0);
const store = new SqliteTokenStore({ path: path!, clock, busyTimeoutMs: 30_000 });
const verifier = new TokenVerifier({ store, clock });
process.stdout.write('ready\n');
const deadline = Date.now() + 60_000;
while (!existsSync(goFile!)) {
  if (Date.now() > deadline) process.exit(3);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
}
for (let i = 1; i <= Number(stepsText); i++) {
  const step = START_STEP + i;
  clock.set(step * 30_000 + 100);
  const result = verifier.verify('shared', generateTotp({ secret, atMs: clock.nowMs() }));
  if (result.reason === 'accepted') process.stdout.write(`accepted ${result.step}\n`);
  else if (result.reason !== 'replayed') {
    process.stderr.write(`unexpected ${JSON.stringify(result)}\n`);
    process.exit(1);
  }
}
store.close();
