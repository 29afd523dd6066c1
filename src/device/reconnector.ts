import type { Scheduler } from '../clock';

export interface ReconnectorOptions {
  scheduler: Scheduler;
  /** Pause before each attempt, in ms. */
  intervalMs: number;
  /** One reopen attempt; resolving ends the loop, rejecting makes it pause and try again. */
  attempt: () => Promise<void>;
  /** Told after an attempt succeeded, once the waiters have been woken. */
  onReconnected?: () => void;
}

/**
 * The reconnect loop of a DeviceClient, on an injected Scheduler: `start()` pauses `intervalMs`, calls
 * `attempt()`, and again until one succeeds or `stop()` is called. `wait(timeoutMs)` lets a call wait for
 * the loop to succeed: it resolves then, rejects with `onTimeout()` after `timeoutMs`, or with the error
 * given to `stop()`. `stop()` is final: it ends a pause at once, no attempt starts after it, and it leaves
 * no timer behind.
 */
export class Reconnector {
  private loop: Promise<void> | undefined;
  private stopped = false;
  private stopError: unknown;
  private cancelPause: (() => void) | undefined;
  private readonly waiters = new Set<{ resolve: () => void; reject: (error: unknown) => void }>();

  constructor(private readonly opts: ReconnectorOptions) {}

  /** A loop is running: calls may wait for it. */
  get running(): boolean {
    return this.loop !== undefined;
  }

  /** Starts the loop (nothing when it runs already or after stop()). */
  start(): void {
    if (this.loop || this.stopped) return;
    this.loop = this.run();
  }

  /** Waits for the running loop to succeed (see the class comment). */
  wait(timeoutMs: number, onTimeout: () => unknown): Promise<void> {
    if (this.stopped) return Promise.reject(this.stopError);
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          cancel();
          this.waiters.delete(waiter);
          resolve();
        },
        reject: (error: unknown) => {
          cancel();
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const cancel = this.opts.scheduler.setTimer(timeoutMs, () => waiter.reject(onTimeout()));
      this.waiters.add(waiter);
    });
  }

  /** Stops for good: the pause ends at once, waiters reject with `error`. */
  stop(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopError = error;
    this.cancelPause?.();
    for (const waiter of [...this.waiters]) waiter.reject(error);
  }

  private async run(): Promise<void> {
    let reconnected = false;
    while (!this.stopped) {
      await new Promise<void>((resolve) => {
        const cancel = this.opts.scheduler.setTimer(this.opts.intervalMs, resolve);
        this.cancelPause = () => {
          cancel();
          resolve();
        };
      });
      this.cancelPause = undefined;
      if (this.stopped) break;
      try {
        await this.opts.attempt();
        reconnected = true;
        break;
      } catch {
        // Port still absent, or the board isn't answering yet: try again.
      }
    }
    this.loop = undefined;
    if (!reconnected || this.stopped) return;
    for (const waiter of [...this.waiters]) waiter.resolve();
    this.opts.onReconnected?.();
  }
}
