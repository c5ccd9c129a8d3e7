import { executionHistoryProjection, performanceMetricsProjection, GLOBAL_DOC_ID } from '@taskledger/projections';
import {
  AnomalyOptions,
  ExecutionCounts,
  DurationAnomaly,
  durationAnomalies,
  ExecutionOutcome,
  FailureSpike,
  failureRateSpikes,
  FailureSpikeOptions,
  PredictionOptions,
  predictSuccess,
  SuccessPrediction,
} from '@taskledger/analytics';
import { ReadStore } from '@taskledger/read-store';
import { ExecutionHistoryDoc, readModel, requireTask } from './read-models.access';
import { emptyPerformanceRow } from './performance.query';

const outcomeOf = (doc: ExecutionHistoryDoc): ExecutionOutcome => {
  const duration = doc.metadata['durationMs'];
  return {
    taskId: doc.taskId,
    executionId: doc.executionId,
    at: doc.timestamp,
    success: doc.status === 'completed',
    durationMs: doc.status === 'completed' && typeof duration === 'number' ? duration : null,
  };
};

/** The task's latest ended executions, via the [taskId, timestamp] index. */
export const latestOutcomes = async (
  readStore: ReadStore,
  taskId: string,
  limit: number,
): Promise<ExecutionOutcome[]> => {
  const page = await readModel(readStore, executionHistoryProjection).find({
    filter: { taskId, status: { in: ['completed', 'failed'] } },
    sort: [{ field: 'timestamp', direction: 'desc' }],
    limit,
  });
  return page.items.map(outcomeOf);
};

type Counted = ExecutionCounts & { id: string; taskId: string | null };

/** The named tasks' counts (zeros for a task that never ended an execution); TaskledgerError('NotFound') for an unknown task. */
const namedTasks = async (
  readStore: ReadStore,
  taskIds: readonly string[],
): Promise<{ items: Counted[]; nextCursor: null }> => {
  const docs = await readModel(readStore, performanceMetricsProjection).getMany(taskIds);
  const items: Counted[] = [];
  for (const [index, taskId] of taskIds.entries()) {
    const doc = docs[index];
    if (doc) items.push(doc);
    else items.push({ ...emptyPerformanceRow((await requireTask(readStore, taskId)).id), id: taskId });
  }
  return { items, nextCursor: null };
};

export interface PredictionPage {
  items: SuccessPrediction[];
  nextCursor: string | null;
}

/** Success predictions for a page of tasks that ended executions (by id), or for the tasks named. */
export const predictions = async (
  readStore: ReadStore,
  query: { taskIds?: readonly string[]; limit?: number; cursor?: string | null } & PredictionOptions = {},
): Promise<PredictionPage> => {
  const { taskIds, limit = 100, cursor = null, ...options } = query;
  const page = taskIds
    ? await namedTasks(readStore, taskIds)
    : await readModel(readStore, performanceMetricsProjection).find({ filter: { scope: 'task' }, limit, cursor });
  const items: SuccessPrediction[] = [];
  for (const doc of page.items) {
    const taskId = doc.taskId ?? doc.id;
    items.push(
      predictSuccess(taskId, doc, await latestOutcomes(readStore, taskId, options.trendWindow ?? 10), options),
    );
  }
  return { items, nextCursor: page.nextCursor };
};

export interface AnomalyReport {
  durations: DurationAnomaly[];
  failureSpikes: FailureSpike[];
  /** The p99 over all tasks used for short histories; null while fewer than `minHistory` (10) executions completed overall. */
  referenceP99Ms: number | null;
}

/** Duration anomalies (each task against its own history) and daily failure-rate spikes. */
export const anomalies = async (
  readStore: ReadStore,
  query: { taskId?: string; anomaly?: AnomalyOptions; spikes?: FailureSpikeOptions } = {},
): Promise<AnomalyReport> => {
  // For one task, filter on taskId alone: with a status condition too, SQLite (no statistics) picks the status index.
  const filter = query.taskId === undefined ? { status: 'completed' } : { taskId: query.taskId };
  const [docs, global] = await Promise.all([
    readModel(readStore, executionHistoryProjection).findAll({ filter, sort: [{ field: 'timestamp' }] }),
    readModel(readStore, performanceMetricsProjection).get(GLOBAL_DOC_ID),
  ]);
  const enough = (global?.durations.count ?? 0) >= (query.anomaly?.minHistory ?? 10);
  const referenceP99Ms = enough ? (global?.p99DurationMs ?? null) : null;
  return {
    durations: durationAnomalies(docs.filter((doc) => doc.status === 'completed').map(outcomeOf), {
      referenceP99Ms,
      ...query.anomaly,
    }),
    failureSpikes: failureRateSpikes(global?.daily ?? {}, query.spikes),
    referenceP99Ms,
  };
};
