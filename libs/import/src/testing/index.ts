import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared fixtures folder (real files written outside this project; never copied into the
 * repo): TASKLEDGER_SHARED_FIXTURES, else `shared/fixtures` beside the repository. Null when
 * neither exists.
 */
export const sharedFixtures = (repoRoot: string): string | null =>
  [process.env['TASKLEDGER_SHARED_FIXTURES'], resolve(repoRoot, '../shared/fixtures')].find(
    (dir): dir is string => dir !== undefined && existsSync(join(dir, 'legacy-state')),
  ) ?? null;

/** The original state_manager.py schema, as its `_init_database` creates it. */
const SCHEMA = `
CREATE TABLE task_executions (task_id TEXT PRIMARY KEY, status TEXT NOT NULL, started_at TIMESTAMP NOT NULL,
  completed_at TIMESTAMP, error_message TEXT, retry_count INTEGER DEFAULT 0, progress REAL DEFAULT 0.0,
  execution_time REAL, metadata TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE task_metadata (task_id TEXT PRIMARY KEY, title TEXT NOT NULL, priority TEXT NOT NULL,
  points INTEGER NOT NULL, description TEXT, tech_footprint TEXT, dependencies TEXT, score_total REAL,
  human_required BOOLEAN DEFAULT FALSE, human_reason TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE execution_history (id INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
  status TEXT NOT NULL, timestamp TIMESTAMP NOT NULL, message TEXT, metadata TEXT);
CREATE TABLE performance_metrics (task_id TEXT PRIMARY KEY, avg_execution_time REAL, success_rate REAL,
  total_executions INTEGER DEFAULT 0, successful_executions INTEGER DEFAULT 0, failed_executions INTEGER DEFAULT 0,
  last_execution TIMESTAMP, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);`;

export type HistoryStep = [status: string, timestamp: string, message: string, metadata?: object];

/** Writes a task_execution.db as the original scripts would have, for tests. */
export const writeLegacyDb = (
  path: string,
  tasks: ReadonlyArray<{
    id: string;
    title?: string;
    priority?: string;
    history: readonly HistoryStep[];
    current?: { status: string; error: string | null; retries: number };
  }>,
): void => {
  const db = new Database(path);
  try {
    db.exec(SCHEMA);
    const meta = db.prepare(
      `INSERT INTO task_metadata (task_id, title, priority, points, description, tech_footprint, dependencies, updated_at)
       VALUES (?, ?, ?, 3, ?, 'python', '', '2025-08-10T09:00:00')`,
    );
    const step = db.prepare(
      'INSERT INTO execution_history (task_id, status, timestamp, message, metadata) VALUES (?, ?, ?, ?, ?)',
    );
    const current = db.prepare(
      `INSERT INTO task_executions (task_id, status, started_at, error_message, retry_count) VALUES (?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (const task of tasks) {
        meta.run(task.id, task.title ?? `Task ${task.id}`, task.priority ?? '🔥', task.title ?? null);
        for (const [status, at, message, metadata] of task.history) {
          step.run(task.id, status, at, message, metadata === undefined ? null : JSON.stringify(metadata));
        }
        if (task.current) {
          const { status, error, retries } = task.current;
          current.run(task.id, status, task.history[0]?.[1] ?? '2025-08-10T09:00:00', error, retries);
        }
      }
    })();
  } finally {
    db.close();
  }
};

export { testRepository, backlogText } from './git-repository';
