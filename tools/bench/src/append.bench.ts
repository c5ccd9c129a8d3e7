import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { EventEnvelope, newEventId, taskStream, toEnvelopes } from '@taskledger/events';
import { EventStore, MemoryEventStore, SqliteEventStore } from '@taskledger/event-store';
import { Benchmark, ratioOf, round } from './bench-result';
import { scratchDir } from './scratch';

const STREAMS = 10_000;
const EVENTS_PER_STREAM = 100;
const EVENTS_PER_APPEND = 10;
const ROUNDS = EVENTS_PER_STREAM / EVENTS_PER_APPEND;
const params = {
  events: STREAMS * EVENTS_PER_STREAM,
  streams: STREAMS,
  eventsPerStream: EVENTS_PER_STREAM,
  eventsPerAppend: EVENTS_PER_APPEND,
};

/** TaskExecutionCompleted envelopes, ~250 bytes of JSON each (data + metadata). */
const roundBatches = (roundIndex: number): EventEnvelope[][] => {
  const context = {
    newId: newEventId,
    now: () => new Date(),
    correlationId: randomUUID(),
    causationId: null,
    actor: 'bench:append',
  };
  return Array.from({ length: STREAMS }, (_, stream) =>
    toEnvelopes(
      Array.from({ length: EVENTS_PER_APPEND }, (_, index) => ({
        type: 'TaskExecutionCompleted' as const,
        data: {
          taskId: `B-${stream}`,
          executionId: randomUUID(),
          attempt: roundIndex * EVENTS_PER_APPEND + index + 1,
          durationMs: 1000 + ((stream * 7919 + index) % 90_000),
          exitCode: 0,
        },
      })),
      context,
    ),
  );
};

/** Runs the workload, timing only the append calls; batches are built between rounds. */
const timeAppends = async (
  append: (stream: string, batch: EventEnvelope[], expected: number | 'no_stream') => unknown,
) => {
  let elapsedMs = 0;
  for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
    const batches = roundBatches(roundIndex);
    const expected = roundIndex === 0 ? 'no_stream' : roundIndex * EVENTS_PER_APPEND - 1;
    const started = performance.now();
    for (const [stream, batch] of batches.entries()) await append(taskStream(`B-${stream}`), batch, expected);
    elapsedMs += performance.now() - started;
  }
  return (STREAMS * EVENTS_PER_STREAM) / (elapsedMs / 1000);
};

const viaStore = (store: EventStore) =>
  timeAppends((stream, batch, expectedRevision) => store.append(stream, batch, { expectedRevision }));

/** The floor: the same rows inserted with plain better-sqlite3, one transaction per call. */
const rawSqlite = (path: string) => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL, id TEXT NOT NULL,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL);
    CREATE UNIQUE INDEX events_stream_revision ON events (stream, revision);
    CREATE UNIQUE INDEX events_id ON events (id);`);
  const insert = db.prepare(
    'INSERT INTO events (stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const appendBatch = db.transaction((stream: string, batch: EventEnvelope[], first: number) => {
    batch.forEach((event, index) =>
      insert.run(
        stream,
        first + index,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      ),
    );
  });
  return {
    db,
    append: (stream: string, batch: EventEnvelope[], expected: number | 'no_stream') =>
      appendBatch(stream, batch, expected === 'no_stream' ? 0 : expected + 1),
  };
};

export const appendSqlite: Benchmark = {
  name: 'append-sqlite',
  description: 'SQLite adapter appends vs plain better-sqlite3 inserts (target ratio >= 0.5)',
  async run() {
    const dir = scratchDir();
    try {
      const raw = rawSqlite(dir.file('raw.db'));
      const baseline = await timeAppends(raw.append);
      raw.db.close();
      const store = new SqliteEventStore(dir.file('ledger.db'));
      const value = await viaStore(store);
      await store.close();
      return {
        metric: 'eventsPerSecond',
        value: round(value, 0),
        baseline: round(baseline, 0),
        ratio: ratioOf(value, baseline),
        params,
      };
    } finally {
      dir.remove();
    }
  },
};

export const appendMemory: Benchmark = {
  name: 'append-memory',
  description: 'in-memory adapter appends (for unit tests; no baseline)',
  async run() {
    const value = await viaStore(new MemoryEventStore());
    return { metric: 'eventsPerSecond', value: round(value, 0), baseline: null, ratio: null, params };
  },
};
