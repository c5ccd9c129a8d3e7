import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const fixture = 'tools/workspace/src/fixtures/failing-property.fixture.ts';
const jestArgs = ['-c', 'tools/workspace/jest.config.cjs', '--testMatch', '<rootDir>/src/fixtures/*.fixture.ts'];

interface Run {
  status: number | null;
  output: string;
}

const withSettings = (settings: Record<string, string | undefined>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
};

const runJest = (settings: Record<string, string | undefined>): Run => {
  const env = withSettings({ FC_SEED: undefined, FC_NUM_RUNS: undefined, ...settings });
  const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...jestArgs, fixture], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
};

const shell = (command: string): Run => {
  const env = withSettings({ FC_SEED: undefined, FC_NUM_RUNS: undefined });
  const run = spawnSync('bash', ['-c', command], { cwd: root, env, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
};

/** The seed and path fast-check reports, and the replay command the setup adds. */
const failure = (run: Run) => ({
  report: /\{ seed: (-?\d+), path: "([\d:]+)"/.exec(run.output)?.slice(1, 3),
  replay: /Replay it from the repository root: (.+)$/m.exec(run.output)?.[1],
});

jest.setTimeout(120_000);

describe('fast-check seeds in Jest', () => {
  it('runs a property from the same fixed seed every time and prints the command that replays a failure', () => {
    const first = runJest({});
    const second = runJest({});
    expect(first.status).toBe(1);
    const { report, replay } = failure(first);
    expect(report).toBeDefined();
    expect(failure(second)).toEqual({ report, replay });
    expect(replay).toBe(
      `FC_SEED=${report![0]} npx jest -c tools/workspace/jest.config.cjs ${fixture}` +
        ` -t 'a property that fails on purpose claims no integer is above 1000 \\(it'\\''s wrong\\)'`,
    );
    const replayed = shell(`${replay!} --testMatch '<rootDir>/src/fixtures/*.fixture.ts'`);
    expect(replayed.status).toBe(1);
    expect(replayed.output).toMatch(/Tests: +1 failed, 1 total/);
    expect(failure(replayed).report).toEqual(report);
  });

  it('picks and prints a random seed for FC_SEED=random, and names it in the replay command', () => {
    const run = runJest({ FC_SEED: 'random', FC_NUM_RUNS: '300' });
    const seed = /fast-check: random seed (\d+) \(replay a failure with FC_SEED=\1\)/.exec(run.output)?.[1];
    expect(seed).toBeDefined();
    expect(failure(run).report?.[0]).toBe(seed);
    expect(failure(run).replay).toMatch(new RegExp(`^FC_SEED=${seed} FC_NUM_RUNS=300 npx jest `));
  });

  it('refuses an FC_SEED that is not an integer, naming the setting', () => {
    const run = runJest({ FC_SEED: 'tomorrow' });
    expect(run.status).toBe(1);
    expect(run.output).toContain('FC_SEED="tomorrow" is not valid: set it to an integer');
  });
});
