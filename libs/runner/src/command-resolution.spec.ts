import { resolveCommand } from './command-resolution';
import { loadRunnerConfig } from './runner-config';

const config = loadRunnerConfig({
  file: {
    executors: {
      byTask: { 'B-1': { command: ['node', 'b1.js'], timeoutMs: 1_000, env: { MODE: 'x' } }, 'B-2': { manual: true } },
      byTechFootprint: [{ pattern: '*python*', command: 'python3 -m "my tool"', cwd: 'py' }],
      default: { command: 'echo "$TASKLEDGER_TASK_ID" && make', shell: true },
    },
    run: { timeoutMs: 9_000, killGraceMs: 100 },
  },
  configFile: null,
  cwd: '/repo',
});
const resolve = (task: { id: string; techFootprint?: string; runCommand?: string }, allowBacklogCommands = false) =>
  resolveCommand({ techFootprint: null, runCommand: null, ...task }, config.executors, config.settings, {
    allowBacklogCommands,
  });

describe('where a task command comes from', () => {
  it('given an executor by task id, then it wins, with its own timeout and environment', () => {
    expect(resolve({ id: 'B-1', techFootprint: 'Python' })).toEqual({
      kind: 'command',
      command: {
        line: { shell: false, argv: ['node', 'b1.js'] },
        display: 'node b1.js',
        cwd: '/repo',
        env: { MODE: 'x' },
        timeoutMs: 1_000,
        killGraceMs: 100,
        source: 'byTask',
      },
    });
  });

  it('given a tech footprint matching a pattern (case-insensitive), then that executor, its string split into argv', () => {
    const resolution = resolve({ id: 'B-3', techFootprint: 'DSPy + Python 3.12' });
    expect(resolution).toMatchObject({
      command: {
        line: { shell: false, argv: ['python3', '-m', 'my tool'] },
        cwd: '/repo/py',
        timeoutMs: 9_000,
        source: 'byTechFootprint',
      },
    });
  });

  it('given a backlog run comment, then it is used only with allowBacklogCommands', () => {
    expect(resolve({ id: 'B-4', runCommand: 'rm -rf /' })).toMatchObject({
      command: { source: 'default', line: { shell: true } },
    });
    expect(resolve({ id: 'B-4', runCommand: 'npm test' }, true)).toMatchObject({
      command: { source: 'backlog', line: { shell: false, argv: ['npm', 'test'] } },
    });
  });

  it('given a manual executor or no executor at all, then the task is manual and says why', () => {
    expect(resolve({ id: 'B-2' })).toEqual({ kind: 'manual', reason: 'marked manual in executors.byTask' });
    const none = loadRunnerConfig({ file: {}, configFile: null, cwd: '/repo' });
    expect(
      resolveCommand({ id: 'B-5', techFootprint: null, runCommand: 'make' }, none.executors, none.settings),
    ).toEqual({
      kind: 'manual',
      reason:
        'no executor in taskledger.config.json matches it (its backlog command runs only with --allow-backlog-commands)',
    });
  });
});
