import { isTaskledgerError, TaskledgerError } from '@taskledger/errors';
import {
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  ReadStreamOptions as ClientReadStreamOptions,
  ResolvedEvent,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventEnvelope } from '@taskledger/events';
import { assertRevision, checkBatch, passesFilter } from './append-rules';
import {
  appendConflict,
  concurrencyErrorFrom,
  fromClientCurrentRevision,
  fromClientPosition,
  isSystemEvent,
  storeError,
  toClientExpectedRevision,
  toClientFilter,
  toClientReadStreamOptions,
  toReadPosition,
} from './esdb-mapping';
import { planChainedAppend, RECENT_WINDOW } from './esdb-chain';
import { assertAppendSize, DEFAULT_MAX_APPEND_SIZE } from './esdb-append-size';
import { firstMismatch, toEventData, toRecordedEvent } from './esdb-event-mapping';
import { pushSubscription } from './esdb-subscription';
import {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamRevision,
  SubscribeOptions,
  Subscription,
} from './event-store.port';
import { comparePositions, Position } from './position';

export interface EsdbEventStoreOptions {
  /** Events a subscription buffers before it pauses the server's stream (resuming at a quarter). Default 512. */
  subscriptionBufferSize?: number;
  /** The server's MaxAppendSize in bytes: larger appends are refused before sending. Default 1 MiB, the server's default. */
  maxAppendSize?: number;
}

/**
 * Appends pinned to a head another writer moved are tried this many times in all, a few random
 * milliseconds apart (growing), so writers contending for one stream spread out.
 */
const MAX_CHAIN_ATTEMPTS = 10;

