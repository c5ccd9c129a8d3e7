import { median, medianAbsoluteDeviation, robustZ, roundTo } from './statistics';
import { byTime, ExecutionOutcome } from './success-prediction';

export interface AnomalyOptions {
  /** |modified z-score| above which an execution is anomalous. Default 3.5 (Iglewicz and Hoaglin). */
  zThreshold?: number;
  /** Fewer completed executions than this is a short history. Default 10. */
  minHistory?: number;
  /** Reference p99 (ms) for short histories, e.g. over all tasks; null flags nothing there. Default null. */
  referenceP99Ms?: number | null;
  /** A short-history execution is anomalous above referenceP99Ms times this. Default 2. */
  p99Multiple?: number;
}

export interface DurationAnomaly {
  taskId: string;
  executionId: string | null;
  at: string;
  durationMs: number;
  method: 'robust-z' | 'p99-multiple';
  /** The modified z-score, or duration / reference p99. */
  score: number;
  direction: 'slow' | 'fast';
  /** The task's median completed duration. */
  medianMs: number;
  /** Completed executions of the task. */
  history: number;
}

const DEFAULTS = { zThreshold: 3.5, minHistory: 10, referenceP99Ms: null, p99Multiple: 2 };

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type CompletedRun = ExecutionOutcome & { durationMs: number };

const isCompletedRun = (outcome: ExecutionOutcome): outcome is CompletedRun =>
  outcome.success && outcome.durationMs !== null && Number.isFinite(outcome.durationMs);

const anomaliesOfTask = (runs: readonly CompletedRun[], options: Required<AnomalyOptions>): DurationAnomaly[] => {
  const durations = runs.map((run) => run.durationMs);
  const centre = median(durations);
  const mad = medianAbsoluteDeviation(durations);
  if (centre === null || mad === null) return [];
  const robust = runs.length >= options.minHistory && mad > 0;
  const reference = options.referenceP99Ms;
  const base = (run: CompletedRun) => ({
    taskId: run.taskId,
    executionId: run.executionId,
    at: run.at,
    durationMs: run.durationMs,
    medianMs: centre,
    history: runs.length,
  });
  return runs.flatMap((run): DurationAnomaly[] => {
    const duration = run.durationMs;
    if (robust) {
      const z = robustZ(duration, centre, mad);
      if (Math.abs(z) <= options.zThreshold) return [];
      return [{ ...base(run), method: 'robust-z', score: roundTo(z, 3), direction: z > 0 ? 'slow' : 'fast' }];
    }
    if (reference === null || reference <= 0 || duration <= reference * options.p99Multiple) return [];
    return [{ ...base(run), method: 'p99-multiple', score: roundTo(duration / reference, 3), direction: 'slow' }];
  });
};

/**
 * Completed executions whose duration is far from the task's own history: a modified z-score
 * (median and MAD) beyond the threshold when the task has enough history with some spread;
 * otherwise (short history, or all durations equal) a duration above a multiple of the reference
 * p99. The result does not depend on input order: sorted by task, time, execution id.
 */
export const durationAnomalies = (
  outcomes: readonly ExecutionOutcome[],
  options: AnomalyOptions = {},
): DurationAnomaly[] => {
  const settings: Required<AnomalyOptions> = { ...DEFAULTS, ...options };
  const byTask = new Map<string, CompletedRun[]>();
  for (const outcome of outcomes) {
    if (!isCompletedRun(outcome)) continue;
    const runs = byTask.get(outcome.taskId);
    if (runs) runs.push(outcome);
    else byTask.set(outcome.taskId, [outcome]);
  }
  return [...byTask.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .flatMap(([, runs]) => anomaliesOfTask([...runs].sort(byTime), settings));
};
