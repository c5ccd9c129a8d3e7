import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workDir } from '../test/run-cli';

jest.setTimeout(60_000);

const EXAMPLE_CONFIG = join(__dirname, '..', '..', '..', 'examples', 'taskledger.config.json');

describe('taskledger info', () => {
  const dir = workDir('info');
  afterAll(() => dir.remove());
  const cli = (...args: string[]) => runCli(args, { cwd: dir.path });
  const config = (value: unknown) => writeFileSync(join(dir.path, 'taskledger.config.json'), JSON.stringify(value));

  it.each([
    [{ run: { concurrency: 'two' } }, 'taskledger.config.json: run.concurrency: expected a number (got "two")'],
    [{ retryPolicies: { network: { maxRetry: 3 } } }, 'taskledger.config.json: retryPolicies.network: unknown setting'],
    [{ executors: { default: { command: 'make', cwd: '' } } }, 'taskledger.config.json: executors.default.cwd'],
  ])('given %j, refuses it with exit 2 and the message run gives', async (file, message) => {
    config(file);
    const [info, run] = [await cli('info'), await cli('run')];
    expect(info.code).toBe(2);
    expect(info.stderr).toContain(`error: ${message}`);
    expect(info.stderr).toBe(run.stderr);
    expect(run.code).toBe(2);
  });

  it('shows the configuration in effect: backlog, run settings, executors and retry policies', async () => {
    copyFileSync(EXAMPLE_CONFIG, join(dir.path, 'taskledger.config.json'));
    const result = await cli('info');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backlog:        ${join(dir.path, '000_backlog.md')}`);
    expect(result.stdout).toMatch(/Run settings:\n {2}concurrency +2\n {2}leaseMs +10000\n {2}timeoutMs +60000\n/);
    expect(result.stdout).toMatch(/ {2}manualLeaseMs +3600000\n/);
    expect(result.stdout).toMatch(/ {2}byTask EX-3 +node examples\/tasks\/slow-build\.js +timeoutMs 2000\n/);
    expect(result.stdout).toMatch(/ {2}default +none: unmatched tasks wait for taskledger report\n/);
    expect(result.stdout).toMatch(/ {2}network +3 +100 +2 +1000 +yes\n/);
    expect(result.stdout).toMatch(/ {2}permission +0 +1000 +1 +10000 +no\n/);
  });

  it('gives the same in JSON', async () => {
    copyFileSync(EXAMPLE_CONFIG, join(dir.path, 'taskledger.config.json'));
    const info = JSON.parse((await cli('info', '--format', 'json')).stdout);
    expect(info).toMatchObject({
      configFile: join(dir.path, 'taskledger.config.json'),
      backlog: join(dir.path, '000_backlog.md'),
      run: {
        concurrency: 2,
        leaseMs: 10_000,
        timeoutMs: 60_000,
        maxTimeoutMs: 600_000,
        killGraceMs: 1_000,
        manualLeaseMs: 3_600_000,
        scratchDir: join(dir.path, '.taskledger/scratch'),
      },
      retryPolicies: {
        network: { maxRetries: 3, baseDelayMs: 100, multiplier: 2, maxDelayMs: 1000, jitter: true },
        validation: { maxRetries: 1, baseDelayMs: 0, multiplier: 1, maxDelayMs: 0, jitter: false },
      },
    });
    expect(info.executors.byTask['EX-3']).toEqual({
      command: ['node', 'examples/tasks/slow-build.js'],
      timeoutMs: 2000,
    });
    expect(Object.keys(info.retryPolicies)).toHaveLength(8);
  });
});
