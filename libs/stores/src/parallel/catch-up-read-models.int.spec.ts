import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskStream, toEnvelopes } from '@taskledger/events';
import { completed, executionIdFor, registered, started, testContext } from '@taskledger/events/testing';
import { readModels } from '@taskledger/projections';
import { openStores, Stores } from '../open-stores';
import { catchUpReadModels } from '../read-models';
import * as parallel from './parallel-catch-up';

// Workers started from the TypeScript sources compile them first (ts-node): seconds each.
jest.setTimeout(120_000);

const withLedger = async <T>(path: string, work: (stores: Stores) => Promise<T>): Promise<T> => {
  const stores = await openStores({ eventStore: { kind: 'sqlite', path }, readStore: { kind: 'sqlite', path } });
  try {
    const context = testContext();
    for (let n = 1; n <= 30; n += 1) {
      const executionId = executionIdFor(n);
      const history = [registered(`T-${n}`), started(`T-${n}`, { executionId }), completed(`T-${n}`, { executionId })];
      await stores.eventStore.append(taskStream(`T-${n}`), toEnvelopes(history, context), {
        expectedRevision: 'no_stream',
      });
    }
    return await work(stores);
  } finally {
    await stores.close();
  }
};

const documents = async (stores: Stores) => {
  const all: Record<string, unknown[]> = {};
  for (const { name } of readModels) all[name] = (await stores.readStore.find(name)).items;
  return all;
};

describe('an embedded catch-up far behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-catch-up-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it('runs the read models in two threads more than `parallelAbove` events behind, with the same documents', async () => {
    const inThreads = jest.spyOn(parallel, 'catchUpInParallel');
    const oneThread = await withLedger(join(dir, 'one.db'), async (stores) => {
      expect(await catchUpReadModels(stores)).toMatchObject({ processed: 90 });
      return documents(stores);
    });
    expect(inThreads).not.toHaveBeenCalled();

    const twoThreads = await withLedger(join(dir, 'two.db'), async (stores) => {
      expect(await catchUpReadModels(stores, { parallelAbove: 89 })).toMatchObject({ processed: 90 });
      expect(await catchUpReadModels(stores, { parallelAbove: 0 })).toMatchObject({ processed: 0 });
      return documents(stores);
    });
    expect(inThreads).toHaveBeenCalledTimes(1);
    expect(inThreads.mock.calls[0]?.[0].groups).toEqual([
      ['execution_history'],
      ['backlog_tasks', 'task_executions', 'performance_metrics', 'error_statistics'],
    ]);
    expect(twoThreads).toEqual(oneThread);
  });
});
