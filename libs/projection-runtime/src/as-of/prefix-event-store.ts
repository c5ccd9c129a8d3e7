import { TaskledgerError } from '@taskledger/errors';
import {
  AppendResult,
  comparePositions,
  EventStore,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamRevision,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from '@taskledger/event-store';

const within = (end: Position | null, event: RecordedEvent): boolean =>
  end !== null && comparePositions(event.position, end) <= 0;

/**
 * The ledger as it stood when `end` was its last event (null: before the first event): every
 * read sees only events up to `end`, subscriptions catch up to it and end. Read-only; closing
 * it leaves the underlying store open.
 */
export class PrefixEventStore implements EventStore {
  /** The latest occurredAt (UTC ms) among the events its subscriptions delivered; null before one. */
  latestTime: number | null = null;

  constructor(
    private readonly inner: EventStore,
    readonly end: Position | null,
  ) {}

  async append(): Promise<AppendResult> {
    throw new TaskledgerError('InvalidArgument', 'the ledger as of a past moment is read-only');
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (this.end === null) return [];
    const { maxCount, ...rest } = options;
    const events = await this.inner.readStream(streamName, rest);
    const kept = events.filter((event) => within(this.end, event));
    return maxCount === undefined ? kept : kept.slice(0, maxCount);
  }

  async streamRevision(streamName: string): Promise<StreamRevision> {
    const [last] = await this.readStream(streamName, { direction: 'backwards', maxCount: 1 });
    return last?.revision ?? 'no_stream';
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Infinity;
    if (this.end === null || remaining <= 0) return;
    for await (const event of this.inner.readAll({ fromPosition: options.fromPosition, filter: options.filter })) {
      if (!within(this.end, event)) return;
      yield event;
      if (--remaining <= 0) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const from = options.fromPosition ?? 'start';
    const state = { stopped: false };
    const iterator = this.messages(from, options, state);
    return {
      [Symbol.asyncIterator]: () => iterator,
      stop: async () => {
        state.stopped = true;
        await iterator.return(undefined);
      },
    };
  }

  private async *messages(
    from: Position | 'start',
    options: SubscribeOptions,
    state: { stopped: boolean },
  ): AsyncGenerator<SubscriptionMessage> {
    for await (const event of this.readAll({ fromPosition: from, filter: options.filter })) {
      if (state.stopped) return;
      if (from !== 'start' && comparePositions(event.position, from) <= 0) continue;
      this.latestTime = Math.max(this.latestTime ?? -Infinity, Date.parse(event.metadata.occurredAt));
      yield { kind: 'event', event };
    }
    if (!state.stopped) yield { kind: 'caught-up', position: this.end };
  }

  async headPosition(): Promise<Position | null> {
    return this.end;
  }

  async countEventsAfter(position: Position | 'start'): Promise<number> {
    if (this.end === null) return 0;
    if (position !== 'start' && comparePositions(position, this.end) >= 0) return 0;
    const [fromPosition, fromEnd] = await Promise.all([
      this.inner.countEventsAfter(position),
      this.inner.countEventsAfter(this.end),
    ]);
    return fromPosition - fromEnd;
  }

  /** The underlying store stays open: its owner closes it. */
  async close(): Promise<void> {
    return undefined;
  }
}
