import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ledger } from '../test/execution-cli';
import { runCli, workDir } from '../test/run-cli';

// Real processes: the example backlog runs for a few seconds, more on a loaded machine.
jest.setTimeout(90_000);

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

const RULES = {
  version: 3,
  rules: [
    {
      id: 'flaky-download',
      description: 'the mirror drops',
      match: { text: 'ECONNRESET' },
      category: 'execution',
      severity: 'low',
    },
    {
      id: 'deploy-key',
      description: 'no key, no deploy',
      match: { exitCodes: [126] },
      category: 'permission',
      severity: 'critical',
    },
    { id: 'timeout', description: '', match: { timedOut: true }, category: 'timeout', severity: 'medium' },
  ],
};

type Count = { key: string; count: number };

describe('reclassify and what-if over a ledger made by running the example backlog', () => {
  const dir = workDir('audit');
  afterAll(() => dir.remove());
  const taskledger = (...args: string[]) => runCli(args, { cwd: dir.path });
  const file = (name: string, body: unknown) => writeFileSync(join(dir.path, name), JSON.stringify(body, null, 2));
  const reclassifiedEvents = async () => {
    const store = ledger(join(dir.path, '.taskledger', 'ledger.db'));
    const types = await Promise.all(['EX-2', 'EX-3', 'EX-4'].map((task) => store.types(task)));
    await store.close();
    return types.flat().filter((type) => type === 'ErrorReclassified').length;
  };
  const errorCounts = async () => {
    const report = JSON.parse((await taskledger('errors', '--format', 'json')).stdout);
    return Object.fromEntries(
      (report.byCategory as Count[]).filter((row) => row.count > 0).map((row) => [row.key, row.count]),
    );
  };

  beforeAll(async () => {
    cpSync(EXAMPLES, join(dir.path, 'examples'), { recursive: true });
    const run = await cli(['run', '--backlog', 'examples/backlog.md', '--config', 'examples/taskledger.config.json'], {
      cwd: dir.path,
    });
    expect(run.code).toBe(1);
    file('rules.json', RULES);
    file('one-retry.json', {
      network: { maxRetries: 1, baseDelayMs: 100 },
      permission: { maxRetries: 1, baseDelayMs: 500 },
    });
  });

  describe('what-if', () => {
    it('fails the download that needed 3 attempts under 1 retry, and says the deploy would need more attempts than recorded', async () => {
      const result = await taskledger('what-if', '--retry-policies', 'one-retry.json', '--format', 'json');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      const byTask = (a: { taskId: string }, b: { taskId: string }) => a.taskId.localeCompare(b.taskId);
      expect([...report.changes].sort(byTask)).toEqual([
        expect.objectContaining({
          taskId: 'EX-2',
          change: 'stopped-earlier',
          replayed: expect.objectContaining({ outcome: 'failed', attempts: 2, waitMs: 100 }),
        }),
        expect.objectContaining({
          taskId: 'EX-4',
          change: 'needs-more-attempts',
          replayed: expect.objectContaining({ outcome: 'unknown' }),
        }),
      ]);
      expect(report.tasksWithChangedOutcome).toEqual(['EX-2']);
      expect(report.total.recorded).toMatchObject({ executions: 5, succeeded: 4, failed: 1, retries: 3 });
      expect(report.total.replayed).toMatchObject({ executions: 5, succeeded: 3, failed: 1, unknown: 1 });
      expect(report.byCategory.find((row: { category: string }) => row.category === 'network').replayed).toMatchObject({
        retries: 1,
        waitMs: 100,
        failed: 1,
      });
    });

    it('prints the same bytes every time and appends nothing', async () => {
      const first = await taskledger('what-if', '--retry-policies', 'one-retry.json');
      const second = await taskledger('what-if', '--retry-policies', 'one-retry.json');
      expect(second.stdout).toBe(first.stdout);
      expect(first.stdout).toContain('Unknown: 1 executions would retry after their last recorded attempt');
      expect(first.stdout).toContain('Tasks whose outcome changes: EX-2');
      expect(await reclassifiedEvents()).toBe(0);
    });

    it('exits 2 naming the file and the setting for a bad policy', async () => {
      file('bad-policies.json', { network: { maxRetries: -1 } });
      const result = await taskledger('what-if', '--retry-policies', 'bad-policies.json');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('bad-policies.json: network.maxRetries: must be at least 0; fix that value');
    });
  });

  describe('reclassify', () => {
    it('shows what would change on a dry run, and changes nothing', async () => {
      const result = await taskledger('reclassify', '--rules', 'rules.json', '--dry-run', '--format', 'json');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report).toMatchObject({ dryRun: true, failures: 4, changed: 3, appended: 0 });
      expect(report.categories).toEqual([
        { from: 'network', to: 'execution', count: 2 },
        { from: 'permission', to: 'permission', count: 1 },
      ]);
      expect(report.severities).toEqual([
        { from: 'medium', to: 'low', count: 2 },
        { from: 'high', to: 'critical', count: 1 },
      ]);
      expect(report.examples.map((example: { taskId: string }) => example.taskId).sort()).toEqual([
        'EX-2',
        'EX-2',
        'EX-4',
      ]);
      expect(await reclassifiedEvents()).toBe(0);
      expect(await errorCounts()).toEqual({ network: 2, permission: 1, timeout: 1 });
    });

    it('appends ErrorReclassified events the error statistics and task status then count', async () => {
      const result = await taskledger('reclassify', '--rules', 'rules.json');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        '4 failures examined, 3 classified otherwise; 3 ErrorReclassified events appended.',
      );
      expect(await reclassifiedEvents()).toBe(3);
      expect(await errorCounts()).toEqual({ execution: 2, permission: 1, timeout: 1 });
      const tasks = JSON.parse((await taskledger('export', 'tasks')).stdout);
      const deploy = tasks.tasks.find((task: { id: string }) => task.id === 'EX-4');
      expect(JSON.stringify(deploy)).toContain('"severity":"critical"');
      expect((await taskledger('history', 'EX-4')).stdout).toMatch(
        /ErrorReclassified .* attempt=1 from=permission\/high to=permission\/critical rule=deploy-key/,
      );
    });

    it('appends nothing the second time with the same rules', async () => {
      const result = await taskledger('reclassify', '--rules', 'rules.json', '--format', 'json');
      expect(JSON.parse(result.stdout)).toMatchObject({ changed: 0, appended: 0 });
      expect(await reclassifiedEvents()).toBe(3);
    });

    it('appends each change once when four processes re-classify with new rules at the same moment', async () => {
      file('renamed-rules.json', { ...RULES, rules: RULES.rules.map((rule) => ({ ...rule, id: `${rule.id}-2` })) });
      const reclassifyJson = async (...flags: string[]) =>
        JSON.parse(
          (await taskledger('reclassify', '--rules', 'renamed-rules.json', '--format', 'json', ...flags)).stdout,
        );
      const { changed } = await reclassifyJson('--dry-run');
      expect(changed).toBeGreaterThan(0);
      const racing = await Promise.all(
        [1, 2, 3, 4].map(() => taskledger('reclassify', '--rules', 'renamed-rules.json', '--format', 'json')),
      );
      expect(racing.map((result) => `${result.code} ${result.stderr}`)).toEqual(['0 ', '0 ', '0 ', '0 ']);
      expect(await reclassifiedEvents()).toBe(3 + changed);
      expect(await reclassifyJson()).toMatchObject({ changed: 0, appended: 0 });
    });

    it('exits 2 naming the file, the JSON path and what to do for a bad rule', async () => {
      file('bad-rules.json', {
        version: 1,
        rules: [{ id: 'x', description: '', match: { text: '(' }, category: 'network', severity: 'low' }],
      });
      const result = await taskledger('reclassify', '--rules', 'bad-rules.json');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `${join(dir.path, 'bad-rules.json')}: rules[0].match.text: must be a valid regular expression; fix that value (see taskledger reclassify --help for the rules format)`,
      );
    });
  });
});
