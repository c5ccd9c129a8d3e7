import { defined, TaskledgerError } from '@taskledger/errors';
import { canonicalJson, EventEnvelope, decodeEvent } from '@taskledger/events';
import { chainBatch, metadataHash } from './chain-append';
import { assertRevision, checkBatch, passesFilter, replayedRevision } from './append-rules';
import { catchUpSubscription } from './catch-up-subscription';
import {
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
import { Position, sequencePosition } from './position';
import { readStreamWindow } from './stream-window';

interface StoredEvent {
  streamName: string;
  revision: number;
  sequence: number;
  envelope: EventEnvelope;
  dataJson: string;
}

/** Keeps events in process memory, with the same semantics as the persistent stores. For tests. */
export class MemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly ids = new Map<string, StoredEvent>();
  private appended: Array<() => void> = [];
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  async append(streamName: string, given: readonly EventEnvelope[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const events = checkBatch(streamName, given);
    const stream = this.streams.get(streamName) ?? [];
    const actual: StreamRevision = stream.length === 0 ? 'no_stream' : stream.length - 1;
    const first = events[0] && this.ids.get(events[0].id);
    const firstRevision = first && first.streamName === streamName ? first.revision : null;
    const replayed = replayedRevision(
      streamName,
      options.expectedRevision,
      actual,
      events,
      firstRevision,
      (revision) => {
        const stored = stream[revision];
        return stored && { id: stored.envelope.id, type: stored.envelope.type, data: stored.dataJson };
      },
    );
    if (replayed !== null)
      return {
        nextExpectedRevision: replayed,
        position: sequencePosition(this.at(stream, streamName, replayed).sequence),
      };
    assertRevision(streamName, options.expectedRevision, actual);
    const duplicate = events.find((event) => this.ids.has(event.id));
    if (duplicate)
      throw new TaskledgerError('DuplicateEventId', `event id ${duplicate.id} was already appended to another stream`);
    if (events.length === 0) return this.emptyAppendResult(actual);
    const previous =
      stream.length === 0 ? null : metadataHash(this.at(stream, streamName, stream.length - 1).envelope.metadata);
    for (const { event } of chainBatch(previous, events)) this.store(streamName, stream, structuredClone(event));
    this.streams.set(streamName, stream);
    this.notify();
    const last = this.at(stream, streamName, stream.length - 1);
    return { nextExpectedRevision: last.revision, position: sequencePosition(last.sequence) };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const stream = this.streams.get(streamName) ?? [];
    return readStreamWindow(stream.length, options).map((revision) =>
      this.recorded(this.at(stream, streamName, revision)),
    );
  }

  async streamRevision(streamName: string): Promise<StreamRevision> {
    const length = this.streams.get(streamName)?.length ?? 0;
    return length === 0 ? 'no_stream' : length - 1;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const from =
      options.fromPosition === undefined || options.fromPosition === 'start' ? 1 : Number(options.fromPosition.commit);
    let remaining = options.maxCount ?? Infinity;
    for (let sequence = Math.max(from, 1); sequence <= this.log.length && remaining > 0; sequence += 1) {
      const stored = this.log[sequence - 1];
      if (stored === undefined) break;
      if (!passesFilter(options.filter, stored.streamName, stored.envelope.type)) continue;
      remaining -= 1;
      yield this.recorded(stored);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = catchUpSubscription(
      {
        readAfter: (after, limit) => {
          const start = after === 'start' ? 0 : Number(after.commit);
          const scanned = this.log.slice(start, start + limit);
          const events = scanned
            .filter((stored) => passesFilter(options.filter, stored.streamName, stored.envelope.type))
            .map((stored) => this.recorded(stored));
          const last = scanned[scanned.length - 1];
          return { events, scanned: scanned.length, lastScanned: last ? sequencePosition(last.sequence) : null };
        },
        headPosition: () => this.head(),
        waitForAppend: (signal) =>
          new Promise<void>((resolve) => {
            if (signal.aborted) return resolve();
            this.appended.push(resolve);
            signal.addEventListener('abort', () => resolve(), { once: true });
          }),
      },
      options.fromPosition ?? 'start',
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | null> {
    return this.head();
  }

  async countEventsAfter(position: Position | 'start'): Promise<number> {
    return position === 'start' ? this.log.length : Math.max(0, this.log.length - Number(position.commit));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private head(): Position | null {
    return this.log.length === 0 ? null : sequencePosition(this.log.length);
  }

  private store(streamName: string, stream: StoredEvent[], envelope: EventEnvelope): void {
    const stored = {
      streamName,
      revision: stream.length,
      sequence: this.log.length + 1,
      envelope,
      dataJson: canonicalJson(envelope.data),
    };
    stream.push(stored);
    this.log.push(stored);
    this.ids.set(envelope.id, stored);
  }

  private emptyAppendResult(actual: StreamRevision): AppendResult {
    return { nextExpectedRevision: actual === 'no_stream' ? -1 : actual, position: this.head() ?? sequencePosition(0) };
  }

  private at(stream: readonly StoredEvent[], streamName: string, revision: number): StoredEvent {
    return defined(stream[revision], `revision ${revision} of ${streamName}`);
  }

  private recorded(stored: StoredEvent): RecordedEvent {
    const position = sequencePosition(stored.sequence);
    const at = { streamName: stored.streamName, revision: stored.revision, position };
    const envelope = decodeEvent(structuredClone(stored.envelope), at);
    return { ...envelope, ...at } as RecordedEvent;
  }

  private notify(): void {
    const waiting = this.appended;
    this.appended = [];
    waiting.forEach((resolve) => resolve());
  }

  private assertOpen(): void {
    if (this.closed) throw new TaskledgerError('StoreUnavailable', 'the in-memory event store is closed');
  }
}
