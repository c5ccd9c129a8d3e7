import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workDir } from '../test/run-cli';

const header =
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |\n|---|---|---|---|---|---|---|---|\n';

describe('read models from the command line', () => {
  const dir = workDir('projections');
  afterAll(() => dir.remove());
  const cli = (...args: string[]) => runCli(args, { cwd: dir.path });

  beforeAll(async () => {
    writeFileSync(
      join(dir.path, '000_backlog.md'),
      `${header}| B-1 | One | 🔥 | 1 | todo | x | y | None |\n| B-2 | Two | ⭐ | 2 | done | x | y | B-1 |\n`,
    );
    expect((await cli('parse')).code).toBe(0);
  });

  it('reports every projection caught up, in the documented JSON shape', async () => {
    const result = await cli('projections', 'status', '--format', 'json');
    expect(result.code).toBe(0);
    const { projections } = JSON.parse(result.stdout);
    expect(projections.map((p: { name: string }) => p.name)).toEqual([
      'backlog_tasks',
      'task_executions',
      'execution_history',
      'performance_metrics',
      'error_statistics',
    ]);
    expect(projections[0]).toEqual({
      name: 'backlog_tasks',
      version: 1,
      state: 'live',
      position: '3',
      headPosition: '3',
      lag: 0,
      documents: 2,
      deadLetters: 0,
    });
  });

  it('rebuilds one read model on request and keeps its documents', async () => {
    const before = JSON.parse((await cli('list', '--format', 'json')).stdout);
    const rebuilt = await cli('projections', 'rebuild', 'backlog_tasks');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^Rebuilt backlog_tasks: 3 events in [\d.]+ s .*swapped in at position 3/);
    expect(JSON.parse((await cli('list', '--format', 'json')).stdout)).toEqual(before);
  });

  it('names the known projections when asked to rebuild an unknown one', async () => {
    const result = await cli('projections', 'rebuild', 'slow_tasks');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown projection slow_tasks; known projections: backlog_tasks, task_executions');
  });
});
