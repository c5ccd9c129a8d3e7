import type { BacklogTaskDoc } from '@taskledger/projections';
import type { Resolution } from './command-resolution';
import { runTasks } from './run-loop';
import type { RunOptions } from './run-options';
import type { ScriptedAttempt } from './testing/scripted-executor';
import { registerTask, streamTypes, testCommand, testRunner, TestRunnerOptions } from './testing/test-runner';

const commandFor = (task: BacklogTaskDoc): Resolution => ({ kind: 'command', command: testCommand(task.id) });

const setup = async (
  tasks: [string, Parameters<typeof registerTask>[2]?][],
  script?: (taskId: string, attempt: number) => ScriptedAttempt,
  options: TestRunnerOptions = {},
) => {
  const runner = testRunner({ script, retryPolicies: { execution: { maxRetries: 0 } }, ...options });
  for (const [id, definition] of tasks) await registerTask(runner.eventStore, id, definition);
  const t0 = runner.clock.now().getTime();
  const run = (overrides: Partial<RunOptions> = {}) =>
    runner.clock.run(
      runTasks(runner.deps, {
        confirm: async () => false,
        resolve: commandFor,
        signal: new AbortController().signal,
        ...overrides,
      }),
    );
  const startOffsets = () =>
    Object.fromEntries(runner.calls.map((call) => [call.taskId, call.startedAt.getTime() - t0]));
  return { ...runner, run, startOffsets };
};

const outcomes = (report: Awaited<ReturnType<typeof runTasks>>) =>
  Object.fromEntries(report.tasks.map((task) => [task.taskId, task.outcome.kind]));

describe('run: order, concurrency and gates', () => {
  it('given tasks with dependencies and priorities, then each runs after its dependencies, then by priority and score', async () => {
    const { run, calls } = await setup([
      ['A', { priority: 'low' }],
      ['B', { priority: 'critical' }],
      ['C', { priority: 'high', dependencies: ['B'] }],
      ['D', { priority: 'high', scoreTotal: 9 }],
    ]);
    const report = await run();
    expect(calls.map((call) => call.taskId)).toEqual(['B', 'D', 'C', 'A']);
    expect(report.counts).toMatchObject({ started: 4, completed: 4, failed: 0, skipped: 0 });
  });

  it('given concurrency 2, then two tasks run at once, and a dependent waits for its running dependency', async () => {
    const { run, startOffsets } = await setup([['A'], ['B'], ['C', { dependencies: ['A'] }], ['D']], (id) => ({
      durationMs: id === 'A' ? 3_000 : 1_000,
    }));
    await run({ concurrency: 2 });
    expect(startOffsets()).toEqual({ A: 0, B: 0, D: 1_000, C: 3_000 });
  });

  it('given a dependency that fails, then its dependent is skipped as dependencies-unmet', async () => {
    const { run, eventStore } = await setup([['A'], ['B', { dependencies: ['A'] }]], (id) => ({
      durationMs: 100,
      exitCode: id === 'A' ? 1 : 0,
    }));
    const report = await run();
    expect(outcomes(report)).toEqual({ A: 'failed', B: 'skipped' });
    expect(report.tasks[1]?.outcome).toMatchObject({ reason: 'dependencies-unmet', missing: ['A'], recorded: true });
    expect(await streamTypes(eventStore, 'B')).toEqual(['TaskRegistered', 'TaskSkipped']);
  });

  it('given a dependency declared done in the backlog, then the dependent runs', async () => {
    const { run } = await setup([
      ['A', { backlogStatus: 'done' }],
      ['B', { dependencies: ['A'] }],
    ]);
    expect(outcomes(await run())).toEqual({ B: 'completed' });
  });

  it('given a human-required task, then it is skipped unless confirmed, and confirmation is asked only once dependencies are done', async () => {
    const asked: string[] = [];
    const confirm = async (task: BacklogTaskDoc) => (asked.push(task.id), task.id === 'H2');
    const { run } = await setup(
      [
        ['X'],
        ['H1', { humanRequired: true }],
        ['H2', { humanRequired: true }],
        ['H3', { humanRequired: true, dependencies: ['X'] }],
      ],
      (id) => ({
        durationMs: 10,
        exitCode: id === 'X' ? 1 : 0,
      }),
    );
    const report = await run({ confirm });
    expect(outcomes(report)).toEqual({ X: 'failed', H1: 'skipped', H2: 'completed', H3: 'skipped' });
    expect(asked.sort()).toEqual(['H1', 'H2']);
    expect(report.tasks.find((task) => task.taskId === 'H1')?.outcome).toMatchObject({ reason: 'human-required' });
  });

  it('given Ctrl-C while a person is being asked, then the task is held, not recorded as skipped', async () => {
    const { run, eventStore } = await setup([['H', { humanRequired: true }]]);
    const stop = new AbortController();
    const report = await run({ signal: stop.signal, confirm: async () => (stop.abort('SIGINT'), false) });
    expect(outcomes(report)).toEqual({ H: 'held' });
    expect(await streamTypes(eventStore, 'H')).toEqual(['TaskRegistered']);
  });

  it('given --max-tasks 2, then only two tasks start and the rest are held', async () => {
    const { run, calls } = await setup([['A'], ['B'], ['C']]);
    const report = await run({ maxTasks: 2 });
    expect(calls).toHaveLength(2);
    expect(outcomes(report)).toEqual({ A: 'completed', B: 'completed', C: 'held' });
  });

  it('given a dependency cycle, then its tasks are skipped and the rest runs', async () => {
    const { run } = await setup([['A', { dependencies: ['B'] }], ['B', { dependencies: ['A'] }], ['C']]);
    const report = await run();
    expect(outcomes(report)).toEqual({ A: 'skipped', B: 'skipped', C: 'completed' });
    expect(report.counts.skipped).toBe(2);
  });

  it('given a task without a command, then it waits for a report and its dependents are skipped', async () => {
    const { run } = await setup([['M'], ['N', { dependencies: ['M'] }]]);
    const resolve = (task: BacklogTaskDoc): Resolution =>
      task.id === 'M' ? { kind: 'manual', reason: 'no executor' } : commandFor(task);
    expect(outcomes(await run({ resolve }))).toEqual({ M: 'manual', N: 'skipped' });
  });
});
