import { TaskledgerError } from '@taskledger/errors';
import { storeError } from './esdb-mapping';
import { RecordedEvent, Subscription, SubscriptionMessage } from './event-store.port';
import { Position } from './position';

/** What we use of the client's catch-up subscription: an object-mode Node readable that also emits 'caughtUp'. */
export interface PushSource<T> {
  on(event: 'data', listener: (item: T) => void): unknown;
  on(event: 'caughtUp', listener: () => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  /** Items pushed by the stream but not yet emitted as 'data' (paused, or emitted on a later tick). */
  readonly readableLength: number;
  unsubscribe(): Promise<void>;
}

export interface PushSubscriptionOptions<T> {
  /** Opens the client's subscription; called once, when iteration starts. */
  open: () => PushSource<T>;
  /** One pushed item as our event; null skips it. Throws TaskledgerError('UndecodableEvent') to end the iteration. */
  decode: (item: T) => RecordedEvent | null;
  /** Reported with 'caught-up', like the other adapters: the store's newest position at that moment. */
  headPosition: () => Promise<Position | null>;
  /** Called once when the subscription ends, however it ends. */
  onStopped?: () => void;
  /** Items held before the client stream is paused (it resumes at a quarter of this). Default 512. */
  bufferSize?: number;
}

type Settled = { ok: Position | null } | { error: unknown };

type Entry<T> =
  | { kind: 'item'; item: T }
  | { kind: 'caught-up'; position: Promise<Settled> }
  | { kind: 'error'; error: unknown }
  | { kind: 'end' };

/**
 * Turns the client's push-style subscription into our pull-style one. Items queue in order; past
 * `bufferSize` the client stream is paused, so gRPC flow control holds the server back instead of
 * memory growing. The client emits 'caughtUp' as it transforms the server's CaughtUp message,
 * while earlier events may still sit in its readable buffer; the marker therefore goes in after
 * exactly that many more items, keeping 'caught-up' in its place in the order.
 */
class PushToPull<T> {
  private readonly queue: Entry<T>[] = [];
  private readonly bufferSize: number;
  private source: PushSource<T> | null = null;
  private wake: (() => void) | null = null;
  private paused = false;
  /** 'waiting' for the client's caughtUp, then the items still due before the marker, then 'sent'. */
  private caughtUp: 'waiting' | number | 'sent' = 'waiting';
  private ended = false;
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: PushSubscriptionOptions<T>) {
    this.bufferSize = Math.max(4, options.bufferSize ?? 512);
  }

  async *messages(): AsyncGenerator<SubscriptionMessage> {
    try {
      if (this.ended) return;
      this.open();
      for (;;) {
        const entry = await this.next();
        if (entry.kind === 'end') return;
        if (entry.kind === 'error') throw entry.error;
        if (entry.kind === 'caught-up') {
          const settled = await entry.position;
          if (this.stopping) return;
          if ('error' in settled) throw settled.error;
          yield { kind: 'caught-up', position: settled.ok };
          continue;
        }
        const event = this.options.decode(entry.item);
        if (event) yield { kind: 'event', event };
      }
    } finally {
      await this.stop();
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.unsubscribe();
    return this.stopping;
  }

  private open(): void {
    const source = this.options.open();
    this.source = source;
    source.on('data', (item) => this.onItem(item));
    source.on('caughtUp', () => this.onCaughtUp());
    source.on('error', (error) => this.fail(storeError(error)));
    source.on('end', () => this.onEnd());
    source.on('close', () => this.onEnd());
  }

  private async unsubscribe(): Promise<void> {
    this.ended = true;
    this.queue.length = 0;
    this.push({ kind: 'end' });
    this.options.onStopped?.();
    try {
      await this.source?.unsubscribe();
    } catch {
      // the stream already failed (that error was delivered) or never connected: nothing is left to cancel
    }
  }

  private onItem(item: T): void {
    if (this.ended) return;
    this.push({ kind: 'item', item });
    if (typeof this.caughtUp === 'number') {
      this.caughtUp -= 1;
      if (this.caughtUp === 0) this.markCaughtUp();
    }
    if (!this.paused && this.queue.length >= this.bufferSize) {
      this.paused = true;
      this.source?.pause();
    }
  }

  private onCaughtUp(): void {
    if (this.ended || this.caughtUp !== 'waiting') return;
    const due = this.source?.readableLength ?? 0;
    if (due === 0) this.markCaughtUp();
    else this.caughtUp = due;
  }

  private markCaughtUp(): void {
    this.caughtUp = 'sent';
    const position = this.options.headPosition().then(
      (ok): Settled => ({ ok }),
      (error: unknown): Settled => ({ error }),
    );
    this.push({ kind: 'caught-up', position });
  }

  private onEnd(): void {
    this.fail(
      new TaskledgerError(
        'StoreUnavailable',
        'the EventStoreDB subscription ended unexpectedly; subscribe again from the last position',
      ),
    );
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.push({ kind: 'error', error });
  }

  private push(entry: Entry<T>): void {
    this.queue.push(entry);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async next(): Promise<Entry<T>> {
    for (;;) {
      const entry = this.queue.shift();
      if (!entry) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (this.paused && this.queue.length <= this.bufferSize / 4) {
        this.paused = false;
        this.source?.resume();
      }
      return entry;
    }
  }
}

/** A Subscription over a client push stream: iterate once; `stop()` unsubscribes and ends the iteration. */
export const pushSubscription = <T>(options: PushSubscriptionOptions<T>): Subscription => {
  const adapter = new PushToPull(options);
  let started = false;
  return {
    [Symbol.asyncIterator]() {
      if (started) throw new Error('a subscription can be iterated only once');
      started = true;
      return adapter.messages();
    },
    stop: () => adapter.stop(),
  };
};
