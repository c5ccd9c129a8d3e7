import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { taskStream } from '@taskledger/events';
import { RecordedEvent, SqliteEventStore } from '@taskledger/event-store';
import { importLegacyState } from './import-legacy-state';
import { HistoryStep, sharedFixtures, writeLegacyDb } from './testing';

const FIXTURES = sharedFixtures(resolve(__dirname, '../../..'));
if (!FIXTURES) console.warn('real legacy-state test skipped: shared/fixtures/legacy-state not found');

interface Reference {
  statuses: Record<
    string,
    { status: string; retry_count: number; error_message: string | null; execution_time: number }
  >;
  history_counts: Record<string, number>;
  tasks_with_metadata: number;
}

/** The event each execution_history row maps to (others, like TaskAttemptFailed, come along with it). */
const ROW_EVENTS = ['TaskProgressReported', 'TaskRetryScheduled', 'TaskExecutionCompleted', 'TaskExecutionFailed'];
const rowEvents = (events: RecordedEvent[]) =>
  events.filter(
    (event) => ROW_EVENTS.includes(event.type) || (event.type === 'TaskExecutionStarted' && event.data.attempt === 1),
  ).length;

describe('importing the original scripts’ state database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-legacy-'));
  let store: SqliteEventStore;
  let n = 0;
  const run = (path: string, options: { timeZone?: string; dryRun?: boolean } = {}) =>
    importLegacyState(store, { path, timeZone: 'UTC', correlationId: 'test', ...options });
  const stream = (taskId: string) => store.readStream(taskStream(taskId));

  beforeEach(() => {
    store = new SqliteEventStore(join(dir, `ledger-${(n += 1)}.db`));
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  (FIXTURES ? describe : describe.skip)('the real task_execution.db', () => {
    const db = join(FIXTURES ?? '', 'legacy-state/task_execution.db');
    const reference = (): Reference =>
      JSON.parse(readFileSync(join(FIXTURES!, 'legacy-state/task_execution.reference.json'), 'utf8'));

    it('records every history row as its lifecycle event with the script’s outcomes, retries and errors', async () => {
      const summary = await run(db);
      const { statuses, history_counts, tasks_with_metadata } = reference();
      expect(summary).toMatchObject({ tasks: tasks_with_metadata, warnings: [] });
      for (const [taskId, count] of Object.entries(history_counts)) {
        const events = await stream(taskId);
        expect([taskId, events[0]!.type]).toEqual([taskId, 'TaskRegistered']);
        expect([taskId, rowEvents(events)]).toEqual([taskId, count]);
      }
      for (const [taskId, expected] of Object.entries(statuses)) {
        const events = await stream(taskId);
        const ending = events[events.length - 1]!;
        expect([taskId, ending.type]).toEqual([
          taskId,
          expected.status === 'completed' ? 'TaskExecutionCompleted' : 'TaskExecutionFailed',
        ]);
        const data = ending.data as { attempt: number; durationMs?: number; message?: string };
        expect([taskId, data.attempt - 1]).toEqual([taskId, expected.retry_count]);
        if (ending.type === 'TaskExecutionCompleted') expect(data.durationMs).toBe(expected.execution_time * 1000);
        else expect(data.message).toBe(expected.error_message);
      }
    });

    it('appends nothing the second time and never changes the file', async () => {
      const before = { sha: createHash('sha256').update(readFileSync(db)).digest('hex'), mtime: statSync(db).mtimeMs };
      const first = await run(db);
      const second = await run(db);
      expect(first.appended).toBe(first.events);
      expect(second).toMatchObject({ appended: 0, alreadyPresent: first.events, recorded: [] });
      expect(createHash('sha256').update(readFileSync(db)).digest('hex')).toBe(before.sha);
      expect(statSync(db).mtimeMs).toBe(before.mtime);
    });

    it('reads the naive times in the zone given and stores UTC', async () => {
      await run(db, { timeZone: 'Europe/Berlin' });
      const started = (await stream('B-008')).find((event) => event.type === 'TaskExecutionStarted')!;
      expect(started.metadata.occurredAt).toBe('2025-08-10T07:10:53.000Z');
    });

    it('a dry run lists what it would record and appends nothing', async () => {
      const summary = await run(db, { dryRun: true });
      expect(summary.recorded).toHaveLength(summary.events);
      expect(summary.recorded[0]).toEqual({
        stream: 'task-B-008',
        type: 'TaskRegistered',
        occurredAt: '2025-08-10T09:00:00.000Z',
      });
      expect(await store.headPosition()).toBeNull();
    });
  });

  describe('a retry’s error message', () => {
    const start: [string, string, string, object] = [
      'running',
      '2025-08-10T09:00:00',
      'Task execution started',
      { executor: 'process_tasks', attempt: 1 },
    ];

    it('is taken from task_executions when the retry is the task’s last step, and is unknown otherwise', async () => {
      const path = join(dir, `retries-${n}.db`);
      writeLegacyDb(path, [
        {
          id: 'B-1',
          history: [start, ['pending', '2025-08-10T09:01:00', 'Retry attempt 1']],
          current: { status: 'pending', error: 'Timeout after 30s', retries: 1 },
        },
        {
          id: 'B-2',
          history: [
            start,
            ['pending', '2025-08-10T09:01:00', 'Retry attempt 1'],
            ['running', '2025-08-10T09:02:00', 'Progress: 50.0% - step 2 of 4'],
            ['failed', '2025-08-10T09:03:00', 'Task execution failed', { error_message: 'Permission denied' }],
          ],
          current: { status: 'failed', error: 'Permission denied', retries: 1 },
        },
      ]);
      await run(path);
      const failures = async (taskId: string) =>
        (await stream(taskId))
          .filter((event) => event.type === 'TaskAttemptFailed')
          .map((event) => [event.data.attempt, event.data.error.message, event.data.classification.category]);
      expect(await failures('B-1')).toEqual([[1, 'Timeout after 30s', 'timeout']]);
      expect(await failures('B-2')).toEqual([
        [1, 'unknown', 'unknown'],
        [2, 'Permission denied', 'permission'],
      ]);
      const progress = (await stream('B-2')).find((event) => event.type === 'TaskProgressReported')!;
      expect(progress.data).toMatchObject({ attempt: 2, progress: 0.5, message: 'step 2 of 4' });
    });
  });

  it('keeps each task’s events in time order: a row dated before the one before it keeps that time', async () => {
    const path = join(dir, `skewed-${n}.db`);
    writeLegacyDb(path, [
      {
        id: 'B-1',
        history: [
          ['running', '2025-08-10T09:00:00', 'Task execution started', { attempt: 1 }],
          ['running', '2025-08-10T08:59:00', 'Progress: 50.0% - step 2 of 4'],
          ['completed', '2025-08-10T09:05:00', 'Task execution completed', { execution_time: 300 }],
        ],
      },
    ]);
    const summary = await run(path);
    expect(summary.warnings).toEqual([
      { taskId: 'B-1', row: 2, message: expect.stringMatching(/dated 2025-08-10T08:59:00, before the row before it/) },
    ]);
    const times = (await stream('B-1')).map((event) => event.metadata.occurredAt);
    expect(times).toEqual([
      '2025-08-10T09:00:00.000Z',
      '2025-08-10T09:00:00.000Z',
      '2025-08-10T09:00:00.000Z',
      '2025-08-10T09:05:00.000Z',
    ]);
  });

  it('records a task restarted after success as a second execution (the original keeps only the last)', async () => {
    const path = join(dir, `restarted-${n}.db`);
    const run1: HistoryStep[] = [
      ['running', '2025-08-10T09:00:00', 'Task execution started', { attempt: 1 }],
      ['completed', '2025-08-10T09:01:00', 'Task execution completed', { execution_time: 60 }],
    ];
    const run2: HistoryStep[] = [
      ['running', '2025-08-10T10:00:00', 'Task execution started', { attempt: 1 }],
      ['completed', '2025-08-10T10:02:00', 'Task execution completed', { execution_time: 120 }],
    ];
    writeLegacyDb(path, [{ id: 'B-1', history: [...run1, ...run2] }]);
    await run(path);
    const completions = (await stream('B-1')).filter((event) => event.type === 'TaskExecutionCompleted');
    expect(completions.map((event) => event.data.durationMs)).toEqual([60_000, 120_000]);
    expect(new Set(completions.map((event) => event.data.executionId)).size).toBe(2);
  });

  describe('a file that is not the original scripts’ database', () => {
    it('is refused naming what is missing', async () => {
      const text = join(dir, 'notes.txt');
      writeFileSync(text, 'just some text\n');
      await expect(run(text)).rejects.toMatchObject({
        code: 'InvalidArgument',
        message: expect.stringMatching(/notes\.txt is not a task_execution\.db .*not a SQLite database/),
      });
      await expect(run(join(dir, `ledger-${n}.db`))).rejects.toThrow(/table task_metadata is missing/);
      const partial = join(dir, 'partial.db');
      writeLegacyDb(partial, []);
      const db = new Database(partial);
      db.exec('DROP TABLE execution_history');
      db.close();
      await expect(run(partial)).rejects.toThrow(/partial\.db is not .*: table execution_history is missing/);
      await expect(run(join(dir, 'absent.db'))).rejects.toThrow(/does not exist/);
    });

    it('refuses an unknown time zone naming --timezone', async () => {
      await expect(run(join(dir, 'absent.db'), { timeZone: 'Mars/Olympus' })).rejects.toThrow(
        /--timezone "Mars\/Olympus"/,
      );
    });
  });
});
