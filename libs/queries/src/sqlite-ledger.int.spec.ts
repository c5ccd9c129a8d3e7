import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { SqliteReadStore } from '@taskledger/read-store';
import { buildLedger, Ledger, scenario } from '../test/ledger';
import { EXPORT_FORMATS, EXPORT_KINDS, exportFile } from './exports.query';
import { taskHistory } from './history.query';
import { ledgerStatus } from './status.query';
import { listTasks } from './tasks.query';
import { predictions } from './predictions.query';

describe('queries over SQLite files', () => {
  let dir: string;
  let sqlite: Ledger;
  let memory: Ledger;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskledger-queries-'));
    const file = join(dir, 'ledger.db');
    sqlite = await buildLedger(scenario(), {
      eventStore: new SqliteEventStore(file),
      readStore: new SqliteReadStore(file),
    });
    memory = await buildLedger(scenario());
  });

  afterAll(async () => {
    await sqlite.readStore.close();
    await sqlite.eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same status as the in-memory stores', async () => {
    expect(await ledgerStatus(sqlite)).toEqual(await ledgerStatus(memory));
  });

  it('pages through filtered tasks with cursors', async () => {
    const first = await listTasks(sqlite.readStore, { filter: { status: 'completed' }, limit: 1 });
    const second = await listTasks(sqlite.readStore, {
      filter: { status: 'completed' },
      limit: 1,
      cursor: first.nextCursor,
    });
    expect([...first.items, ...second.items].map((task) => task.id)).toEqual(['B-1', 'B-2']);
    expect(second.nextCursor).toBeNull();
  });

  it('reads the audit trail from the SQLite event store', async () => {
    expect(await taskHistory(sqlite.eventStore, 'B-2', { from: 1, limit: 2 })).toEqual(
      await taskHistory(memory.eventStore, 'B-2', { from: 1, limit: 2 }),
    );
  });

  it('gives the trend from the [taskId, timestamp] index as in memory', async () => {
    expect(await predictions(sqlite.readStore)).toEqual(await predictions(memory.readStore));
  });

  it('exports byte-identical files from SQLite and memory read models', async () => {
    for (const kind of EXPORT_KINDS) {
      for (const format of EXPORT_FORMATS)
        expect((await exportFile(sqlite.readStore, kind, format)).body).toBe(
          (await exportFile(memory.readStore, kind, format)).body,
        );
    }
  });
});
