import { defined, TaskledgerError } from '@taskledger/errors';
import type Database from 'better-sqlite3';
import { EventEnvelope, decodeEvent } from '@taskledger/events';
import { assertRevision, checkBatch, passesFilter, replayedRevision } from './append-rules';
import { chainBatch, storedHash } from './chain-append';
import { catchUpSubscription, pause, ScannedPage } from './catch-up-subscription';
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
import { Position, sequencePosition } from './position';
import { openSqliteDatabase, SqliteFile, sqliteFailure } from '@taskledger/sqlite';
import { EventRow, prepareStatements, Statements } from './sqlite-statements';

export interface SqliteEventStoreOptions {
  /** How often a live subscription looks for new events. Default 100 ms. */
  pollIntervalMs?: number;
  /** How long an append waits for another process's write lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
}

const PAGE_SIZE = 1000;

/**
 * The embedded event store: one SQLite file in WAL mode. The global position is the table's
 * integer primary key; appends are serialised by an immediate transaction, so positions are
 * gap-free and commit in order, and two processes can share the file safely. The same
 * transaction reads the stream's last hash and chains the new events onto it (chain-append.ts);
 * data and metadata are stored as canonical JSON, so `verify` hashes the stored text as it is.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly sql: Statements;
  private readonly pollIntervalMs: number;
  private readonly busyTimeoutMs: number;
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    readonly path: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.db = openSqliteDatabase(this.file());
    this.sql = prepareStatements(this.db, path);
  }
  private file(): SqliteFile {
    return { path: this.path, label: 'ledger database', busyTimeoutMs: this.busyTimeoutMs };
  }

  async append(streamName: string, given: readonly EventEnvelope[], options: AppendOptions): Promise<AppendResult> {
    const events = checkBatch(streamName, given);
    const write = this.db.transaction(() => {
      const head = this.sql.streamHead.get(streamName);
      const actual: StreamRevision = head?.revision ?? 'no_stream';
      const first = events[0] && this.sql.byId.get(events[0].id);
      const firstRevision = first && first.stream === streamName ? first.revision : null;
      const replayed = replayedRevision(
        streamName,
        options.expectedRevision,
        actual,
        events,
        firstRevision,
        (revision) => this.sql.atRevision.get(streamName, revision),
      );
      if (replayed !== null) {
        return {
          nextExpectedRevision: replayed,
          position: sequencePosition(
            defined(this.sql.atRevision.get(streamName, replayed), 'the replayed event').position,
          ),
        };
      }
      assertRevision(streamName, options.expectedRevision, actual);
      let revision = actual === 'no_stream' ? -1 : actual;
      let position = 0;
      const rows = chainBatch(head ? storedHash(head.metadata) : null, events);
      for (const row of rows) {
        revision += 1;
        position = Number(this.insert(streamName, revision, row.event, row.data, row.metadata));
      }
      if (rows.length === 0)
        return { nextExpectedRevision: revision, position: sequencePosition(this.sql.head.get()?.position ?? 0) };
      return { nextExpectedRevision: revision, position: sequencePosition(position) };
    });
    try {
      return write.immediate();
    } catch (error) {
      throw sqliteFailure(this.file(), error);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.sql.streamBackwards.all(streamName, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.sql.streamForwards.all(streamName, options.fromRevision ?? 0, limit);
    return rows.map(toRecorded);
  }

  async streamRevision(streamName: string): Promise<StreamRevision> {
    return this.revisionOf(streamName);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const from = options.fromPosition;
    let after = from === undefined || from === 'start' ? 0 : Number(from.commit) - 1;
    let remaining = options.maxCount ?? Infinity;
    while (remaining > 0) {
      const page = this.scan(after, PAGE_SIZE, options.filter);
      for (const event of page.events.slice(0, remaining)) yield event;
      remaining -= page.events.length;
      if (page.scanned < PAGE_SIZE || !page.lastScanned) return;
      after = Number(page.lastScanned.commit);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = catchUpSubscription(
      {
        readAfter: (after, limit) => this.scan(after === 'start' ? 0 : Number(after.commit), limit, options.filter),
        headPosition: () => this.head(),
        waitForAppend: (signal) => pause(this.pollIntervalMs, signal),
      },
      options.fromPosition ?? 'start',
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | null> {
    return this.head();
  }

  /** Positions are gap-free from 1 (see the class comment), so this is head − position, not a count(*) scan. */
  async countEventsAfter(position: Position | 'start'): Promise<number> {
    const head = this.sql.head.get()?.position ?? 0;
    return Math.max(0, head - (position === 'start' ? 0 : Number(position.commit)));
  }

  /**
   * Every stored row in position order (only one stream's, when named), as stored: for
   * verifying hash chains over the exact stored text. Nothing is decoded.
   */
  *storedRows(stream?: string): IterableIterator<EventRow> {
    const rows = stream === undefined ? this.sql.allStored.iterate() : this.sql.streamStored.iterate(stream);
    for (const [position, name, revision, id, type, data, metadata] of rows)
      yield { position, stream: name, revision, id, type, data, metadata };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.db.open) this.db.close();
  }

  private head(): Position | null {
    const row = this.sql.head.get();
    return row ? sequencePosition(row.position) : null;
  }

  private revisionOf(streamName: string): StreamRevision {
    const row = this.sql.streamHead.get(streamName);
    return row?.revision ?? 'no_stream';
  }

  private scan(after: number, limit: number, filter: EventFilter | undefined): ScannedPage {
    const rows = this.sql.after.all(after, limit);
    const last = rows[rows.length - 1];
    const events = (filter === undefined ? rows : rows.filter((row) => passesFilter(filter, row.stream, row.type))).map(
      toRecorded,
    );
    return { events, scanned: rows.length, lastScanned: last ? sequencePosition(last.position) : null };
  }

  private insert(stream: string, revision: number, event: EventEnvelope, data: string, metadata: string) {
    try {
      return this.sql.insert.run(stream, revision, event.id, event.type, data, metadata).lastInsertRowid;
    } catch (error) {
      if (
        (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
        /events\.id|events_id/.test((error as Error).message)
      ) {
        throw new TaskledgerError('DuplicateEventId', `event id ${event.id} was already appended to another stream`);
      }
      throw error;
    }
  }
}

/**
 * Built as the finished event in one object: an event at its current schema version decodes to
 * the payload itself, so only an upcast event is copied. Reads of the whole log run through here
 * once per event, which is why it avoids spreads.
 */
const toRecorded = (row: EventRow): RecordedEvent => {
  const recorded = {
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as unknown,
    streamName: row.stream,
    revision: row.revision,
    position: sequencePosition(row.position),
  };
  const decoded = decodeEvent(recorded, recorded);
  if (decoded === (recorded as unknown)) return recorded as RecordedEvent;
  return {
    ...decoded,
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
  } as RecordedEvent;
};
