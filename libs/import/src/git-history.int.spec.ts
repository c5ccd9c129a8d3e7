import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backlogStream, taskStream } from '@taskledger/events';
import { testContext } from '@taskledger/events/testing';
import { SqliteEventStore } from '@taskledger/event-store';
import { recordBacklog } from '@taskledger/intake';
import { importGitHistory } from './import-git';
import { backlogText, testRepository } from './testing';

describe('importing a backlog’s git history', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-git-'));
  let store: SqliteEventStore;
  let n = 0;
  beforeEach(() => {
    store = new SqliteEventStore(join(dir, `ledger-${(n += 1)}.db`));
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** c1 add, c2 edit, c3 rename + add task, c4 delete, c5 restore, c6 merge of a branch's edit. */
  const history = () => {
    const repo = testRepository(join(dir, `repo-${n}`));
    const times: string[] = [];
    const at = () => times.push(repo.nextTime);
    at();
    repo.write('backlog.md', backlogText(['B-1', 'First'], ['B-2', 'Second'])).commit('add backlog');
    at();
    repo.write('backlog.md', backlogText(['B-1', 'First'], ['B-2', 'Second, renamed'])).commit('edit B-2');
    repo.git('mv', 'backlog.md', 'docs-backlog.md');
    at();
    repo
      .write('docs-backlog.md', backlogText(['B-1', 'First'], ['B-2', 'Second, renamed'], ['B-3', 'Third']))
      .commit('move backlog, add B-3');
    at();
    repo.remove('docs-backlog.md').commit('delete backlog');
    at();
    repo.write('docs-backlog.md', backlogText(['B-1', 'First'], ['B-3', 'Third'])).commit('restore backlog');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('docs-backlog.md', backlogText(['B-1', 'First, on a branch'], ['B-3', 'Third'])).commit('branch edit');
    repo.git('checkout', '-q', 'main');
    repo.write('notes.txt', 'unrelated\n').commit('unrelated');
    at();
    repo.git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
    return { repo, times };
  };
  const run = (repo: string, path = 'docs-backlog.md', extra = {}) =>
    importGitHistory(store, { repo, path, cwd: repo, ...extra });
  const events = async (stream: string) =>
    (await store.readStream(stream)).map((event) => [event.type, event.metadata.occurredAt]);

  it('records each version at its commit time, following the rename, the deletion and restore, and the merge', async () => {
    const { repo, times } = history();
    const summary = await run(repo.dir);
    expect(summary).toMatchObject({ commits: 6, imported: 6, alreadyImported: 0, backlogId: 'docs-backlog.md' });
    const [t1, t2, t3, t4, t5, t6] = times.map((time) => new Date(time).toISOString());
    expect(await events(taskStream('B-2'))).toEqual([
      ['TaskRegistered', t1],
      ['TaskDefinitionChanged', t2],
      ['TaskRemovedFromBacklog', t4],
    ]);
    expect(await events(taskStream('B-1'))).toEqual([
      ['TaskRegistered', t1],
      ['TaskRemovedFromBacklog', t4],
      ['TaskRegistered', t5],
      ['TaskDefinitionChanged', t6],
    ]);
    expect(await events(taskStream('B-3'))).toEqual([
      ['TaskRegistered', t3],
      ['TaskRemovedFromBacklog', t4],
      ['TaskRegistered', t5],
    ]);
    const parses = await store.readStream(backlogStream('docs-backlog.md'));
    expect(parses.map((event) => event.metadata.occurredAt)).toEqual([t1, t2, t3, t4, t5, t6]);
    const merge = repo.git('rev-parse', 'HEAD');
    expect(parses[5]!.metadata).toMatchObject({ actor: 'git:ada@example.com', correlationId: `git:${merge}` });
    expect(parses[0]!.data).toMatchObject({ path: join(repo.dir, 'backlog.md'), taskIds: ['B-1', 'B-2'] });
    expect(parses[5]!.data).toMatchObject({ path: join(repo.dir, 'docs-backlog.md'), taskIds: ['B-1', 'B-3'] });
  });

  it('appends nothing the second time, and only the new commits after more work', async () => {
    const { repo } = history();
    await run(repo.dir);
    const head = await store.headPosition();
    expect(await run(repo.dir)).toMatchObject({ imported: 0, alreadyImported: 6, events: 0 });
    expect(await store.headPosition()).toEqual(head);
    repo.write('docs-backlog.md', backlogText(['B-1', 'First, on a branch'], ['B-3', 'Third'], ['B-4', 'Four']));
    repo.commit('add B-4');
    expect(await run(repo.dir)).toMatchObject({ imported: 1, alreadyImported: 6, events: 2 });
  });

  it('records a version that is no text backlog with its warning, changing no task; --since keeps later commits', async () => {
    const repo = testRepository(join(dir, `repo-${n}`));
    repo.write('backlog.md', backlogText(['B-1', 'First'])).commit('add');
    const binary = repo.write('backlog.md', '\u0000\u0001PNG\u0000binary').commit('oops');
    const since = repo.nextTime;
    repo.write('backlog.md', backlogText(['B-1', 'First'], ['B-2', 'Second'])).commit('fix');
    const summary = await run(repo.dir, 'backlog.md');
    expect(summary).toMatchObject({ commits: 3, imported: 3 });
    expect(summary.warnings).toEqual([{ commit: binary, message: expect.stringContaining('backlog.md') }]);
    const parses = await store.readStream(backlogStream('backlog.md'));
    expect(parses[1]!.data).toMatchObject({
      taskIds: ['B-1'],
      counts: { tasks: 1, registered: 0, changed: 0, removed: 0, unchanged: 1, warnings: 1 },
      warnings: [{ line: 0, code: 'Binary' }],
    });
    expect(await events(taskStream('B-1'))).toHaveLength(1);
    expect(await events(taskStream('B-2'))).toHaveLength(1);
    expect(await run(repo.dir, 'backlog.md')).toMatchObject({ imported: 0, alreadyImported: 3 });
    await store.close();
    store = new SqliteEventStore(join(dir, `ledger-${(n += 1)}.db`));
    expect(await run(repo.dir, 'backlog.md', { since })).toMatchObject({ commits: 1, imported: 1 });
    await expect(run(repo.dir, 'backlog.md', { since: 'not a date' })).rejects.toThrow(/--since "not a date"/);
  });

  it('keeps the log in time order: a commit dated before its predecessor is recorded at the predecessor’s time', async () => {
    const repo = testRepository(join(dir, `repo-${n}`));
    const first = repo.nextTime;
    repo.write('backlog.md', backlogText(['B-1', 'First'])).commit('add');
    const skewed = repo
      .setTime('2024-06-01T00:00:00Z')
      .write('backlog.md', backlogText(['B-1', 'Renamed']))
      .commit('skew');
    const summary = await run(repo.dir, 'backlog.md');
    expect(summary.warnings).toEqual([
      {
        commit: skewed,
        message: expect.stringMatching(
          /dated 2024-06-01T00:00:00\+00:00, before the version recorded before it; recorded at 2025-01-01T10:00:00.000Z/,
        ),
      },
    ]);
    const times: string[] = [];
    for await (const event of store.readAll()) times.push(event.metadata.occurredAt);
    expect(times).toEqual([...times].sort());
    expect(await events(taskStream('B-1'))).toEqual([
      ['TaskRegistered', new Date(first).toISOString()],
      ['TaskDefinitionChanged', new Date(first).toISOString()],
    ]);
  });

  it('refuses to put older versions behind newer ones: history skipped by --since, or another branch', async () => {
    const { repo, times } = history();
    await run(repo.dir, 'docs-backlog.md', { since: times[2] });
    const head = await store.headPosition();
    await expect(run(repo.dir)).rejects.toThrow(/versions older than the ones it holds .*--since.*new ledger/);
    repo.git('checkout', '-q', '-b', 'other', 'HEAD~1');
    repo.write('docs-backlog.md', backlogText(['B-9', 'Elsewhere'])).commit('diverge');
    await expect(run(repo.dir, 'docs-backlog.md', { branch: 'other', since: times[2] })).rejects.toThrow(
      /holds versions of docs-backlog\.md from commits that are not on other/,
    );
    expect(await store.headPosition()).toEqual(head);
  });

  it('refuses a folder that is no repository, a path never committed, and a shallow clone', async () => {
    const { repo } = history();
    await expect(run(dir)).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringMatching(/is not a git repository/),
    });
    await expect(run(repo.dir, 'nowhere.md')).rejects.toThrow(/nowhere\.md was never committed on HEAD/);
    const shallow = join(dir, `shallow-${n}`);
    repo.git('clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow);
    await expect(run(shallow)).rejects.toThrow(/is a shallow clone/);
    await expect(run(repo.dir, 'docs-backlog.md', { branch: 'nope' })).rejects.toThrow(/--branch "nope"/);
  });

  it('refuses a ledger where parse already recorded the backlog, appending nothing', async () => {
    const { repo } = history();
    const path = join(repo.dir, 'docs-backlog.md');
    await recordBacklog(store, { path, content: readFileSync(path) }, { ...testContext(), cwd: repo.dir });
    const head = await store.headPosition();
    await expect(run(repo.dir)).rejects.toThrow(/already has parses of docs-backlog\.md .*import it into a new ledger/);
    expect(await store.headPosition()).toEqual(head);
  });
});
