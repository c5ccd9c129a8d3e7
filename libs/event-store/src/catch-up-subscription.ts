import { RecordedEvent, Subscription, SubscriptionMessage } from './event-store.port';
import { Position } from './position';

/** What a store offers to drive a catch-up subscription over its global order. */
export interface SubscriptionSource {
  /**
   * Scans up to `limit` events strictly after `after`, in order, and returns those that match
   * the subscription's filter plus the position of the last event scanned (null if none).
   */
  readAfter(after: Position | 'start', limit: number): Promise<ScannedPage> | ScannedPage;
  headPosition(): Promise<Position | null> | Position | null;
  /** Resolves when new events may exist (after an append, or a poll interval), or when `signal` aborts. */
  waitForAppend(signal: AbortSignal): Promise<void>;
}

export interface ScannedPage {
  events: RecordedEvent[];
  scanned: number;
  lastScanned: Position | null;
}

const PAGE_SIZE = 500;

/**
 * Catches up from `fromPosition` (exclusive) in pages, signals 'caught-up' once, then delivers
 * new events as the source reports them. `stop()` ends a pending wait and the iteration.
 */
export const catchUpSubscription = (source: SubscriptionSource, fromPosition: Position | 'start'): Subscription => {
  const stopper = new AbortController();
  let started = false;

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    let after = fromPosition;
    let caughtUp = false;
    while (!stopper.signal.aborted) {
      const page = await source.readAfter(after, PAGE_SIZE);
      for (const event of page.events) {
        if (stopper.signal.aborted) return;
        yield { kind: 'event', event };
      }
      after = page.lastScanned ?? after;
      if (page.scanned === PAGE_SIZE) continue;
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caught-up', position: await source.headPosition() };
        continue;
      }
      await source.waitForAppend(stopper.signal);
    }
  }

  return {
    [Symbol.asyncIterator]() {
      if (started) throw new Error('a subscription can be iterated only once');
      started = true;
      return messages();
    },
    async stop() {
      stopper.abort();
    },
  };
};

/** Sleeps `ms`, or less if `signal` aborts. Never rejects. */
export const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
