import type { Sleep } from '../runner-deps';

interface Timer {
  due: number;
  order: number;
  fire: () => void;
}

/** One turn of the event loop: every pending promise reaction has run by then. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Time for unit tests of the runner: `now` only moves when `run` finds nothing left to do but
 * wait, and then jumps straight to the next timer. No real sleeping. Work under test must only
 * wait on this clock's `sleep` and on promises that settle without real I/O.
 */
export class VirtualClock {
  private time: number;
  private timers: Timer[] = [];
  private order = 0;

  constructor(start: Date = new Date('2026-01-01T00:00:00.000Z')) {
    this.time = start.getTime();
  }

  readonly now = (): Date => new Date(this.time);

  /** Milliseconds since the clock was created at `start`. */
  elapsedSince(start: Date): number {
    return this.time - start.getTime();
  }

  readonly sleep: Sleep = (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { due: this.time + Math.max(0, ms), order: this.order++, fire: () => undefined };
      const abort = () => {
        this.timers = this.timers.filter((other) => other !== timer);
        resolve();
      };
      timer.fire = () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.timers.push(timer);
    });

  /** Drives `work` to its end, firing timers in time order whenever nothing else can happen. */
  async run<T>(work: Promise<T>, maxSteps = 100_000): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    for (let step = 0; step < maxSteps; step++) {
      await settle();
      if (done) return work;
      if (!this.fireNext()) throw new Error('VirtualClock: the work waits on something other than this clock');
    }
    throw new Error(`VirtualClock: still running after ${maxSteps} timers`);
  }

  /** Fires every timer due within `ms` from now, in order, letting the work react to each. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    await settle();
    for (let next = this.nextTimer(); next !== undefined && next.due <= until; next = this.nextTimer()) {
      this.fireNext();
      await settle();
    }
    this.time = until;
  }

  private nextTimer(): Timer | undefined {
    return [...this.timers].sort((a, b) => a.due - b.due || a.order - b.order)[0];
  }

  private fireNext(): boolean {
    const next = this.nextTimer();
    if (!next) return false;
    this.timers = this.timers.filter((timer) => timer !== next);
    this.time = Math.max(this.time, next.due);
    next.fire();
    return true;
  }
}