/**
 * The production event store: EventStoreDB through `@eventstore/db-client` (server 23.10 or later:
 * earlier servers neither send 'caught-up' to subscriptions nor, before 22.6, positions on stream
 * reads). Ids, expected revisions and idempotent appends are the server's own; $all subscriptions
 * filter on the server; reads of $all filter here, because the 6.x client's readAll takes no filter.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();

  /** @param connectionString e.g. `esdb://localhost:2113?tls=false`; it is never echoed in errors (it may hold a password). */
  constructor(
    connectionString: string,
    private readonly options: EsdbEventStoreOptions = {},
  ) {
    try {
      this.client = EventStoreDBClient.connectionString(connectionString);
    } catch {
      throw new TaskledgerError(
        'InvalidConfig',
        'the EventStoreDB connection string is not valid (expected e.g. esdb://localhost:2113?tls=false)',
      );
    }
  }

  /**
   * Appends, then reads the appended revisions back: the server answers an append with its commit
   * position, not the last event's, and treats a re-sent id at the same expected revision as a
   * replay without comparing content, so the read-back supplies the exact position and refuses an
   * id re-used with different content (DuplicateEventId), as the other adapters do.
   */
  async append(streamName: string, given: readonly EventEnvelope[], options: AppendOptions): Promise<AppendResult> {
    const events = checkBatch(streamName, given);
    if (events.length === 0) return this.emptyAppend(streamName, options);
    const last = await this.writeChained(streamName, events, options);
    const stored = await this.readStream(streamName, {
      fromRevision: last - events.length + 1,
      maxCount: events.length,
    });
    const lastStored = stored[events.length - 1];
    if (!lastStored || stored.length !== events.length) {
      throw new TaskledgerError(
        'StoreUnavailable',
        `appended to ${streamName}, but revisions up to ${last} could not be read back`,
      );
    }
    const changed = firstMismatch(events, stored);
    if (changed) {
      throw new TaskledgerError(
        'DuplicateEventId',
        `event id ${changed.id} was already appended to ${streamName} with different content`,
      );
    }
    return { nextExpectedRevision: last, position: lastStored.position };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const clientOptions = toClientReadStreamOptions(options);
    if (!clientOptions) return [];
    const resolved = await this.collectStream(streamName, clientOptions);
    return resolved.flatMap((item) => toRecordedEvent(item) ?? []);
  }

  async streamRevision(streamName: string): Promise<StreamRevision> {
    const [last] = await this.collectStream(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last?.event ? fromClientCurrentRevision(last.event.revision) : 'no_stream';
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Infinity;
    if (remaining <= 0) return;
    const read = this.client.readAll({ fromPosition: toReadPosition(options.fromPosition), direction: FORWARDS });
    try {
      for await (const resolved of read) {
        const event = ours(resolved, options.filter) ? toRecordedEvent(resolved) : null;
        if (!event) continue;
        yield event;
        if ((remaining -= 1) <= 0) return;
      }
    } catch (error) {
      throw storeError(error);
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription: Subscription = pushSubscription<AllStreamResolvedEvent>({
      open: () =>
        this.client.subscribeToAll({
          fromPosition: toReadPosition(options.fromPosition),
          filter: toClientFilter(options.filter),
        }),
      decode: (resolved) => (ours(resolved, options.filter) ? toRecordedEvent(resolved) : null),
      headPosition: () => this.headPosition(),
      onStopped: () => this.subscriptions.delete(subscription),
      bufferSize: this.options.subscriptionBufferSize,
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads $all backwards past EventStoreDB's own records to the newest event of ours. */
  async headPosition(): Promise<Position | null> {
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS });
    try {
      for await (const resolved of read) {
        if (ours(resolved, undefined)) return fromClientPosition(resolved.event.position);
      }
      return null;
    } catch (error) {
      throw storeError(error);
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  /** Counts by reading: EventStoreDB positions are log offsets, not ordinals. Cheap when a reader is near the head. */
  async countEventsAfter(position: Position | 'start'): Promise<number> {
    let count = 0;
    for await (const event of this.readAll({ fromPosition: position })) {
      if (position === 'start' || comparePositions(event.position, position) > 0) count += 1;
    }
    return count;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /**
   * Reads the stream's last events, chains the batch onto its head and appends it at the revision
   * read (planChainedAppend); when another writer appended in between, reads again and retries.
   */
  private async writeChained(
    streamName: string,
    events: readonly EventEnvelope[],
    options: AppendOptions,
  ): Promise<number> {
    for (let attempt = 1; ; attempt += 1) {
      const recent = await this.readStream(streamName, { direction: 'backwards', maxCount: RECENT_WINDOW });
      const plan = planChainedAppend(options.expectedRevision, recent, events);
      const chained = plan.events.map((row) => row.event);
      assertAppendSize(streamName, chained, this.options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE);
      try {
        return await this.write(streamName, chained, { expectedRevision: plan.send });
      } catch (error) {
        const raced = plan.retryOnConflict && isTaskledgerError(error, 'ConcurrencyConflict');
        if (!raced || attempt >= MAX_CHAIN_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  private async write(streamName: string, events: readonly EventEnvelope[], options: AppendOptions): Promise<number> {
    const expectedRevision = toClientExpectedRevision(options.expectedRevision);
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEventData), { expectedRevision });
      if (result.success) return Number(result.nextExpectedRevision);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        throw concurrencyErrorFrom(streamName, options.expectedRevision, error);
      throw storeError(error, streamName);
    }
    // With `throwOnAppendFailure=false` the client's batch append reports the revision as
    // 1 or -1 (whether the stream has one), not the revision itself: read it.
    throw appendConflict(streamName, options.expectedRevision, await this.streamRevision(streamName));
  }

  /** Nothing to write: check the expected revision against the stream as it is, like the other adapters. */
  private async emptyAppend(streamName: string, options: AppendOptions): Promise<AppendResult> {
    const actual = await this.streamRevision(streamName);
    assertRevision(streamName, options.expectedRevision, actual);
    const head = await this.headPosition();
    return {
      nextExpectedRevision: actual === 'no_stream' ? -1 : actual,
      position: head ?? { commit: 0n, prepare: 0n },
    };
  }

  private async collectStream(streamName: string, options: ClientReadStreamOptions): Promise<ResolvedEvent[]> {
    const events: ResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, options)) events.push(resolved);
      return events;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw storeError(error);
    }
  }
}

/** Not one of EventStoreDB's own records, and passing our filter (checked again after the server's). */
const ours = (
  resolved: AllStreamResolvedEvent,
  filter: EventFilter | undefined,
): resolved is AllStreamResolvedEvent & { event: AllStreamRecordedEvent } =>
  !!resolved.event &&
  !isSystemEvent(resolved.event.streamId, resolved.event.type) &&
  passesFilter(filter, resolved.event.streamId, resolved.event.type);
