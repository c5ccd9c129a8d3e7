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
} from './event-store.port';
import type { Position } from './position';

/** An event store that passes every call to `target`; subclasses override the calls they change. */
export abstract class DelegatingEventStore implements EventStore {
  protected abstract get target(): EventStore;

  append(streamName: string, events: readonly EventEnvelope[], options: AppendOptions): Promise<AppendResult> {
    return this.target.append(streamName, events, options);
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.target.readStream(streamName, options);
  }

  streamRevision(streamName: string): Promise<StreamRevision> {
    return this.target.streamRevision(streamName);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.target.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    return this.target.subscribeToAll(options);
  }

  headPosition(): Promise<Position | null> {
    return this.target.headPosition();
  }

  countEventsAfter(position: Position | 'start'): Promise<number> {
    return this.target.countEventsAfter(position);
  }

  close(): Promise<void> {
    return this.target.close();
  }
}
