import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@taskledger/event-store';
import { ProjectionRuntime, RuntimeProgress } from '@taskledger/projection-runtime';
import { SqliteReadStore } from '@taskledger/read-store';
import { selectProjections } from '../read-models';
import { threadTimer } from './thread-time';
import { WorkerMessage, WorkerTask } from './worker-messages';

/**
 * One group of a parallel catch-up: its own connections to the SQLite file, its own runtime
 * over the group's projections; it reads the log itself, so no event crosses a thread.
 */
const run = async (task: WorkerTask): Promise<RuntimeProgress> => {
  const projections = selectProjections(task.projections);
  const eventStore = new SqliteEventStore(task.eventStorePath);
  const readStore = new SqliteReadStore(task.readStorePath);
  try {
    const post = (message: WorkerMessage) => parentPort?.postMessage(message);
    const runtime = new ProjectionRuntime({
      eventStore,
      readStore,
      projections,
      batchSize: task.batchSize,
      onPoison: task.onPoison,
      onProgress: (progress) => post({ kind: 'progress', progress }),
    });
    return task.rebuild ? await runtime.rebuild(task.rebuild) : await runtime.catchUp();
  } finally {
    await readStore.close();
    await eventStore.close();
  }
};

const timer = threadTimer();
run(workerData as WorkerTask).then(
  (progress) => parentPort?.postMessage({ kind: 'done', progress, time: timer() } satisfies WorkerMessage),
  (error: unknown) => {
    const { message, code } = error as { message?: string; code?: unknown };
    parentPort?.postMessage({
      kind: 'failed',
      message: message ?? String(error),
      code: typeof code === 'string' ? code : undefined,
    } satisfies WorkerMessage);
  },
);
