import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { taskStream } from '@taskledger/events';
import { runCli, workDir } from '../test/run-cli';

const header =
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |\n|---|---|---|---|---|---|---|---|\n';
const row = (id: string, title: string, status = 'todo', deps = 'None', icon = '🔥') =>
  `| ${id} | ${title} | ${icon} | 2 | ${status} | Outcome | Node | ${deps} |\n`;
const writeBacklog = (path: string, ...rows: string[]) => writeFileSync(path, `# Backlog\n\n${header}${rows.join('')}`);

describe('backlog intake from the command line', () => {
  const dir = workDir('backlog');
  afterAll(() => dir.remove());
  const cli = (...args: string[]) => runCli(args, { cwd: dir.path });
  const backlog = join(dir.path, '000_backlog.md');
  const streamTypes = async (taskId: string) => {
    const store = new SqliteEventStore(join(dir.path, '.taskledger/ledger.db'));
    try {
      return (await store.readStream(taskStream(taskId))).map((event) => ({ type: event.type, data: event.data }));
    } finally {
      await store.close();
    }
  };

  it('parses the default backlog, registers its tasks, and records nothing new on a second parse', async () => {
    writeBacklog(
      backlog,
      row('B-1', 'Build it', 'done'),
      row('B‑2', 'Ship it', 'todo', 'B-1 Build it'),
      row('B-3', 'Tell people', 'todo', 'Launch party'),
    );
    const first = await cli('parse');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('3 tasks (3 new, 0 changed, 0 removed, 0 unchanged), 1 warning');
    expect(first.stdout).toMatch(/line 7: UNRESOLVED_DEPENDENCY B-3: .*"Launch party"/);
    const second = await cli('parse', '000_backlog.md');
    expect(second.stdout).toContain('3 tasks (0 new, 0 changed, 0 removed, 3 unchanged)');
    expect((await streamTypes('B-2')).map((event) => event.type)).toEqual(['TaskRegistered']);
  });

  it('records a field-level diff and a removal when the file changes', async () => {
    writeBacklog(backlog, row('B-1', 'Build it', 'done'), row('B‑2', 'Ship it now', 'in progress', 'B-1'));
    const result = await cli('parse', '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({
      registered: [],
      changed: ['B-2'],
      removed: ['B-3'],
      unchanged: 1,
    });
    const b2 = await streamTypes('B-2');
    expect(b2[1]).toEqual({
      type: 'TaskDefinitionChanged',
      data: {
        taskId: 'B-2',
        backlogId: '000_backlog.md',
        changes: [
          { field: 'title', from: 'Ship it', to: 'Ship it now' },
          { field: 'backlogStatus', from: 'todo', to: 'in_progress' },
          { field: 'backlogStatusRaw', from: 'todo', to: 'in progress' },
        ],
      },
    });
    expect((await streamTypes('B-3')).map((event) => event.type)).toEqual(['TaskRegistered', 'TaskRemovedFromBacklog']);
  });

  it('lists the ledger tasks as JSON in the documented shape, with filters', async () => {
    const all = JSON.parse((await cli('list', '--format', 'json')).stdout);
    expect(all.tasks.map((task: { id: string }) => task.id)).toEqual(['B-1', 'B-2']);
    expect(Object.keys(all.tasks[1]).sort()).toEqual(
      [
        'id',
        'title',
        'priority',
        'priorityIcon',
        'points',
        'backlogStatus',
        'backlogStatusRaw',
        'executionStatus',
        'scoreTotal',
        'dependencies',
        'unresolvedDependencies',
        'humanRequired',
        'humanReason',
        'defaultExecutor',
        'source',
        'meta',
      ].sort(),
    );
    expect(all.tasks[1]).toMatchObject({
      priority: 'critical',
      priorityIcon: '🔥',
      points: 2,
      dependencies: ['B-1'],
      source: { path: backlog, line: 6 },
    });
    const done = JSON.parse((await cli('list', '--status', 'done', '--format', 'json')).stdout);
    expect(done.tasks.map((task: { id: string }) => task.id)).toEqual(['B-1']);
    const table = await cli('list');
    expect(table.stdout).toMatch(/B-2\s+critical\s+2\s+-\s+in_progress\s+-\s+B-1\s+Ship it now/);
  });

  it('validates: exit 0 when every dependency is satisfied, 1 with the missing dependencies listed', async () => {
    const clean = await cli('validate');
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.stdout.trim()).toBe('All dependencies are satisfied');
    const other = join(dir.path, 'other.md');
    writeBacklog(
      other,
      row('B-49', 'Base'),
      row('B-50', 'Next', 'todo', 'B-49'),
      row('B-51', 'Loop', 'todo', 'B-52'),
      row('B-52', 'Pool', 'todo', 'B-51'),
    );
    const broken = await cli('validate', '--from-file', 'other.md');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Missing dependencies found:\n  B-50: B-49\n');
    expect(broken.stdout).toMatch(/Dependency cycles found:\n {2}B-51 → B-52 → B-51/);
  });

  it('shows the lanes and the AI-executable queue, and why tasks are in neither', async () => {
    const result = await cli('lanes', '--format', 'json');
    expect(JSON.parse(result.stdout)).toEqual({
      p0: [],
      p1: [],
      p2: [],
      aiExecutable: [],
      notInLane: { noScore: ['B-2'], lanesFull: [], done: ['B-1'] },
      notQueued: { noExecutor: ['B-2'], humanRequired: [], done: ['B-1'] },
    });
  });

  it('exits 2 naming the file when the backlog is missing or binary', async () => {
    const missing = await cli('parse', 'nope.md');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read backlog ${join(dir.path, 'nope.md')} (ENOENT)`);
    writeFileSync(join(dir.path, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const binary = await cli('parse', 'image.md');
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('image.md');
    expect(existsSync(join(dir.path, '.taskledger/ledger.db'))).toBe(true);
  });
});
