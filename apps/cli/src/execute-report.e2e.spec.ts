import { executionWorkspace } from '../test/execution-fixture';

// Real processes: a run of a few seconds each, more on a loaded machine.
jest.setTimeout(60_000);

describe('taskledger execute and report, end to end', () => {
  const ws = executionWorkspace('execute');
  afterAll(() => ws.remove());

  beforeAll(async () => {
    ws.backlog([{ id: 'E-1' }, { id: 'E-2', dependencies: ['E-1'] }, { id: 'M-1', title: 'Deploy by hand' }]);
    ws.config({
      executors: {
        byTask: {
          'E-1': { command: ws.script('e1', `console.log('::progress 1 done')`) },
          'E-2': { command: ['true'] },
          'M-1': { manual: true },
        },
      },
      retryPolicies: {
        execution: { maxRetries: 1, baseDelayMs: 10, jitter: false },
        permission: { maxRetries: 1, baseDelayMs: 10 },
      },
    });
    expect((await ws.cli(['parse', 'backlog.md'])).code).toBe(0);
  });

  it('execute: skips a task whose dependency is not done (exit 1), then runs it once the dependency completed (exit 0)', async () => {
    const early = await ws.cli(['execute', 'E-2']);
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('E-2 skipped: waiting for E-1');
    const first = await ws.cli(['execute', 'E-1', '--format', 'json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      taskId: 'E-1',
      outcome: { kind: 'completed', attempts: 1 },
      counts: { started: 1, completed: 1 },
      exitCode: 0,
    });
    const second = await ws.cli(['execute', 'E-2']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('E-2 completed after 1 attempt');
    const store = ws.ledger();
    expect(await store.types('E-2')).toEqual([
      'TaskRegistered',
      'TaskSkipped',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    await store.close();
  });

  it('execute: refuses an unknown task and a task without a command with exit 2 and a hint', async () => {
    const unknown = await ws.cli(['execute', 'X-404']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('task X-404 is not in the ledger: parse its backlog first');
    const manual = await ws.cli(['execute', 'M-1']);
    expect(manual.code).toBe(2);
    expect(manual.stderr).toContain(
      'outside runners report it with: taskledger report M-1 start|progress|complete|fail',
    );
  });

  it('report: an outside runner starts, reports progress, fails, starts again and completes; the events are those of an executor', async () => {
    expect((await ws.cli(['report', 'M-1', 'start'])).stdout).toMatch(
      /M-1 +started +attempt 1: \(outside runner\)\nM-1 is now running/,
    );
    expect((await ws.cli(['report', 'M-1', 'progress', '0.5', 'half', 'way'])).stdout).toMatch(
      /M-1 +progress +50% half way/,
    );
    const failed = await ws.cli([
      'report',
      'M-1',
      'fail',
      '--error',
      'deploy rejected: 403 forbidden',
      '--exit-code',
      '1',
      '--format',
      'json',
    ]);
    expect(failed.code).toBe(0);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      taskId: 'M-1',
      status: 'retrying',
      events: [
        {
          type: 'TaskAttemptFailed',
          data: {
            error: { type: 'manual', message: 'deploy rejected: 403 forbidden', exitCode: 1 },
            classification: { category: 'permission' },
          },
        },
        { type: 'RecoveryActionAttempted', data: { action: 'needs-person' } },
        { type: 'TaskRetryScheduled', data: { nextAttempt: 2 } },
      ],
    });
    expect((await ws.cli(['report', 'M-1', 'start'])).stdout).toMatch(/M-1 +started +attempt 2/);
    expect((await ws.cli(['report', 'M-1', 'complete'])).stdout).toContain('M-1 is now completed');
    const store = ws.ledger();
    expect(await store.types('M-1')).toEqual([
      'TaskRegistered',
      'TaskExecutionStarted',
      'TaskProgressReported',
      'TaskAttemptFailed',
      'RecoveryActionAttempted',
      'TaskRetryScheduled',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    await store.close();
  });

  it('report: refuses bad input with exit 2, and a report that contradicts the ledger with exit 1', async () => {
    const badValue = await ws.cli(['report', 'M-1', 'progress', '1.5']);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toContain('report progress needs a value between 0 and 1');
    expect((await ws.cli(['report', 'M-1', 'fail'])).stderr).toContain('report fail needs --error');
    const nothingRunning = await ws.cli(['report', 'M-1', 'complete']);
    expect(nothingRunning.code).toBe(1);
    expect(nothingRunning.stderr).toContain('no execution of M-1 is running (status completed)');
  });

  it('names the config file and the field of a bad executor setting, exit 2', async () => {
    ws.config({ executors: { byTask: { 'E-1': { command: ['true'], timeoutMs: '5s' } } } });
    const result = await ws.cli(['run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: taskledger.config.json: executors.byTask.E-1.timeoutMs: expected a number (got "5s")\n',
    );
  });
});
