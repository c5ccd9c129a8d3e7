import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBacklog } from '@taskledger/backlog';
import { backlogText, sharedFixtures, testRepository } from '@taskledger/import/testing';
import { CLI, runCli, workDir } from '../test/run-cli';

jest.setTimeout(180_000);

const FIXTURES = sharedFixtures(resolve(__dirname, '../../..'));
const BACKLOGS = ['ai-dev-tasks-2025-08-12.md', 'ai-dev-tasks-2025-09-15.md'];
const present = FIXTURES !== null && BACKLOGS.every((name) => existsSync(join(FIXTURES, 'backlogs', name)));
if (!present) console.warn('real-backlog git import test skipped: shared/fixtures/backlogs not found');

const count = (ledger: string, sql: string): number => {
  if (!existsSync(ledger)) return 0;
  try {
    const db = new Database(ledger, { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
};
const ALL = 'SELECT count(*) AS n FROM events';
const PARSES = "SELECT count(*) AS n FROM events WHERE type = 'BacklogParsed'";

describe('taskledger import git', () => {
  const dir = workDir('import-git');
  afterAll(() => dir.remove());
  let n = 0;
  const ledgerOf = (env: Record<string, string>) => env['TASKLEDGER_EVENT_STORE']!.slice('sqlite:'.length);
  const newLedger = () => ({ TASKLEDGER_EVENT_STORE: `sqlite:${join(dir.path, `ledger-${(n += 1)}.db`)}` });
  const cli = (args: string[], env: Record<string, string>, cwd = dir.path) => runCli(args, { cwd, env });

  (present ? it : it.skip)(
    'imports the real backlog versions, and a later parse of the file continues from them',
    async () => {
      const repo = testRepository(join(dir.path, 'real'));
      for (const name of BACKLOGS) {
        copyFileSync(join(FIXTURES!, 'backlogs', name), join(repo.dir, '000_backlog.md'));
        repo.commit(name);
      }
      const env = newLedger();
      const started = Date.now();
      const imported = await cli(['import', 'git', '.', '--format', 'json'], env, repo.dir);
      const seconds = (Date.now() - started) / 1000;
      expect(imported.code).toBe(0);
      const summary = JSON.parse(imported.stdout);
      expect(summary).toMatchObject({ commits: 2, imported: 2, backlogId: '000_backlog.md' });
      console.log(`real backlogs: ${summary.commits} commits, ${summary.events} events, ${seconds.toFixed(2)} s`);
      const latest = parseBacklog(readFileSync(join(repo.dir, '000_backlog.md')), join(repo.dir, '000_backlog.md'));
      const listed = JSON.parse((await cli(['list', '--format', 'json'], env, repo.dir)).stdout);
      expect(listed.tasks.map((task: { id: string }) => task.id).sort()).toEqual(
        latest.tasks.map((task) => task.id).sort(),
      );
      const again = JSON.parse((await cli(['import', 'git', '.', '--format', 'json'], env, repo.dir)).stdout);
      expect(again).toMatchObject({ imported: 0, alreadyImported: 2, events: 0 });
      const parsed = JSON.parse((await cli(['parse', '--format', 'json'], env, repo.dir)).stdout);
      expect(parsed).toMatchObject({ registered: [], changed: [], removed: [] });
    },
  );

  it('reads the backlog file taskledger.config.json names when --path is not given', async () => {
    const repo = testRepository(join(dir.path, 'configured'));
    repo.write('taskledger.config.json', JSON.stringify({ backlog: 'docs/tasks.md' }));
    repo.write('docs/tasks.md', backlogText(['B-1', 'First'])).commit('add');
    const env = newLedger();
    const imported = await cli(['import', 'git', '.', '--format', 'json'], env, repo.dir);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      path: 'docs/tasks.md',
      backlogId: 'docs/tasks.md',
      imported: 1,
    });
    testRepository(join(dir.path, 'sibling')).write('x.md', 'x').commit('x');
    const elsewhere = await cli(['import', 'git', '../sibling'], newLedger(), repo.dir);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toMatch(/backlog .*docs\/tasks\.md is not inside .*sibling; pass --path/);
  });

  it('exits 2 for a folder that is no repository and for a ledger that already parsed the file', async () => {
    const notRepo = await cli(['import', 'git', '.'], newLedger());
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/is not a git repository/);
    const repo = testRepository(join(dir.path, 'live'));
    repo.write('000_backlog.md', backlogText(['B-1', 'First'])).commit('add');
    const env = newLedger();
    expect((await cli(['parse'], env, repo.dir)).code).toBe(0);
    const refused = await cli(['import', 'git', '.'], env, repo.dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already has parses of 000_backlog\.md/);
  });

  it('shows progress on a long history; an import killed with SIGKILL half-way is continued by the next, without duplicates', async () => {
    const repo = testRepository(join(dir.path, 'long'));
    const versions = Array.from({ length: 220 }, (_, index) =>
      backlogText(
        ...Array.from({ length: 8 + (index % 9) }, (_, row): [string, string] => [
          `B-${row + 1}`,
          `Task ${row + 1} v${Math.floor(index / (row + 2))}`,
        ]),
      ),
    );
    repo.commitVersions('000_backlog.md', versions);
    const clean = newLedger();
    const whole = await cli(['import', 'git', '.'], clean, repo.dir);
    expect(whole.code).toBe(0);
    expect(whole.stderr).toContain('importing git history: 220 / 220 commits');
    const env = newLedger();
    const child = spawn(process.execPath, [CLI, 'import', 'git', '.'], {
      cwd: repo.dir,
      env: { ...process.env, ...env },
    });
    const exited = new Promise((done) => child.on('exit', done));
    const deadline = Date.now() + 60_000;
    while (count(ledgerOf(env), PARSES) < 40 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 5));
    child.kill('SIGKILL');
    await exited;
    const partial = count(ledgerOf(env), PARSES);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(versions.length);
    const resumed = await cli(['import', 'git', '.', '--format', 'json'], env, repo.dir);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).alreadyImported).toBe(partial);
    expect(count(ledgerOf(env), PARSES)).toBe(versions.length);
    expect(count(ledgerOf(env), ALL)).toBe(count(ledgerOf(clean), ALL));
  });
});
