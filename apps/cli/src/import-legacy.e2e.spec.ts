import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HistoryStep, sharedFixtures, testRepository, writeLegacyDb } from '@taskledger/import/testing';
import { CLI, runCli, workDir } from '../test/run-cli';

jest.setTimeout(120_000);

const FIXTURES = sharedFixtures(resolve(__dirname, '../../..'));
if (!FIXTURES) console.warn('legacy-state CLI test skipped: shared/fixtures/legacy-state not found');

const ran = (start: string, end: string, seconds: number): HistoryStep[] => [
  ['running', `2025-08-10T${start}`, 'Task execution started', { executor: 'process_tasks', attempt: 1 }],
  ['running', `2025-08-10T${start.slice(0, 6)}30`, 'Progress: 50.0% - step 2 of 4'],
  ['completed', `2025-08-10T${end}`, 'Task execution completed', { execution_time: seconds, retry_count: 0 }],
];

const eventCount = (ledger: string): number => {
  if (!existsSync(ledger)) return 0;
  try {
    const db = new Database(ledger, { readonly: true });
    try {
      // The ledger checkpoint the store writes every 10,000 events is not an imported event.
      return (
        db.prepare("SELECT count(*) AS n FROM events WHERE stream != 'ledger-checkpoints'").get() as { n: number }
      ).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
};

describe('taskledger import legacy-state', () => {
  const dir = workDir('import-legacy');
  afterAll(() => dir.remove());
  let n = 0;
  const ledgerEnv = () => ({ TASKLEDGER_EVENT_STORE: `sqlite:${join(dir.path, `ledger-${(n += 1)}.db`)}` });
  const cli = (args: string[], env: Record<string, string>) => runCli(args, { cwd: dir.path, env });

  (FIXTURES ? it : it.skip)(
    'after an import into an empty ledger, status and stats agree with the script’s own statistics',
    async () => {
      const db = join(FIXTURES ?? '', 'legacy-state/task_execution.db');
      const reference = JSON.parse(readFileSync(join(FIXTURES!, 'legacy-state/task_execution.reference.json'), 'utf8'));
      const env = ledgerEnv();
      const imported = await cli(['import', 'legacy-state', db, '--timezone', 'UTC'], env);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/25 tasks, \d+ events \(\d+ appended, 0 already in the ledger\), 0 warnings/);
      const status = JSON.parse((await cli(['status', '--format', 'json'], env)).stdout);
      const stats = JSON.parse((await cli(['stats', '--format', 'json'], env)).stdout);
      const expected = reference.statistics;
      expect(status.byStatus).toMatchObject(expected.status_counts);
      expect(status.executions).toBe(expected.total_tasks);
      expect(status.successRate * 100).toBeCloseTo(expected.success_rate, 1);
      expect(stats.overall).toMatchObject({
        successes: expected.completed_tasks,
        failures: expected.failed_tasks,
        totalRetries: expected.total_retries,
      });
      // By design (README): the ledger averages completed executions only, and counts registered tasks.
      const completedSeconds = Object.values(
        reference.statuses as Record<string, { status: string; execution_time: number }>,
      )
        .filter((task) => task.status === 'completed')
        .map((task) => task.execution_time);
      const allSeconds = Object.values(reference.statuses as Record<string, { execution_time: number }>).map(
        (task) => task.execution_time,
      );
      expect(allSeconds.reduce((a, b) => a + b, 0) / allSeconds.length).toBeCloseTo(expected.avg_execution_time, 6);
      expect(stats.overall.avgDurationMs / 1000).toBeCloseTo(
        completedSeconds.reduce((a, b) => a + b, 0) / completedSeconds.length,
        6,
      );
      expect(status.totalTasks).toBe(reference.tasks_with_metadata);
      expect(status.pendingTasks).toBe(reference.tasks_with_metadata - expected.total_tasks);

      const again = await cli(['import', 'legacy-state', db, '--timezone', 'UTC', '--format', 'json'], env);
      expect(JSON.parse(again.stdout)).toMatchObject({ appended: 0, recorded: [] });
    },
  );

  (FIXTURES ? it : it.skip)(
    'after the backlog’s git history, executions land on its tasks, and the task read model is the same as without it',
    async () => {
      const db = join(FIXTURES ?? '', 'legacy-state/task_execution.db');
      const repo = testRepository(join(dir.path, 'backlog-repo'));
      for (const name of ['ai-dev-tasks-2025-08-12.md', 'ai-dev-tasks-2025-09-15.md']) {
        copyFileSync(join(FIXTURES!, 'backlogs', name), join(repo.dir, '000_backlog.md'));
        repo.commit(name);
      }
      const alone = ledgerEnv();
      const both = ledgerEnv();
      expect((await cli(['import', 'legacy-state', db, '--timezone', 'UTC'], alone)).code).toBe(0);
      expect((await cli(['import', 'git', 'backlog-repo', '--path', '000_backlog.md'], both)).code).toBe(0);
      const imported = await cli(['import', 'legacy-state', db, '--timezone', 'UTC', '--format', 'json'], both);
      expect(JSON.parse(imported.stdout).recorded).not.toContainEqual(
        expect.objectContaining({ type: 'TaskRegistered' }),
      );
      const executionFields = async (env: Record<string, string>) => {
        const { tasks } = JSON.parse((await cli(['export', 'tasks'], env)).stdout);
        const legacy = Object.keys(
          JSON.parse(readFileSync(join(FIXTURES!, 'legacy-state/task_execution.reference.json'), 'utf8'))
            .history_counts,
        );
        return tasks
          .filter((task: { taskId: string }) => legacy.includes(task.taskId))
          .map(
            ({
              taskId,
              status,
              executions,
              retryCount,
              totalRetries,
              executionTimeMs,
              completedAt,
              failure,
              lastError,
            }: Record<string, unknown>) => ({
              taskId,
              status,
              executions,
              retryCount,
              totalRetries,
              executionTimeMs,
              completedAt,
              failure,
              lastError,
            }),
          );
      };
      const expected = await executionFields(alone);
      expect(expected).toHaveLength(25);
      expect(await executionFields(both)).toEqual(expected);
    },
  );

  it('a dry run prints each event it would record and appends none', async () => {
    const db = join(dir.path, 'small.db');
    writeLegacyDb(db, [{ id: 'L-1', history: ran('09:10:00', '09:12:00', 120) }]);
    const env = ledgerEnv();
    const dry = await cli(['import', 'legacy-state', 'small.db', '--dry-run', '--timezone', 'Europe/Berlin'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would record 4 events');
    expect(dry.stdout).toContain('2025-08-10T07:10:00.000Z  task-L-1  TaskExecutionStarted');
    expect(eventCount(env.TASKLEDGER_EVENT_STORE.slice('sqlite:'.length))).toBe(0);
  });

  it('exits 2 naming the file for a text file, and naming --timezone for an unknown zone', async () => {
    writeFileSync(join(dir.path, 'notes.md'), '# not a database\n');
    const text = await cli(['import', 'legacy-state', 'notes.md'], ledgerEnv());
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/notes\.md is not a task_execution\.db of the original scripts/);
    const zone = await cli(['import', 'legacy-state', 'notes.md', '--timezone', 'Nowhere/Else'], ledgerEnv());
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--timezone "Nowhere/Else" is not an IANA time zone');
  });

  it('refuses, appending nothing, when the ledger already has other runs of the same task', async () => {
    writeLegacyDb(join(dir.path, 'first.db'), [{ id: 'L-1', history: ran('09:10:00', '09:12:00', 120) }]);
    writeLegacyDb(join(dir.path, 'other.db'), [
      { id: 'L-1', history: [...ran('08:00:00', '08:01:00', 60), ...ran('08:05:00', '08:06:00', 60)] },
    ]);
    const env = ledgerEnv();
    expect((await cli(['import', 'legacy-state', 'first.db'], env)).code).toBe(0);
    const before = eventCount(env.TASKLEDGER_EVENT_STORE.slice('sqlite:'.length));
    const refused = await cli(['import', 'legacy-state', 'other.db'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already has executions of L-1 not imported from .*other\.db/);
    expect(eventCount(env.TASKLEDGER_EVENT_STORE.slice('sqlite:'.length))).toBe(before);
  });

  it('an import killed with SIGKILL half-way is completed by the next, without duplicates', async () => {
    const tasks = Array.from({ length: 3000 }, (_, index) => ({
      id: `K-${index + 1}`,
      history: ran('09:10:00', '09:12:00', 120),
    }));
    writeLegacyDb(join(dir.path, 'big.db'), tasks);
    const env = ledgerEnv();
    const ledger = env.TASKLEDGER_EVENT_STORE.slice('sqlite:'.length);
    const child = spawn(process.execPath, [CLI, 'import', 'legacy-state', 'big.db', '--timezone', 'UTC'], {
      cwd: dir.path,
      env: { ...process.env, ...env },
    });
    const exited = new Promise((done) => child.on('exit', done));
    const deadline = Date.now() + 60_000;
    while (eventCount(ledger) < 400 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 10));
    child.kill('SIGKILL');
    await exited;
    const partial = eventCount(ledger);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(tasks.length * 4);
    expect(partial % 4).toBe(0);
    const resumed = await cli(['import', 'legacy-state', 'big.db', '--timezone', 'UTC', '--format', 'json'], env);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ appended: tasks.length * 4 - partial, alreadyPresent: partial });
    expect(eventCount(ledger)).toBe(tasks.length * 4);
    expect((await cli(['verify'], env)).code).toBe(0);
    const status = JSON.parse((await cli(['status', '--format', 'json'], env)).stdout);
    expect(status.byStatus.completed).toBe(tasks.length);
  });
});
