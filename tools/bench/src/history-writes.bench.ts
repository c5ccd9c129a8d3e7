import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@taskledger/event-store';
import { AnyProjection, Doc, executionHistoryProjection, ProjectedEvent } from '@taskledger/projections';
import { Benchmark, round } from './bench-result';
import { copyEventsFixture, REBUILD_LEDGER } from './ledger-fixture';
import { scratchDir } from './scratch';

/** As many rows per transaction as a catch-up batch of the rebuild commits at most. */
const ROWS_PER_TRANSACTION = 50_000;
/** The rebuild target this bounds (issue 5). */
const TARGET_EVENTS_PER_SECOND = 150_000;

type Row = [id: string, json: string, ...fields: unknown[]];

/** The projection as the runtime drives it: documents and events as plain records. */
const history: AnyProjection = executionHistoryProjection;

const quoted = (name: string): string => `"${name}"`;

/** Columns of the compact layout: every field but the rendered `message`; `metadata` stays JSON. */
const COMPACT_COLUMNS = [
  'id',
  'taskId',
  'eventType',
  'status',
  'timestamp',
  'executionId',
  'attempt',
  'correlationId',
  'causationId',
  'actor',
  'streamName',
  'revision',
  'metadata',
  'note',
] as const;

/** Events whose message quotes free text of the event, kept in `note` by the compact layout. */
const QUOTING = new Set(['TaskProgressReported', 'TaskAttemptFailed', 'TaskExecutionFailed']);

type Layout = 'document' | 'columns' | 'columns-id-after';

const tableFor = (layout: Layout, fields: readonly string[]): string =>
  layout === 'document'
    ? `CREATE TABLE history (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL, ${fields.map(quoted).join(', ')})`
    : `CREATE TABLE history (${COMPACT_COLUMNS.map((column) => (column === 'id' ? (layout === 'columns' ? 'id TEXT PRIMARY KEY NOT NULL' : 'id TEXT NOT NULL') : quoted(column))).join(', ')})`;

const rowOf = (layout: Layout, doc: Doc & Record<string, unknown>, fields: readonly string[]): Row => {
  if (layout === 'document') return [doc.id, JSON.stringify(doc), ...fields.map((field) => doc[field])];
  return COMPACT_COLUMNS.map((column) =>
    column === 'metadata'
      ? JSON.stringify(doc.metadata)
      : column === 'note'
        ? QUOTING.has(doc.eventType as string)
          ? doc.message
          : null
        : doc[column],
  ) as Row;
};

/**
 * The SQLite work of the execution_history read model alone, timed: its documents inserted with
 * plain better-sqlite3 into a table shaped like the read store's (id, JSON text, one column per
 * indexed field), 50,000 per transaction, then its indexes built once. Reading the events and
 * folding them is not timed. However fast the rest of a rebuild gets, it cannot beat these writes.
 */
const historyWritesBenchmark = (name: string, layout: Layout): Benchmark => ({
  name,
  description: `only the SQLite writes of execution_history for the rebuild's ${REBUILD_LEDGER.events.toLocaleString('en-US')} events (raw better-sqlite3, indexes built after; ${layout === 'document' ? 'JSON documents as the read store writes them' : 'compact: real columns, metadata JSON, no message'}): the most events/s any rebuild of all read models can reach`,
  async run() {
    const dir = scratchDir();
    try {
      const events = new SqliteEventStore(await copyEventsFixture(dir.file('ledger.db')));
      const indexes = history.indexes ?? [];
      const fields = [...new Set(indexes.flat())];
      const target = new Database(dir.file('history.db'));
      target.pragma('journal_mode = WAL');
      target.pragma('synchronous = NORMAL');
      target.pragma('cache_size = -65536');
      target.exec(tableFor(layout, fields));
      const columns = layout === 'document' ? 2 + fields.length : COMPACT_COLUMNS.length;
      const insert = target.prepare(`INSERT INTO history VALUES (${Array(columns).fill('?').join(', ')})`);
      const insertAll = target.transaction((rows: Row[]) => rows.forEach((row) => insert.run(row)));
      const handled = new Set<string>(history.handles);
      let rows: Row[] = [];
      let documents = 0;
      let insertMs = 0;
      const flush = () => {
        const started = performance.now();
        insertAll(rows);
        insertMs += performance.now() - started;
        documents += rows.length;
        rows = [];
      };
      for await (const event of events.readAll()) {
        if (!handled.has(event.type)) continue;
        const doc = history.evolve(null, event as ProjectedEvent, event.id) as (Doc & Record<string, unknown>) | null;
        if (doc === null) continue;
        rows.push(rowOf(layout, doc, fields));
        if (rows.length >= ROWS_PER_TRANSACTION) flush();
      }
      flush();
      await events.close();
      const started = performance.now();
      target.pragma('cache_size = -2000');
      if (layout === 'columns-id-after') target.exec('CREATE UNIQUE INDEX history_id ON history (id)');
      indexes.forEach((index, number) =>
        target.exec(`CREATE INDEX history_${number} ON history (${[...index.map(quoted), 'id'].join(', ')})`),
      );
      const indexMs = performance.now() - started;
      target.pragma('wal_checkpoint(TRUNCATE)');
      target.close();
      const seconds = (insertMs + indexMs) / 1000;
      return {
        metric: 'maxEventsPerSecond',
        value: round(REBUILD_LEDGER.events / seconds, 0),
        baseline: TARGET_EVENTS_PER_SECOND,
        ratio: round(REBUILD_LEDGER.events / seconds / TARGET_EVENTS_PER_SECOND, 3),
        params: {
          events: REBUILD_LEDGER.events,
          documents,
          insertSeconds: round(insertMs / 1000, 2),
          indexSeconds: round(indexMs / 1000, 2),
          secondsAtTarget: round(REBUILD_LEDGER.events / TARGET_EVENTS_PER_SECOND, 2),
          rowsPerTransaction: ROWS_PER_TRANSACTION,
          layout,
          fileMb: round(statSync(dir.file('history.db')).size / 1e6, 1),
        },
      };
    } finally {
      dir.remove();
    }
  },
});

export const historyWrites = historyWritesBenchmark('history-writes', 'document');

export const historyWritesCompact = historyWritesBenchmark('history-writes-compact', 'columns');

export const historyWritesCompactIdAfter = historyWritesBenchmark(
  'history-writes-compact-id-after',
  'columns-id-after',
);
