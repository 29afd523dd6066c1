/**
 * The practice server as its own process for bench/practice.ts, so its RSS is the server's alone:
 *   node --import tsx bench/practice-server.ts STORE_FILE
 * prints `listening URL` once it serves; stops on SIGTERM. Rate limits are per client address: the bench's
 * 30 learners share one (loopback), so the class's combined allowance is given to that one address.
 */
import { createPracticeServer } from '../src/practice/index';

const store = process.argv[2];
if (!store) {
  process.stderr.write('usage: bench/practice-server.ts STORE_FILE\n');
  process.exit(2);
}
const generous = { max: 100_000, timeWindow: 60_000 };
const server = await createPracticeServer({ store, limits: { login: generous, activation: generous } });
process.stdout.write(`listening ${server.url}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
