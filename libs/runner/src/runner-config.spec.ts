import { loadRunnerConfig } from './runner-config';

const load = (file: Record<string, unknown>, configFile: string | null = '/repo/taskledger.config.json') =>
  loadRunnerConfig({ file, configFile, cwd: '/repo' });
const problem = (file: Record<string, unknown>) => {
  try {
    load(file);
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  throw new Error('expected the config to be refused');
};

describe('runner configuration', () => {
  it('given no sections, then the defaults apply: 30 s lease, 5 min timeout, scratch dirs under .taskledger', () => {
    expect(load({}, null).settings).toEqual({
      leaseMs: 30_000,
      timeoutMs: 300_000,
      maxTimeoutMs: 600_000,
      killGraceMs: 5_000,
      scratchDir: '/repo/.taskledger/scratch',
      manualLeaseMs: 3_600_000,
      concurrency: 1,
      cwd: '/repo',
    });
  });

  it('given a run section, then its values win, and null means no timeout', () => {
    const { settings } = load({ run: { leaseMs: 900, timeoutMs: null, scratchDir: 'tmp/s', concurrency: 4 } });
    expect(settings).toMatchObject({ leaseMs: 900, timeoutMs: null, scratchDir: '/repo/tmp/s', concurrency: 4 });
  });

  it.each([
    [
      { executors: { byTask: { 'B-1': { command: 'make', timeoutMs: '5s' } } } },
      'taskledger.config.json: executors.byTask.B-1.timeoutMs: expected a number (got "5s")',
    ],
    [
      { executors: { default: { command: ['a'], shell: true } } },
      'taskledger.config.json: executors.default.command: with "shell": true, give the command as one string',
    ],
    [
      { executors: { byTechFootprint: [{ pattern: '*py*' }] } },
      'taskledger.config.json: executors.byTechFootprint.0.command: needs a "command" (or "manual": true)',
    ],
    [
      { executors: { default: { command: 42 } } },
      'taskledger.config.json: executors.default.command: expected a command string or an argv array of strings',
    ],
    [{ executors: { defualt: {} } }, 'taskledger.config.json: executors: unknown setting "defualt"'],
    [{ run: { leaseMs: 0 } }, 'taskledger.config.json: run.leaseMs: must be more than 0'],
    [
      { retryPolicies: { network: { maxRetries: -1 } } },
      'taskledger.config.json: retryPolicies.network.maxRetries: must be at least 0',
    ],
  ])('given %j, then it is refused naming the file and the field', (file, message) => {
    expect(problem(file)).toEqual({ code: 'InvalidConfig', message });
  });

  const upTo = (range: string) => `must be ${range} 2147483647 ms (about 24.8 days)`;
  it.each([
    [{ run: { timeoutMs: 2 ** 31 } }, 'run.timeoutMs', upTo('more than 0 and at most') + ', or null for no timeout'],
    [
      { executors: { byTask: { 'B-1': { command: 'make', timeoutMs: 9e9 } } } },
      'executors.byTask.B-1.timeoutMs',
      upTo('more than 0 and at most') + ', or null for no timeout',
    ],
    [{ run: { maxTimeoutMs: 1e12 } }, 'run.maxTimeoutMs', upTo('more than 0 and at most')],
    [{ run: { leaseMs: 9e9 } }, 'run.leaseMs', upTo('from 1 to')],
    [{ run: { manualLeaseMs: 1e300 } }, 'run.manualLeaseMs', upTo('from 1 to')],
    [{ run: { killGraceMs: 3e9 } }, 'run.killGraceMs', upTo('from 0 to')],
    [
      { executors: { default: { command: 'make', killGraceMs: 3e9 } } },
      'executors.default.killGraceMs',
      upTo('from 0 to'),
    ],
    [{ retryPolicies: { network: { baseDelayMs: 3e9 } } }, 'retryPolicies.network.baseDelayMs', upTo('from 0 to')],
    [{ retryPolicies: { execution: { maxDelayMs: 1e300 } } }, 'retryPolicies.execution.maxDelayMs', upTo('from 0 to')],
  ])('given %j, a time no timer can wait, then it is refused naming the field and the range', (file, field, range) => {
    expect(problem(file)).toEqual({ code: 'InvalidConfig', message: `taskledger.config.json: ${field}: ${range}` });
  });

  it('accepts times up to 2147483647 ms', () => {
    const longest = 2 ** 31 - 1;
    const { settings, retryPolicies } = load({
      run: {
        timeoutMs: longest,
        maxTimeoutMs: longest,
        leaseMs: longest,
        manualLeaseMs: longest,
        killGraceMs: longest,
      },
      retryPolicies: { network: { baseDelayMs: longest, maxDelayMs: longest } },
    });
    expect(settings).toMatchObject({ timeoutMs: longest, leaseMs: longest, killGraceMs: longest });
    expect(retryPolicies.network).toEqual({ baseDelayMs: longest, maxDelayMs: longest });
  });

  it('names a config file outside the current directory by its absolute path', () => {
    expect(() =>
      loadRunnerConfig({ file: { run: { concurrency: 0 } }, configFile: '/etc/tl.json', cwd: '/repo' }),
    ).toThrow(/^\/etc\/tl\.json: run\.concurrency:/);
  });
});
