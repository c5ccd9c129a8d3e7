import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backlogStream, taskStream } from '@taskledger/events';
import { testContext } from '@taskledger/events/testing';
import { EventStore, SqliteEventStore } from '@taskledger/event-store';
import { recordBacklog } from './record-backlog';

const header =
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |\n|---|---|---|---|---|---|---|---|\n';
const row = (id: string, title: string, deps = 'None') =>
  `| ${id} | ${title} | 🔥 | 3 | todo | Outcome | Node | ${deps} |\n`;
const backlog = (...rows: string[]) => new TextEncoder().encode(`# Backlog\n\n${header}${rows.join('')}`);

describe('recording a backlog in the ledger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-intake-'));
  const path = join(dir, 'backlog.md');
  let store: EventStore;
  const context = () => ({ ...testContext({ newId: randomUUID }), cwd: dir });
  const record = (content: Uint8Array, into: EventStore = store) => recordBacklog(into, { path, content }, context());
  const types = async (taskId: string) => (await store.readStream(taskStream(taskId))).map((event) => event.type);

  beforeEach(() => {
    store = new SqliteEventStore(join(dir, `${randomUUID()}.db`));
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('registers every task of a first parse and records the parse itself', async () => {
    const summary = await record(backlog(row('B-1', 'First'), row('B‑2', 'Second', 'B-1')));
    expect(summary).toMatchObject({
      backlogId: 'backlog.md',
      tasks: 2,
      registered: ['B-1', 'B-2'],
      changed: [],
      removed: [],
      unchanged: 0,
    });
    expect(await types('B-2')).toEqual(['TaskRegistered']);
    const [registered] = await store.readStream(taskStream('B-2'));
    expect(registered!.data).toMatchObject({
      taskId: 'B-2',
      backlogId: 'backlog.md',
      definition: { title: 'Second', dependencies: ['B-1'] },
    });
    const [parsed] = await store.readStream(backlogStream('backlog.md'));
    expect(parsed!.data).toMatchObject({
      path,
      taskIds: ['B-1', 'B-2'],
      counts: { tasks: 2, registered: 2, warnings: 0 },
    });
    expect((parsed!.data as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('appends no task event when a file whose tasks carry metadata is parsed again unchanged', async () => {
    const withMeta = `# Backlog\n\n| ID | Title | Zone | Area |\n|---|---|---|---|\n| B-1 | First | north | api |\n`;
    const content = new TextEncoder().encode(withMeta);
    await record(content);
    const [registered] = await store.readStream(taskStream('B-1'));
    expect(Object.keys((registered!.data as { definition: { meta: object } }).definition.meta).length).toBe(2);
    expect(await record(content)).toMatchObject({ changed: [], unchanged: 1 });
    expect(await types('B-1')).toEqual(['TaskRegistered']);
  });

  it('appends no task event when the file is parsed again unchanged', async () => {
    const content = backlog(row('B-1', 'First'));
    await record(content);
    const again = await record(content);
    expect(again).toMatchObject({ registered: [], changed: [], removed: [], unchanged: 1 });
    expect(await types('B-1')).toEqual(['TaskRegistered']);
    expect(await store.readStream(backlogStream('backlog.md'))).toHaveLength(2);
  });

  it('records a field-level diff when a task changes, but not when it only moved down the file', async () => {
    await record(backlog(row('B-1', 'First'), row('B-2', 'Second')));
    const moved = await record(
      new TextEncoder().encode(
        `# Backlog\n\nA new intro line.\n\n${header}${row('B-1', 'First')}${row('B-2', 'Second, renamed')}`,
      ),
    );
    expect(moved).toMatchObject({ changed: ['B-2'], unchanged: 1 });
    expect(await types('B-1')).toEqual(['TaskRegistered']);
    const [, change] = await store.readStream(taskStream('B-2'));
    expect(change!.data).toEqual({
      taskId: 'B-2',
      backlogId: 'backlog.md',
      changes: [
        { field: 'title', from: 'Second', to: 'Second, renamed' },
        { field: 'source', from: { path, line: 6 }, to: { path, line: 8 } },
      ],
    });
  });

  it('records a task that disappeared, and registers it again when it comes back', async () => {
    await record(backlog(row('B-1', 'First'), row('B-2', 'Second')));
    expect(await record(backlog(row('B-1', 'First')))).toMatchObject({ removed: ['B-2'] });
    expect(await record(backlog(row('B-1', 'First')))).toMatchObject({ removed: [] });
    expect(await record(backlog(row('B-1', 'First'), row('B-2', 'Second')))).toMatchObject({ registered: ['B-2'] });
    expect(await types('B-2')).toEqual(['TaskRegistered', 'TaskRemovedFromBacklog', 'TaskRegistered']);
  });

  it('registers each task once when two parses race over one ledger', async () => {
    const rows = Array.from({ length: 30 }, (_, index) => row(`B-${index + 1}`, `Task ${index + 1}`));
    const other = new SqliteEventStore((store as SqliteEventStore).path);
    try {
      const results = await Promise.all([record(backlog(...rows)), record(backlog(...rows), other)]);
      const registrations = results.flatMap((result) => result.registered);
      expect(registrations.sort()).toEqual(rows.map((_, index) => `B-${index + 1}`).sort());
      for (let index = 1; index <= 30; index += 1) expect(await types(`B-${index}`)).toEqual(['TaskRegistered']);
    } finally {
      await other.close();
    }
  });

  it('refuses a binary file with a typed input error', async () => {
    await expect(record(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))).rejects.toMatchObject({
      code: 'Binary',
    });
  });
});
