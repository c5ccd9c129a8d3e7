import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskStream } from '@taskledger/events';
import { fileSystemIo } from './recovery-io';
import { shellExecutor } from './shell-executor';
import { systemSleep } from './system-sleep';
import { runTaskJob } from './task-job';
import { registerTask, testCommand, testRunner } from './testing/test-runner';

const dir = mkdtempSync(join(tmpdir(), 'taskledger-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const realRunner = async () => {
  const runner = testRunner({ retryPolicies: { file_system: { maxRetries: 1, baseDelayMs: 10 } } });
  const scratch = join(dir, 'scratch');
  const deps = {
    ...runner.deps,
    executor: shellExecutor(),
    clock: () => new Date(),
    sleep: systemSleep,
    io: fileSystemIo(scratch, runner.deps.io.reopenStore),
    env: { PATH: process.env['PATH'] },
  };
  await registerTask(runner.eventStore, 'E-1');
  const job = (script: string) =>
    runTaskJob(deps, {
      taskId: 'E-1',
      command: { ...testCommand('E-1'), line: { shell: true, script }, cwd: dir },
      mode: 'run',
      signal: new AbortController().signal,
    });
  return { ...runner, scratch, job };
};

describe('a task job with real processes', () => {
  it('gives the process its task id, execution id, attempt and scratch directory', async () => {
    const { job, eventStore, scratch } = await realRunner();
    const out = join(dir, 'env.txt');
    expect(
      await job(
        `echo "$TASKLEDGER_TASK_ID $TASKLEDGER_EXECUTION_ID $TASKLEDGER_ATTEMPT $TASKLEDGER_SCRATCH_DIR" > ${out}`,
      ),
    ).toMatchObject({ kind: 'completed' });
    const [started] = (await eventStore.readStream(taskStream('E-1'))).filter(
      (event) => event.type === 'TaskExecutionStarted',
    );
    expect(readFileSync(out, 'utf8')).toBe(`E-1 ${started?.data['executionId']} 1 ${join(scratch, 'E-1')}\n`);
  });

  it('given a file system failure, then the scratch directory is emptied before the retry', async () => {
    const { job, eventStore, scratch } = await realRunner();
    const script = `if [ "$TASKLEDGER_ATTEMPT" = 1 ]; then touch "$TASKLEDGER_SCRATCH_DIR/stale"; echo "ENOENT: no such file or directory" >&2; exit 1; fi; ls -A "$TASKLEDGER_SCRATCH_DIR"`;
    expect(await job(script)).toMatchObject({ kind: 'completed', attempts: 2 });
    const events = await eventStore.readStream(taskStream('E-1'));
    expect(events.map((event) => event.type)).toEqual([
      'TaskRegistered',
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'RecoveryActionAttempted',
      'TaskRetryScheduled',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    expect(events[3]?.data).toMatchObject({
      category: 'file_system',
      action: 'clear-scratch-dir',
      outcome: 'succeeded',
      details: { path: join(scratch, 'E-1') },
    });
    expect(readdirSync(join(scratch, 'E-1'))).toEqual([]);
  });
});
