import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { taskStream } from '@taskledger/events';
import { seeded, taskHistory, TimedEvent, toEnvelope } from '@taskledger/events/testing';
import { cli } from '../test/execution-cli';
import { executionWorkspace } from '../test/execution-fixture';

// Dozens of real CLI processes per test, on a machine that may be busy.
jest.setTimeout(120_000);

const EXPORTS = [
  ['export', 'tasks', '--format', 'json'],
  ['export', 'metrics', '--format', 'json'],
  ['export', 'errors', '--format', 'json'],
];
const READERS = [['status'], ['stats'], ['errors'], ...EXPORTS];

/** What each export prints on the shared read models, and on a fresh read store folded by one process. */
const exportsOf = async (cwd: string, env: Record<string, string> = {}) => {
  const outputs: string[] = [];
  for (const args of EXPORTS) {
    const result = await cli(args, { cwd, env });
    expect([args.join(' '), result.code, result.stderr]).toEqual([args.join(' '), 0, '']);
    outputs.push(result.stdout);
  }
  return outputs;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('read models with several processes catching up the same ledger', () => {
  it('given readers started at random moments while events are appended, then every export equals a clean rebuild', async () => {
    const ws = executionWorkspace('concurrent-readers');
    const seed = 20261207;
    const random = seeded(seed);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    const histories: TimedEvent[][] = Array.from({ length: 30 }, (_, index) =>
      taskHistory(random, index, 80, start + index * 1000),
    );
    const ledgerPath = join(ws.path, '.taskledger', 'ledger.db');
    try {
      await cli(['info'], { cwd: ws.path });
      const store = new SqliteEventStore(ledgerPath);
      const correlationId = randomUUID();
      const rounds = 8;
      const chunk = Math.ceil(80 / rounds);
      try {
        for (let round = 0; round < rounds; round += 1) {
          for (const [index, history] of histories.entries()) {
            const events = history.slice(round * chunk, (round + 1) * chunk);
            if (events.length === 0) continue;
            await store.append(
              taskStream(`B-${index + 1}`),
              events.map((timed) => toEnvelope(timed, correlationId)),
              { expectedRevision: round === 0 ? 'no_stream' : round * chunk - 1 },
            );
          }
          const readers = Array.from({ length: 4 }, async () => {
            await sleep(random.int(0, 120));
            const args = READERS[random.int(0, READERS.length - 1)]!;
            const result = await cli(args, { cwd: ws.path });
            return [args.join(' '), result.code, result.stderr];
          });
          for (const [command, code, stderr] of await Promise.all(readers)) {
            expect({ command, code, stderr, seed }).toEqual({ command, code: 0, stderr: '', seed });
          }
        }
      } finally {
        await store.close();
      }
      const shared = await exportsOf(ws.path);
      const clean = await exportsOf(ws.path, { TASKLEDGER_READ_STORE: `sqlite:${join(ws.path, 'clean.db')}` });
      expect(shared).toEqual(clean);
    } finally {
      ws.remove();
    }
  });

  it('given three runs racing over the same 40 tasks, then stats count each completion once and every hash chain holds', async () => {
    const ws = executionWorkspace('concurrent-runs');
    try {
      ws.backlog(Array.from({ length: 40 }, (_, index) => ({ id: `R-${index + 1}` })));
      ws.config({
        executors: { default: { command: ['sh', '-c', 'exit 0'] } },
        run: { concurrency: 3 },
      });
      expect((await ws.cli(['parse', 'backlog.md'])).code).toBe(0);
      const runs = await Promise.all(
        [0, 40, 80].map(async (delay) => {
          await sleep(delay);
          return ws.cli(['run', '--yes', '--format', 'json']);
        }),
      );
      expect(runs.map((run) => [run.code, run.stderr])).toEqual([
        [0, ''],
        [0, ''],
        [0, ''],
      ]);
      const stats = await ws.cli(['stats', '--format', 'json']);
      expect(stats.code).toBe(0);
      const report = JSON.parse(stats.stdout) as { overall: { executions: number; successes: number } };
      expect(report.overall).toMatchObject({ executions: 40, successes: 40 });
      const shared = await exportsOf(ws.path);
      const clean = await exportsOf(ws.path, { TASKLEDGER_READ_STORE: `sqlite:${join(ws.path, 'clean.db')}` });
      expect(shared).toEqual(clean);
      const verify = await ws.cli(['verify', '--format', 'json']);
      expect([verify.code, JSON.parse(verify.stdout).firstBrokenLink]).toEqual([0, null]);
    } finally {
      ws.remove();
    }
  });
});
