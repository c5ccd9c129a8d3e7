import { TaskledgerError } from '@taskledger/errors';
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';

export interface LegacyMetadataRow {
  rowid: number;
  task_id: string;
  title: string;
  priority: string;
  points: number;
  description: string | null;
  tech_footprint: string | null;
  dependencies: string | null;
  score_total: number | null;
  human_required: number | null;
  human_reason: string | null;
  updated_at: string | null;
}

export interface LegacyExecutionRow {
  task_id: string;
  status: string;
  error_message: string | null;
  retry_count: number | null;
}

export interface LegacyHistoryRow {
  id: number;
  task_id: string;
  status: string;
  timestamp: string;
  message: string | null;
  metadata: string | null;
}

/** Everything the import reads from a task_execution.db. */
export interface LegacyState {
  metadata: LegacyMetadataRow[];
  executions: LegacyExecutionRow[];
  history: LegacyHistoryRow[];
}

/** The tables and columns the import reads: a file lacking one is not the original scripts' database. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  task_metadata: [
    'task_id',
    'title',
    'priority',
    'points',
    'description',
    'tech_footprint',
    'dependencies',
    'score_total',
    'human_required',
    'human_reason',
    'updated_at',
  ],
  task_executions: ['task_id', 'status', 'error_message', 'retry_count'],
  execution_history: ['id', 'task_id', 'status', 'timestamp', 'message', 'metadata'],
};

const notLegacy = (path: string, why: string): TaskledgerError =>
  new TaskledgerError(
    'InvalidArgument',
    `${path} is not a task_execution.db of the original scripts: ${why}; pass the state_manager.py database`,
  );

const checkSchema = (db: Database.Database, path: string): void => {
  for (const [table, columns] of Object.entries(REQUIRED)) {
    const present = new Set((db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name));
    if (present.size === 0) throw notLegacy(path, `table ${table} is missing`);
    const missing = columns.filter((column) => !present.has(column));
    if (missing.length > 0) throw notLegacy(path, `table ${table} has no column ${missing.join(', ')}`);
  }
};

const openReadOnly = (path: string): Database.Database => {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new TaskledgerError(
      'InvalidArgument',
      `${path} does not exist or is not a file; pass the task_execution.db path`,
    );
  }
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw notLegacy(path, `it cannot be opened (${(error as Error).message})`);
  }
};

/** Reads the original scripts' state database, opened read-only: nothing in it is ever changed. */
export const readLegacyState = (path: string): LegacyState => {
  const db = openReadOnly(path);
  try {
    try {
      checkSchema(db, path);
    } catch (error) {
      if (error instanceof TaskledgerError) throw error;
      throw notLegacy(path, `it is not a SQLite database (${(error as Error).message})`);
    }
    const metadata = db
      .prepare(
        `SELECT rowid, task_id, title, priority, points, description, tech_footprint, dependencies,
                score_total, human_required, human_reason, updated_at
           FROM task_metadata ORDER BY rowid`,
      )
      .all() as LegacyMetadataRow[];
    const executions = db
      .prepare('SELECT task_id, status, error_message, retry_count FROM task_executions ORDER BY rowid')
      .all() as LegacyExecutionRow[];
    const history = db
      .prepare('SELECT id, task_id, status, timestamp, message, metadata FROM execution_history ORDER BY id')
      .all() as LegacyHistoryRow[];
    return { metadata, executions, history };
  } finally {
    db.close();
  }
};
