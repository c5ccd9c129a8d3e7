import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { eventually } from '../test/execution-cli';
import { CLI } from '../test/run-cli';
import { executionWorkspace } from '../test/execution-fixture';

jest.setTimeout(60_000);

/** The CLI in `cwd` with a clean TASKLEDGER_* environment; its stderr as it comes, and how it exited. */
const startCli = (args: string[], cwd: string) => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKLEDGER_')));
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { stderr: () => stderr, code };
};

const value = (text: string, series: string): number => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
};

describe('taskledger run --metrics-port', () => {
  it('serves the run’s executions, retries, attempt durations and open leases while it lasts', async () => {
    const ws = executionWorkspace('run-metrics');
    try {
      const go = join(ws.path, 'go');
      ws.backlog([{ id: 'F-1' }, { id: 'W-2', dependencies: ['F-1'] }]);
      ws.config({
        executors: {
          byTask: { 'F-1': { command: ws.script('flaky', 'if (runCount() === 1) process.exit(1);') } },
          default: {
            command: ws.script(
              'wait',
              `(async () => { while (!fs.existsSync(${JSON.stringify(go)})) await sleep(50); })();`,
            ),
          },
        },
        retryPolicies: { execution: { baseDelayMs: 10, jitter: false } },
      });
      expect((await ws.cli(['parse', 'backlog.md'])).code).toBe(0);
      const run = startCli(['run', '--metrics-port', '0'], ws.path);
      const url = await eventually(
        () => /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(run.stderr())?.[1],
        'the metrics address',
      );

      const text = await eventually(async () => {
        const scraped = await (await fetch(url)).text();
        return (
          value(scraped, 'taskledger_run_open_leases') === 1 &&
          value(scraped, 'taskledger_run_executions_completed_total') === 1 &&
          scraped
        );
      }, 'W-2 running after F-1 completed');
      expect(value(text, 'taskledger_run_executions_started_total')).toBe(3);
      const retries = text.split('\n').filter((line) => line.startsWith('taskledger_run_retries_total{category="'));
      expect(retries.map((line) => Number(line.split(' ')[1]))).toEqual([1]);
      expect(value(text, 'taskledger_run_attempt_duration_seconds_count{outcome="failed"}')).toBe(1);
      expect(value(text, 'taskledger_run_attempt_duration_seconds_count{outcome="completed"}')).toBe(1);

      writeFileSync(go, '');
      expect(await run.code).toBe(0);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      ws.remove();
    }
  });

  it('exits 2 naming --metrics-port when the port is taken', async () => {
    const ws = executionWorkspace('run-metrics-taken');
    const taken = createServer();
    try {
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as { port: number }).port;
      ws.backlog([{ id: 'A-1' }]);
      const result = await ws.cli(['run', '--metrics-port', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--metrics-port ${port}: cannot listen on 127.0.0.1`);
    } finally {
      taken.close();
      ws.remove();
    }
  });
});
