import { TaskledgerError } from '@taskledger/errors';
import type Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream   TEXT NOT NULL,
  revision INTEGER NOT NULL,
  id       TEXT NOT NULL,
  type     TEXT NOT NULL,
  data     TEXT NOT NULL,
  metadata TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events (stream, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events (id);
`;

export interface EventRow {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
}

const COLUMNS = 'position, stream, revision, id, type, data, metadata';

/** An EventRow as an array in COLUMNS order: raw rows read about twice as fast as objects. */
export type RawEventRow = [number, string, number, string, string, string, string];

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

export interface Statements {
  insert: Statement<[string, number, string, string, string, string]>;
  streamHead: Statement<[string], { revision: number; metadata: string }>;
  byId: Statement<[string], { stream: string; revision: number }>;
  atRevision: Statement<[string, number], { id: string; type: string; data: string; position: number }>;
  streamForwards: Statement<[string, number, number], EventRow>;
  streamBackwards: Statement<[string, number, number], EventRow>;
  after: Statement<[number, number], EventRow>;
  head: Statement<[], { position: number }>;
  allStored: Statement<[], RawEventRow>;
  streamStored: Statement<[string], RawEventRow>;
}

/** Creates the events table if needed and prepares every statement the store uses. */
export const prepareStatements = (db: Database.Database, path: string): Statements => {
  try {
    db.exec(SCHEMA);
  } catch (error) {
    throw new TaskledgerError(
      'StoreUnavailable',
      `ledger database ${path} cannot hold events: ${(error as Error).message}`,
      { path },
    );
  }
  return {
    insert: db.prepare<[string, number, string, string, string, string]>(
      'INSERT INTO events (stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    streamHead: db.prepare<[string], { revision: number; metadata: string }>(
      'SELECT revision, metadata FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    ),
    byId: db.prepare<[string], { stream: string; revision: number }>(
      'SELECT stream, revision FROM events WHERE id = ?',
    ),
    atRevision: db.prepare<[string, number], { id: string; type: string; data: string; position: number }>(
      'SELECT id, type, data, position FROM events WHERE stream = ? AND revision = ?',
    ),
    streamForwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    streamBackwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    after: db.prepare<[number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ),
    head: db.prepare<[], { position: number }>('SELECT position FROM events ORDER BY position DESC LIMIT 1'),
    allStored: db.prepare<[], RawEventRow>(`SELECT ${COLUMNS} FROM events ORDER BY position`).raw(),
    streamStored: db
      .prepare<[string], RawEventRow>(`SELECT ${COLUMNS} FROM events WHERE stream = ? ORDER BY position`)
      .raw(),
  };
};
