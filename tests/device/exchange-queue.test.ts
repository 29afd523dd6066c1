import { describe, expect, it } from 'vitest';
import { ExchangeQueue } from '../../src/device/exchange-queue';
import { settle } from '../helpers/wait';

/** A piece of work that runs until the test lets it end. */
function held(log: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const work = () => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { work, finish: (v = name) => finish(v), fail: (e: Error) => fail(e) };
}

const full = (waiting: number) => new Error(`full with ${waiting} waiting`);

describe('ExchangeQueue', () => {
  it('runs one piece of work at a time, in call order, each after the one before has settled', async () => {
    const queue = new ExchangeQueue(8);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => held(log, n));
    const results = Promise.allSettled([queue.run(a!.work, full), queue.run(b!.work, full), queue.run(c!.work, full)]);
    await settle();
    expect(log).toEqual(['start a']);
    expect(queue.waiting).toBe(2);
    a!.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    b!.fail(new Error('b broke')); // a failure is its own call's: c still runs
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    c!.finish();
    expect(await results).toMatchObject([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: { message: 'b broke' } },
      { status: 'fulfilled', value: 'c' },
    ]);
    expect(queue.waiting).toBe(0);
  });

  it('with maxQueued calls waiting, a new call is refused at once and its work never runs', async () => {
    const queue = new ExchangeQueue(1);
    const log: string[] = [];
    const a = held(log, 'a');
    const b = held(log, 'b');
    const first = queue.run(a.work, full);
    const second = queue.run(b.work, full);
    let ranThird = false;
    const third = queue.run(async () => {
      ranThird = true;
    }, full);
    await expect(third).rejects.toThrow('full with 1 waiting');
    a.finish();
    await settle();
    b.finish();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(ranThird).toBe(false);
    // Room again once the queue has drained.
    expect(await queue.run(async () => 'd', full)).toBe('d');
  });
});
