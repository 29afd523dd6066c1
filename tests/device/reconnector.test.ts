import { describe, expect, it } from 'vitest';
import { ManualClock, ManualScheduler } from '../../src/clock';
import { Reconnector } from '../../src/device/reconnector';
import { settle, untilVirtual } from '../helpers/wait';

function setup(succeedOnAttempt: number) {
  const scheduler = new ManualScheduler(new ManualClock(0));
  const attemptsAtMs: number[] = [];
  let reconnected = 0;
  const reconnector = new Reconnector({
    scheduler,
    intervalMs: 200,
    attempt: async () => {
      attemptsAtMs.push(scheduler.clock.nowMs());
      if (attemptsAtMs.length < succeedOnAttempt) throw new Error('port still absent');
    },
    onReconnected: () => reconnected++,
  });
  return { scheduler, reconnector, attemptsAtMs, reconnected: () => reconnected };
}

describe('Reconnector', () => {
  it('pauses intervalMs before each attempt until one succeeds, then wakes the waiters and says so once', async () => {
    const { scheduler, reconnector, attemptsAtMs, reconnected } = setup(3);
    reconnector.start();
    reconnector.start(); // one loop only
    expect(reconnector.running).toBe(true);
    let woken = false;
    const waiting = reconnector.wait(10_000, () => new Error('timed out')).then(() => (woken = true));
    await untilVirtual(scheduler, 'the third attempt', () => woken);
    await waiting;
    expect(attemptsAtMs).toEqual([200, 400, 600]);
    expect(reconnected()).toBe(1);
    expect(reconnector.running).toBe(false);
    expect(scheduler.pending).toBe(0); // the waiter's timeout is cancelled too
  });

  it('a waiter gives up after its timeout with the error it was given; the loop goes on', async () => {
    const { scheduler, reconnector, attemptsAtMs } = setup(Number.POSITIVE_INFINITY);
    reconnector.start();
    const outcome = reconnector.wait(500, () => new Error('board still gone')).catch((e: Error) => e.message);
    await untilVirtual(scheduler, 'the waiter to give up', () => scheduler.clock.nowMs() >= 500);
    expect(await outcome).toBe('board still gone');
    expect(attemptsAtMs).toEqual([200, 400]);
    expect(reconnector.running).toBe(true);
    reconnector.stop(new Error('closed'));
  });

  it('stop() ends the pause at once, rejects the waiters, leaves no timer, and is final', async () => {
    const { scheduler, reconnector, attemptsAtMs } = setup(1);
    reconnector.start();
    const outcome = reconnector.wait(Number.POSITIVE_INFINITY, () => new Error('never')).catch((e: Error) => e.message);
    reconnector.stop(new Error('client closed'));
    expect(await outcome).toBe('client closed');
    await settle();
    expect(reconnector.running).toBe(false);
    expect(scheduler.pending).toBe(0);
    scheduler.advance(10_000);
    reconnector.start();
    await settle();
    expect(attemptsAtMs).toEqual([]);
    await expect(reconnector.wait(1, () => new Error('x'))).rejects.toThrow('client closed');
  });
});
