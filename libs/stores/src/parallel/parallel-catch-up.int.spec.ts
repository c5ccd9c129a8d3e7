import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { runTs } from '@taskledger/event-store/testing';
import { LedgerEvent, taskStream, toEnvelopes } from '@taskledger/events';
import {
  attemptFailed,
  completed,
  executionFailed,
  executionIdFor,
  progressReported,
  registered,
  retryScheduled,
  started,
  testContext,
} from '@taskledger/events/testing';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { SqliteReadStore } from '@taskledger/read-store';
import { catchUpInParallel } from './parallel-catch-up';

/** A task's history: a failed attempt, a retry, then a completion or a final failure. */
const historyOf = (n: number): LedgerEvent[] => {
  const taskId = `T-${n}`;
  const executionId = executionIdFor(n);
  return [
    registered(taskId, { title: `Task ${n}` }),
    started(taskId, { executionId }),
    progressReported(taskId, { executionId, progress: 0.25, message: `step ${n}` }),
    attemptFailed(taskId, { executionId, durationMs: 100 + n, error: { message: `exit ${n % 3}` } }),
    retryScheduled(taskId, { executionId }),
    started(taskId, { executionId, attempt: 2 }),
    n % 4 === 0
      ? executionFailed(taskId, { executionId, attempt: 2 })
      : completed(taskId, { executionId, attempt: 2, durationMs: 1000 + 7 * n }),
  ];
};

const TASKS = 60;

const ledgerAt = async (path: string): Promise<string> => {
  const store = new SqliteEventStore(path);
  const context = testContext();
  for (let n = 1; n <= TASKS; n += 1) {
    await store.append(taskStream(`T-${n}`), toEnvelopes(historyOf(n), context), { expectedRevision: 'no_stream' });
  }
  await store.close();
  return path;
};

/** Every read model's documents as stored, and its checkpoint's position. */
const readModelsIn = async (path: string, names = readModels.map((projection) => projection.name)) => {
  const store = new SqliteReadStore(path);
  try {
    const models: Record<string, { docs: string; position: string | null }> = {};
    for (const name of names) {
      const { items } = await store.find(name);
      models[name] = {
        docs: items.map((doc) => JSON.stringify(doc)).join('\n'),
        position: (await store.getCheckpoint(name))?.position ?? null,
      };
    }
    return models;
  } finally {
    await store.close();
  }
};

const catchUpOnOneThread = async (path: string) => {
  const eventStore = new SqliteEventStore(path);
  const readStore = new SqliteReadStore(path);
  try {
    return await new ProjectionRuntime({ eventStore, readStore, projections: readModels }).catchUp();
  } finally {
    await readStore.close();
    await eventStore.close();
  }
};

// Workers started from the TypeScript sources compile them first (ts-node): seconds each.
jest.setTimeout(120_000);

describe('catching read models up in worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-parallel-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const groups = [
    ['execution_history', 'backlog_tasks'],
    ['task_executions', 'performance_metrics', 'error_statistics'],
  ];

  it('stores the same documents and checkpoints as a catch-up on one thread, with small commits racing', async () => {
    const single = await ledgerAt(join(dir, 'single.db'));
    const parallel = await ledgerAt(join(dir, 'parallel.db'));
    await catchUpOnOneThread(single);
    const seen: number[] = [];
    const progress = await catchUpInParallel({
      eventStorePath: parallel,
      readStorePath: parallel,
      groups,
      batchSize: 7,
      onProgress: (update) => seen.push(update.processed),
    });

    expect(progress.processed).toBe(TASKS * 7);
    expect(progress.threads.map((thread) => thread.projections)).toEqual(groups);
    expect(progress.threads.every((thread) => thread.seconds > 0)).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    const expected = await readModelsIn(single);
    expect(expected.execution_history?.docs.split('\n')).toHaveLength(TASKS * 7);
    expect(await readModelsIn(parallel)).toEqual(expected);
  });

  it('stores the same documents as one thread alone while another process catches the same ledger up', async () => {
    const single = await ledgerAt(join(dir, 'alone.db'));
    const shared = await ledgerAt(join(dir, 'shared.db'));
    await catchUpOnOneThread(single);
    const child = runTs(join(__dirname, '../../test/one-thread-catch-up.ts'), [shared]);
    const go = () => existsSync(`${shared}.go`) || writeFileSync(`${shared}.go`, '');
    const [, other] = await Promise.all([
      catchUpInParallel({
        eventStorePath: shared,
        readStorePath: shared,
        groups,
        batchSize: 7,
        onProgress: go,
      }).finally(go),
      child,
    ]);
    expect([other.code, other.stderr]).toEqual([0, 'ready\n']);
    expect(await readModelsIn(shared)).toEqual(await readModelsIn(single));
  });

  it('rebuilds one read model in its group and leaves the others as they were', async () => {
    const path = await ledgerAt(join(dir, 'rebuild.db'));
    await catchUpOnOneThread(path);
    const before = await readModelsIn(path);
    await catchUpInParallel({ eventStorePath: path, readStorePath: path, groups, rebuild: 'task_executions' });
    expect(await readModelsIn(path)).toEqual(before);
  });

  it("fails with the worker's own message and code, after the other groups finished", async () => {
    const path = await ledgerAt(join(dir, 'failing.db'));
    const failing = catchUpInParallel({
      eventStorePath: path,
      readStorePath: path,
      groups: [['backlog_tasks'], ['no_such_model']],
    });
    await expect(failing).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringMatching(/^unknown projection no_such_model; known projections: backlog_tasks, /),
    });
    expect((await readModelsIn(path, ['backlog_tasks'])).backlog_tasks?.docs.split('\n')).toHaveLength(TASKS);
  });
});
