/**
 * One exchange in flight per board (ARCHITECTURE style rule 6): `run(work)` starts `work` once every call
 * made before it has settled, so calls run one at a time in call order. When `maxQueued` calls already
 * wait behind the one in flight, `run` rejects at once with `full(waiting)` and `work` never runs. A
 * failing `work` rejects its own call only; the calls behind it still run.
 */
export class ExchangeQueue {
  private tail: Promise<void> = Promise.resolve();
  /** The call in flight plus the calls waiting behind it. */
  private outstanding = 0;

  constructor(private readonly maxQueued: number) {}

  /** Calls waiting behind the one in flight. */
  get waiting(): number {
    return Math.max(0, this.outstanding - 1);
  }

  async run<T>(work: () => Promise<T>, full: (waiting: number) => unknown): Promise<T> {
    if (this.outstanding > this.maxQueued) throw full(this.outstanding - 1);
    this.outstanding++;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      return await work();
    } finally {
      this.outstanding--;
      release();
    }
  }
}
