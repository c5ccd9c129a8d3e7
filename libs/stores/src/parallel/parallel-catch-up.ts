import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ErrorCode, TaskledgerError } from '@taskledger/errors';
import { RuntimeProgress } from '@taskledger/projection-runtime';
import { ThreadTime } from './thread-time';
import { WorkerMessage, WorkerTask } from './worker-messages';

export interface ParallelCatchUpOptions {
  eventStorePath: string;
  readStorePath: string;
  /** Registered read models by name, one group per worker thread. */
  groups: readonly (readonly string[])[];
  /** Rebuild this read model in its group (the other groups catch up as usual). */
  rebuild?: string;
  batchSize?: number;
  onPoison?: 'dead-letter' | 'stop';
  onProgress?: (progress: RuntimeProgress) => void;
}

/** A parallel catch-up's progress, and where each group's thread spent its time. */
export interface ParallelProgress extends RuntimeProgress {
  threads: (ThreadTime & { projections: string[] })[];
}

/**
 * Catches groups of read models up at once, each group in a worker thread with its own
 * connections that reads the log itself (events are cheap to read, and costly to copy between
 * threads). Each worker's commits are conditional on its checkpoints like any other process's,
 * so a crash loses nothing. Progress is the slowest group's; when a worker fails, the others
 * finish and the first failure is thrown with its message and code.
 */
export const catchUpInParallel = async (options: ParallelCatchUpOptions): Promise<ParallelProgress> => {
  const latest: RuntimeProgress[] = options.groups.map(() => ({ processed: 0, total: 0, eventsPerSecond: 0 }));
  const started = performance.now();
  const report = () => {
    const processed = Math.min(...latest.map((progress) => progress.processed));
    const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
    options.onProgress?.({
      processed,
      total: Math.max(...latest.map((progress) => progress.total)),
      eventsPerSecond: Math.round(processed / seconds),
    });
  };
  const outcomes = await Promise.allSettled(
    options.groups.map((group, index) =>
      runWorker(
        {
          eventStorePath: options.eventStorePath,
          readStorePath: options.readStorePath,
          projections: [...group],
          rebuild: options.rebuild && group.includes(options.rebuild) ? options.rebuild : undefined,
          batchSize: options.batchSize,
          onPoison: options.onPoison,
        },
        (progress) => {
          latest[index] = progress;
          report();
        },
      ),
    ),
  );
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  const results = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<WorkerResult>).value);
  const processed = Math.max(...results.map(({ progress }) => progress.processed));
  return {
    processed,
    total: Math.max(...results.map(({ progress }) => progress.total)),
    eventsPerSecond: Math.round(processed / Math.max((performance.now() - started) / 1000, 1e-3)),
    threads: results.map(({ time }, index) => ({ projections: [...(options.groups[index] ?? [])], ...time })),
  };
};

interface WorkerResult {
  progress: RuntimeProgress;
  time: ThreadTime;
}

const runWorker = (task: WorkerTask, onProgress: (progress: RuntimeProgress) => void): Promise<WorkerResult> =>
  new Promise((resolve, reject) => {
    const worker = startWorker(task);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.progress);
      else if (message.kind === 'done') settle(() => resolve({ progress: message.progress, time: message.time }));
      else settle(() => reject(workerError(task, message.message, message.code)));
    });
    worker.on('error', (error) => settle(() => reject(workerError(task, error.message))));
    worker.on('exit', (code) =>
      settle(() => reject(workerError(task, `the catch-up stopped (exit code ${code}) before it finished`))),
    );
  });

const workerError = (task: WorkerTask, message: string, code?: string): Error =>
  code
    ? new TaskledgerError(code as ErrorCode, message, { projections: task.projections })
    : new Error(`${message} (catching up ${task.projections.join(', ')})`);

/**
 * The compiled worker beside this file; run from the TypeScript sources (tests), the source is
 * loaded through ts-node with the workspace's source condition.
 */
const startWorker = (task: WorkerTask): Worker => {
  const compiled = join(__dirname, 'catch-up-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: task });
  return new Worker(join(__dirname, 'catch-up-worker.ts'), {
    workerData: task,
    execArgv: ['--conditions=@taskledger/source', '-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../../../tsconfig.ts-node.json') },
  });
};
