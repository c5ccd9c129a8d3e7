import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_STREAM, taskStream, toEnvelopes } from '@taskledger/events';
import { completed, registered, started, testContext } from '@taskledger/events/testing';
import { openStores } from './open-stores';
import { catchUpReadModels, selectProjections } from './read-models';

describe('opening the configured stores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-stores-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps events and read models in one SQLite file, and catches the read models up (embedded mode)', async () => {
    const path = join(dir, 'ledger.db');
    const stores = await openStores({ eventStore: { kind: 'sqlite', path }, readStore: { kind: 'sqlite', path } });
    try {
      expect(stores.embedded).toBe(true);
      expect(stores.locations).toEqual({ eventStore: `sqlite:${path}`, readStore: `sqlite:${path}` });
      await stores.eventStore.append(taskStream('B-1'), toEnvelopes([registered('B-1')], testContext()), {
        expectedRevision: 'no_stream',
      });
      const progress = await catchUpReadModels(stores);
      expect(progress).toMatchObject({ processed: 1 });
      expect(await stores.readStore.get('backlog_tasks', 'B-1')).toMatchObject({ id: 'B-1', title: 'Sample task' });
    } finally {
      await stores.close();
    }
  });

  it('writes a ledger checkpoint as events are appended, which leaves every read model as it was', async () => {
    const events = toEnvelopes([registered('B-1'), started('B-1'), completed('B-1'), registered('B-2')], testContext());
    const readModelsAfter = async (checkpointEvery: number) => {
      const path = join(dir, `checkpoints-${checkpointEvery}.db`);
      const stores = await openStores(
        { eventStore: { kind: 'sqlite', path }, readStore: { kind: 'sqlite', path } },
        { checkpointEvery },
      );
      try {
        await stores.eventStore.append(taskStream('B-1'), events.slice(0, 3), { expectedRevision: 'no_stream' });
        await stores.eventStore.append(taskStream('B-2'), events.slice(3), { expectedRevision: 'no_stream' });
        await catchUpReadModels(stores);
        const checkpoints = await stores.eventStore.readStream(CHECKPOINT_STREAM);
        const collections = await stores.readStore.listCollections();
        const documents = await Promise.all(
          collections.map(async ({ name }) => [name, (await stores.readStore.find(name)).items]),
        );
        return { checkpoints: checkpoints.length, documents };
      } finally {
        await stores.close();
      }
    };
    const withCheckpoint = await readModelsAfter(3);
    const without = await readModelsAfter(1000);
    expect([withCheckpoint.checkpoints, without.checkpoints]).toEqual([1, 0]);
    expect(withCheckpoint.documents).toEqual(without.documents);
  });

  it('opens in-memory stores for tests', async () => {
    const stores = await openStores({ eventStore: { kind: 'memory' }, readStore: { kind: 'memory' } });
    expect(stores.locations).toEqual({ eventStore: 'memory:', readStore: 'memory:' });
    await stores.close();
  });

  it('closes the event store again when the read store cannot be opened, and names the file', async () => {
    const notADatabase = join(dir, 'notes.txt');
    writeFileSync(notADatabase, 'plain text, not SQLite\n'.repeat(100));
    await expect(
      openStores({
        eventStore: { kind: 'sqlite', path: join(dir, 'events.db') },
        readStore: { kind: 'sqlite', path: notADatabase },
      }),
    ).rejects.toThrow(notADatabase);
  });

  it('hides credentials of server URLs in the locations it reports', async () => {
    const stores = await openStores({
      eventStore: { kind: 'esdb', url: 'esdb://admin:changeit@localhost:2113?tls=false' },
      readStore: { kind: 'memory' },
    });
    try {
      expect(stores.embedded).toBe(false);
      expect(stores.locations.eventStore).toBe('esdb://***@localhost:2113?tls=false');
      expect(await catchUpReadModels(stores)).toBeNull();
    } finally {
      await stores.close();
    }
  });
});

describe('choosing projections', () => {
  it('runs every read model by default, or only those named, and names the known ones for a typo', () => {
    expect(selectProjections().map((projection) => projection.name)).toContain('task_executions');
    expect(selectProjections(['error_statistics', 'backlog_tasks']).map((p) => p.name)).toEqual([
      'backlog_tasks',
      'error_statistics',
    ]);
    expect(() => selectProjections(['task_execution'])).toThrow(
      /unknown projection task_execution; known projections: backlog_tasks, task_executions/,
    );
  });
});
