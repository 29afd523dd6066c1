import type { ManualScheduler } from '../../src/clock';

/**
 * Polls until `predicate` holds, for things that run in real time (a board process, a player, a terminal).
 * This waits; it asserts nothing about speed: the limit only turns a hang into a readable failure, naming
 * what never happened and, from `context`, what was seen so far. The one polling helper of the tests.
 */
export async function until(
  what: string,
  predicate: () => boolean,
  context: () => string = () => '',
  limitMs = 15_000,
  everyMs = 25,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`never saw ${what}${context() ? `; so far:\n${context()}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** One turn of the event loop: in-process I/O (MemoryLink, HID fake) and the promises it resolves settle. */
export const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * `until` in virtual time: lets in-process work settle, then fires the earliest timer of `scheduler`,
 * until `predicate` holds. Fails loudly when no timer is left and it still does not hold (or after
 * `maxTimers`, a loop that never gets there).
 */
export async function untilVirtual(
  scheduler: ManualScheduler,
  what: string,
  predicate: () => boolean,
  maxTimers = 10_000,
): Promise<void> {
  for (let fired = 0; ; fired++) {
    await settle();
    if (predicate()) return;
    if (fired >= maxTimers) throw new Error(`never saw ${what} after ${maxTimers} timers`);
    if (!scheduler.next()) {
      await settle();
      if (predicate()) return;
      throw new Error(`never saw ${what}: no timer left to run (at ${scheduler.clock.nowMs()} ms)`);
    }
  }
}

/** Runs `promise` to its end in virtual time (see untilVirtual) and returns its outcome. */
export async function inVirtualTime<T>(scheduler: ManualScheduler, promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await untilVirtual(scheduler, 'the promise settle', () => done);
  return promise;
}
