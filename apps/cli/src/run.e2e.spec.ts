import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparePositions, RecordedEvent } from '@taskledger/event-store';
import { executionWorkspace } from '../test/execution-fixture';

// Real processes: a run of a few seconds each, more on a loaded machine.
jest.setTimeout(60_000);

const fast = { maxDelayMs: 50, baseDelayMs: 10, jitter: false };

describe('taskledger run, end to end (SQLite ledger, real processes)', () => {
  const ws = executionWorkspace('run');
  const ledger = () => ws.ledger();
  afterAll(() => ws.remove());

  beforeAll(() => {
    writeFileSync(join(ws.path, 'tasks', 'denied.sh'), 'echo deployed\n', { mode: 0o644 });
    ws.backlog([
      { id: 'OK-1', icon: '🔥' },
      { id: 'FL-1', icon: '📈' },
      { id: 'TO-1', icon: '📈' },
      { id: 'PE-1', icon: '🔥' },
      { id: 'DE-1', dependencies: ['PE-1'] },
      { id: 'HU-1', humanRequired: true },
      { id: 'WA-1', icon: '🔥', dependencies: ['OK-1'] },
    ]);
    ws.config({
      executors: {
        byTask: {
          'OK-1': {
            command: ws.script(
              'ok',
              `(async () => { for (const p of [0.5, 1]) { await sleep(100); console.log('::progress ' + p + ' step ' + p); } })();`,
            ),
          },
          'FL-1': { command: ws.script('flaky', `if (runCount() <= 2) { console.error('boom'); process.exit(1); }`) },
          // The second run lasts 1.6 s from its start, whatever node's start-up takes: past 1.5 s, within the doubled 3 s.
          'TO-1': {
            command: ws.script(
              'slow',
              `if (runCount() === 1) setTimeout(() => {}, 60000); else sleep(1600 - process.uptime() * 1000);`,
            ),
            timeoutMs: 1500,
          },
          // Not executable: the shell itself refuses it with exit 126 and says so.
          'PE-1': { command: './tasks/denied.sh', shell: true },
          'WA-1': { command: ws.script('after', ``) },
        },
        default: { command: ws.script('plain', ``) },
      },
      retryPolicies: {
        execution: { maxRetries: 3, ...fast },
        timeout: { maxRetries: 2, ...fast },
        permission: { maxRetries: 1, ...fast },
      },
      run: { concurrency: 3, killGraceMs: 500 },
    });
  });

  const types = async (taskId: string) => {
    const store = ledger();
    try {
      return await store.types(taskId);
    } finally {
      await store.close();
    }
  };
  const events = async (taskId: string, type: string): Promise<RecordedEvent[]> => {
    const store = ledger();
    try {
      return (await store.events(taskId)).filter((event) => event.type === type);
    } finally {
      await store.close();
    }
  };

  it('runs the backlog: retries, a doubled timeout, a permanent failure, gates, live lines and a summary; exit 1', async () => {
    const result = await ws.cli(['run', '--backlog', 'backlog.md']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Parsed .*backlog\.md: 7 tasks \(7 new/);
    expect(result.stdout).toMatch(
      /FL-1 +attempt 1 failed after .*: exited with code 1: boom \(execution, rule nonzero-exit\)/,
    );
    expect(result.stdout).toMatch(/OK-1 +progress +50% step 0\.5/);
    expect(result.stdout).toMatch(/Status:\n(.*\n)* {2}PE-1 +failed /);
    expect(result.stdout).toContain('This run: 4 completed, 1 failed, 2 skipped, 4 retries (9 attempts)');
  });

  it('recorded exactly the events of each story', async () => {
    expect(await types('OK-1')).toEqual([
      'TaskRegistered',
      'TaskExecutionStarted',
      'TaskProgressReported',
      'TaskProgressReported',
      'TaskExecutionCompleted',
    ]);
    const failedThenRetried = ['TaskExecutionStarted', 'TaskAttemptFailed', 'TaskRetryScheduled'];
    expect(await types('FL-1')).toEqual([
      'TaskRegistered',
      ...failedThenRetried,
      ...failedThenRetried,
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    expect(await types('TO-1')).toEqual([
      'TaskRegistered',
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'RecoveryActionAttempted',
      'TaskRetryScheduled',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    expect(await types('PE-1')).toEqual([
      'TaskRegistered',
      ...['TaskExecutionStarted', 'TaskAttemptFailed', 'RecoveryActionAttempted', 'TaskRetryScheduled'],
      ...['TaskExecutionStarted', 'TaskAttemptFailed', 'RecoveryActionAttempted', 'TaskExecutionFailed'],
    ]);
    expect(await types('DE-1')).toEqual(['TaskRegistered', 'TaskSkipped']);
    expect(await types('HU-1')).toEqual(['TaskRegistered', 'TaskSkipped']);
    expect(await types('WA-1')).toEqual(['TaskRegistered', 'TaskExecutionStarted', 'TaskExecutionCompleted']);
  });

  it('recorded the facts: doubled timeout, permission needs a person, the reasons for skips, dependency order', async () => {
    expect(
      (await events('TO-1', 'TaskExecutionStarted')).map((event) => (event.data as { timeoutMs: number }).timeoutMs),
    ).toEqual([1500, 3000]);
    expect((await events('TO-1', 'TaskAttemptFailed'))[0]?.data).toMatchObject({
      error: { timedOut: true, signal: 'SIGTERM' },
      classification: { category: 'timeout' },
    });
    expect((await events('PE-1', 'TaskAttemptFailed'))[0]?.data).toMatchObject({
      error: { exitCode: 126, stderrTail: expect.stringMatching(/denied\.sh: Permission denied/) },
      classification: { category: 'permission', ruleId: 'exit-not-executable' },
    });
    expect((await events('PE-1', 'TaskExecutionFailed'))[0]?.data).toMatchObject({
      reason: 'needs-person',
      category: 'permission',
      attempt: 2,
    });
    expect((await events('DE-1', 'TaskSkipped'))[0]?.data).toMatchObject({
      reason: 'dependencies-unmet',
      missing: ['PE-1'],
    });
    expect((await events('HU-1', 'TaskSkipped'))[0]?.data).toMatchObject({ reason: 'human-required', missing: [] });
    const [okDone] = await events('OK-1', 'TaskExecutionCompleted');
    const [waStart] = await events('WA-1', 'TaskExecutionStarted');
    expect(comparePositions(waStart!.position, okDone!.position)).toBe(1);
  });

  it('continues from the ledger on a second run: only the confirmed human task runs; one JSON document; exit 0', async () => {
    const result = await ws.cli(['run', '--backlog', 'backlog.md', '--yes', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.counts).toEqual({
      started: 1,
      completed: 1,
      failed: 0,
      skipped: 0,
      retried: 0,
      abandoned: 0,
      interrupted: 0,
    });
    expect(
      report.tasks.map((task: { taskId: string; outcome: { kind: string } }) => [task.taskId, task.outcome.kind]),
    ).toEqual([
      ['DE-1', 'skipped'],
      ['HU-1', 'completed'],
    ]);
    expect(report.status.find((row: { taskId: string }) => row.taskId === 'FL-1')).toMatchObject({
      status: 'completed',
      attempts: 3,
    });
    expect(await types('HU-1')).toEqual([
      'TaskRegistered',
      'TaskSkipped',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    expect(await types('DE-1')).toEqual(['TaskRegistered', 'TaskSkipped']);
    expect((await events('FL-1', 'TaskExecutionStarted')).length).toBe(3);
  });
});
