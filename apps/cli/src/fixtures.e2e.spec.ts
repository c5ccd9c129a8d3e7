import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBacklog } from '@taskledger/backlog';
import { runCli, workDir } from '../test/run-cli';

/** Real backlogs written outside this project (../shared/fixtures); never copied into the repo. */
const FIXTURES = process.env['TASKLEDGER_FIXTURES_DIR'] ?? resolve(__dirname, '../../../../shared/fixtures/backlogs');
const names = ['ai-dev-tasks-2025-08-12.md', 'ai-dev-tasks-2025-09-15.md'];
const present = names.every((name) => existsSync(join(FIXTURES, name)));
if (!present)
  console.warn(`real-backlog CLI suite skipped: fixtures not found in ${FIXTURES} (set TASKLEDGER_FIXTURES_DIR)`);

(present ? describe : describe.skip)('the CLI over real backlogs, one revising the other', () => {
  const dir = workDir('fixtures');
  afterAll(() => dir.remove());
  const cli = (...args: string[]) => runCli(args, { cwd: dir.path });

  it('records each version of the backlog and lists every task the parser finds', async () => {
    for (const name of names) {
      copyFileSync(join(FIXTURES, name), join(dir.path, '000_backlog.md'));
      const parsed = await cli('parse', '--format', 'json');
      expect(parsed.code).toBe(0);
      const expected = parseBacklog(readFileSync(join(FIXTURES, name)), join(dir.path, '000_backlog.md'));
      const summary = JSON.parse(parsed.stdout);
      expect(summary.tasks).toBe(expected.tasks.length);
      expect(summary.warnings).toHaveLength(expected.warnings.length);
      const listed = JSON.parse((await cli('list', '--format', 'json')).stdout);
      expect(listed.tasks.map((task: { id: string }) => task.id).sort()).toEqual(
        expected.tasks.map((task) => task.id).sort(),
      );
    }
    const again = JSON.parse((await cli('parse', '--format', 'json')).stdout);
    expect(again).toMatchObject({ registered: [], changed: [], removed: [] });
  });
});
