import type { EventEnvelope } from '@taskledger/events';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamRevision,
  SubscribeOptions,
  Subscription,
} from '@taskledger/event-store';
import type { Position } from '@taskledger/event-store';
import type { RecoveryReport } from './runner-deps';

/**
 * An event store whose connection can be replaced while the run goes on: the database
 * recovery ("reopen the store connection"). Everything else is passed to the current one.
 */
export class ReopenableEventStore implements EventStore {
  private reopened = 0;

  constructor(
    private current: EventStore,
    private readonly open: () => Promise<EventStore>,
  ) {}

  /** Opens a new connection, switches to it and closes the old one. */
  async reopen(): Promise<RecoveryReport> {
    try {
      const next = await this.open();
      const previous = this.current;
      this.current = next;
      this.reopened++;
      await previous.close().catch(() => undefined);
      return { outcome: 'succeeded', details: { reopened: this.reopened } };
    } catch (error) {
      return { outcome: 'failed', details: { error: (error as Error).message } };
    }
  }

  append(streamName: string, events: readonly EventEnvelope[], options: AppendOptions): Promise<AppendResult> {
    return this.current.append(streamName, events, options);
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.current.readStream(streamName, options);
  }

  streamRevision(streamName: string): Promise<StreamRevision> {
    return this.current.streamRevision(streamName);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.current.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    return this.current.subscribeToAll(options);
  }

  headPosition(): Promise<Position | null> {
    return this.current.headPosition();
  }

  countEventsAfter(position: Position | 'start'): Promise<number> {
    return this.current.countEventsAfter(position);
  }

  close(): Promise<void> {
    return this.current.close();
  }
}
