import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '../test/execution-cli';
import { executionWorkspace } from '../test/execution-fixture';

// Real processes: a run of a few seconds each, more on a loaded machine.
jest.setTimeout(60_000);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A task whose first run writes its pid and hangs; later runs finish at once. */
const hangOnce = (pidFile: string) =>
  `if (runCount() === 1) { fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 60000); }`;

describe('taskledger run, several processes', () => {
  it('given two runs racing over 50 tasks, then each task is started exactly once per attempt', async () => {
    const ws = executionWorkspace('race');
    try {
      const ids = Array.from({ length: 50 }, (_, index) => `R-${index + 1}`);
      ws.backlog(ids.map((id) => ({ id })));
      ws.config({ executors: { default: { command: ['sh', '-c', 'sleep 0.02'] } }, run: { concurrency: 4 } });
      const first = await ws.cli(['parse', 'backlog.md']);
      expect(first.code).toBe(0);
      const [left, right] = await Promise.all([
        ws.cli(['run', '--format', 'json']),
        ws.cli(['run', '--format', 'json']),
      ]);
      expect([left.code, right.code, left.stderr, right.stderr]).toEqual([0, 0, '', '']);
      const [a, b] = [JSON.parse(left.stdout), JSON.parse(right.stdout)];
      expect(a.counts.completed + b.counts.completed).toBe(50);
      const store = ws.ledger();
      let starts = 0;
      for (const id of ids) {
        const started = (await store.events(id)).filter((event) => event.type === 'TaskExecutionStarted');
        expect(started.map((event) => (event.data as { attempt: number }).attempt)).toEqual([1]);
        starts += started.length;
      }
      await store.close();
      expect(a.counts.started + b.counts.started).toBe(starts);
    } finally {
      ws.remove();
    }
  });

  it('given a run killed with SIGKILL mid-task, then the next run abandons the attempt once its lease expires and retries it', async () => {
    const ws = executionWorkspace('sigkill');
    try {
      const pidFile = join(ws.path, 'task.pid');
      ws.backlog([{ id: 'K-1' }]);
      ws.config({
        executors: { default: { command: ws.script('hang', hangOnce(pidFile)) } },
        retryPolicies: { execution: { baseDelayMs: 10, jitter: false } },
        run: { leaseMs: 900 },
      });
      const run = ws.start(['run', '--backlog', 'backlog.md']);
      const taskPid = await eventually(
        () => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8')),
        'the task to start',
      );
      run.child.kill('SIGKILL');
      expect((await run.result).signal).toBe('SIGKILL');
      process.kill(taskPid, 'SIGKILL');
      const store = ws.ledger();
      const leaseEnd = Math.max(
        ...(await store.events('K-1')).map((event) =>
          Date.parse((event.data as { leaseExpiresAt?: string }).leaseExpiresAt ?? '0'),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, leaseEnd - Date.now()) + 100));
      const next = await ws.cli(['run']);
      expect(next.code).toBe(0);
      expect(next.stdout).toMatch(/K-1 +abandoned +attempt 1/);
      expect(await store.types('K-1')).toEqual([
        'TaskRegistered',
        'TaskExecutionStarted',
        'TaskExecutionAbandoned',
        'TaskAttemptFailed',
        'TaskRetryScheduled',
        'TaskExecutionStarted',
        'TaskExecutionCompleted',
      ]);
      const [failed] = (await store.events('K-1')).filter((event) => event.type === 'TaskAttemptFailed');
      expect(failed?.data).toMatchObject({
        error: { type: 'abandoned' },
        classification: { category: 'execution', ruleId: 'abandoned' },
      });
      await store.close();
    } finally {
      ws.remove();
    }
  });

  it('given SIGTERM during a run, then the child is stopped, the attempt recorded as interrupted, the run exits non-zero, and a later run continues', async () => {
    const ws = executionWorkspace('sigterm');
    try {
      const pidFile = join(ws.path, 'task.pid');
      ws.backlog([{ id: 'S-1' }, { id: 'S-2' }]);
      ws.config({
        executors: {
          byTask: { 'S-1': { command: ws.script('hang', hangOnce(pidFile)) } },
          default: { command: ['true'] },
        },
        run: { killGraceMs: 500 },
      });
      const run = ws.start(['run', '--backlog', 'backlog.md']);
      const taskPid = await eventually(
        () => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8')),
        'the task to start',
      );
      run.child.kill('SIGTERM');
      const stopped = await run.result;
      expect(stopped.code).toBe(143);
      expect(stopped.stdout).toContain('Interrupted: running attempts were recorded as interrupted');
      await eventually(() => !alive(taskPid), 'the task process to end');
      const store = ws.ledger();
      expect(await store.types('S-1')).toEqual([
        'TaskRegistered',
        'TaskExecutionStarted',
        'TaskAttemptFailed',
        'TaskRetryScheduled',
      ]);
      expect(await store.types('S-2')).toEqual(['TaskRegistered']);
      const later = await ws.cli(['run']);
      expect(later.code).toBe(0);
      expect(await store.types('S-1')).toEqual([
        'TaskRegistered',
        'TaskExecutionStarted',
        'TaskAttemptFailed',
        'TaskRetryScheduled',
        'TaskExecutionStarted',
        'TaskExecutionCompleted',
      ]);
      const events = await store.events('S-1');
      expect(events[2]?.data).toMatchObject({ error: { type: 'interrupted', signal: 'SIGTERM' } });
      expect(events[3]?.data).toMatchObject({ reason: 'interrupted', delayMs: 0 });
      expect((events[4]?.data as { attempt: number }).attempt).toBe(2);
      await store.close();
    } finally {
      ws.remove();
    }
  });
});
