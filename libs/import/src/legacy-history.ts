import { LedgerEvent } from '@taskledger/events';
import { classify, defaultRetryPolicies, rawErrorFacts } from '@taskledger/execution';
import { LegacyExecutionRow, LegacyHistoryRow } from './legacy-db';
import { derivedEventId } from './derived-id';

/** One event the history implies: `key` names the source fact it comes from (its id is derived from it). */
export interface LegacyFact {
  event: LedgerEvent;
  key: string;
  occurredAt: string;
}

export interface LegacyWarning {
  taskId: string;
  /** execution_history.id, or null for a task-level warning. */
  row: number | null;
  message: string;
}

/** The error message the history and task_executions do not give. */
export const UNKNOWN_MESSAGE = 'unknown';

const PROGRESS = /^Progress:\s*([\d.]+)%\s*(?:-\s*(.*))?$/;
const RUNNER = { kind: 'manual', command: null, host: 'legacy-state', pid: null } as const;

interface Execution {
  executionId: string;
  attempt: number;
  attemptStartMs: number;
  /** A retry was recorded and no row of the next attempt has been seen yet. */
  awaitingAttempt: boolean;
}

const jsonObject = (text: string | null): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const isStart = (row: LegacyHistoryRow): boolean =>
  /execution started/i.test(row.message ?? '') || 'attempt' in jsonObject(row.metadata);

/** Walks one task's history rows (in id order) and says which events they record. */
export class LegacyHistoryWalk {
  readonly facts: LegacyFact[] = [];
  readonly warnings: LegacyWarning[] = [];
  private execution: Execution | null = null;
  private lastAt: string | null = null;

  constructor(
    private readonly taskId: string,
    private readonly rows: readonly LegacyHistoryRow[],
    private readonly current: LegacyExecutionRow | undefined,
    private readonly toUtc: (text: string) => string | null,
  ) {}

  run(): this {
    this.rows.forEach((row, index) => this.visit(row, index === this.rows.length - 1));
    return this;
  }

  private visit(row: LegacyHistoryRow, last: boolean): void {
    const at = this.inTimeOrder(row);
    if (at === null) return this.warn(row, `timestamp "${row.timestamp}" is not a date and time`);
    if (row.status === 'running' && isStart(row)) return this.start(row, at);
    if (!['running', 'pending', 'completed', 'failed'].includes(row.status)) {
      return this.warn(row, `status "${row.status}" has no matching event`);
    }
    const execution = this.execution;
    if (execution === null) return this.warn(row, `"${row.status}" row before any execution started`);
    if (execution.awaitingAttempt) this.nextAttempt(row, at, execution);
    if (row.status === 'running') return this.progress(row, at, execution);
    if (row.status === 'pending') return this.retry(row, at, execution, last);
    if (row.status === 'completed') return this.complete(row, at, execution);
    return this.fail(row, at, execution, last);
  }

  /** Read models fold in log order: a row dated before the one before it (a clock set back) keeps that time. */
  private inTimeOrder(row: LegacyHistoryRow): string | null {
    const at = this.toUtc(row.timestamp);
    if (at === null) return null;
    if (this.lastAt !== null && at < this.lastAt) {
      this.warn(row, `dated ${row.timestamp}, before the row before it; recorded at ${this.lastAt}`);
      return this.lastAt;
    }
    return (this.lastAt = at);
  }

  private start(row: LegacyHistoryRow, at: string): void {
    const executionId = derivedEventId(`${this.rowKey(row)}:execution`);
    this.execution = { executionId, attempt: 1, attemptStartMs: Date.parse(at), awaitingAttempt: false };
    this.add(row, 'start', at, {
      type: 'TaskExecutionStarted',
      data: { taskId: this.taskId, executionId, attempt: 1, leaseExpiresAt: at, timeoutMs: null, runner: RUNNER },
    });
  }

  /** The original records no start of a retried attempt: its first row after the retry marks it. */
  private nextAttempt(row: LegacyHistoryRow, at: string, execution: Execution): void {
    execution.awaitingAttempt = false;
    execution.attemptStartMs = Date.parse(at);
    const { executionId, attempt } = execution;
    this.add(row, 'attempt', at, {
      type: 'TaskExecutionStarted',
      data: { taskId: this.taskId, executionId, attempt, leaseExpiresAt: at, timeoutMs: null, runner: RUNNER },
    });
  }

  private progress(row: LegacyHistoryRow, at: string, execution: Execution): void {
    const match = PROGRESS.exec(row.message ?? '');
    const percent = match ? Number(match[1]) : NaN;
    if (!match || !(percent >= 0 && percent <= 100)) return this.warn(row, `"${row.message}" is no progress report`);
    const { executionId, attempt } = execution;
    this.add(row, 'progress', at, {
      type: 'TaskProgressReported',
      data: { taskId: this.taskId, executionId, attempt, progress: percent / 100, message: match[2] ?? null },
    });
  }

  private attemptFailed(row: LegacyHistoryRow, at: string, execution: Execution, message: string | null) {
    const facts = rawErrorFacts({
      type: 'legacy',
      message: message ?? UNKNOWN_MESSAGE,
      context: { source: 'task_execution.db', historyRow: row.id, messageKnown: message !== null },
    });
    const classification = classify(facts);
    const { executionId, attempt } = execution;
    const durationMs = Math.max(0, Date.parse(at) - execution.attemptStartMs);
    this.add(row, 'attempt-failed', at, {
      type: 'TaskAttemptFailed',
      data: { taskId: this.taskId, executionId, attempt, durationMs, error: facts, classification },
    });
    return classification.category;
  }

  /** task_executions keeps only the latest error: it belongs to this row only when this row is the last. */
  private currentError(last: boolean, status: string): string | null {
    return last && this.current?.status === status ? (this.current.error_message ?? null) : null;
  }

  private retry(row: LegacyHistoryRow, at: string, execution: Execution, last: boolean): void {
    const category = this.attemptFailed(row, at, execution, this.currentError(last, 'pending'));
    const { executionId, attempt } = execution;
    this.add(row, 'retry', at, {
      type: 'TaskRetryScheduled',
      data: {
        taskId: this.taskId,
        executionId,
        failedAttempt: attempt,
        nextAttempt: attempt + 1,
        delayMs: 0,
        notBefore: at,
        policy: defaultRetryPolicies[category],
        reason: row.message ?? `Retry attempt ${attempt}`,
      },
    });
    execution.attempt += 1;
    execution.awaitingAttempt = true;
  }

  private complete(row: LegacyHistoryRow, at: string, execution: Execution): void {
    const seconds = jsonObject(row.metadata)['execution_time'];
    const durationMs =
      typeof seconds === 'number' && seconds >= 0
        ? seconds * 1000
        : Math.max(0, Date.parse(at) - execution.attemptStartMs);
    const { executionId, attempt } = execution;
    this.add(row, 'completed', at, {
      type: 'TaskExecutionCompleted',
      data: { taskId: this.taskId, executionId, attempt, durationMs, exitCode: null },
    });
    this.execution = null;
  }

  private fail(row: LegacyHistoryRow, at: string, execution: Execution, last: boolean): void {
    const recorded = jsonObject(row.metadata)['error_message'];
    const message = typeof recorded === 'string' ? recorded : this.currentError(last, 'failed');
    const category = this.attemptFailed(row, at, execution, message);
    const { executionId, attempt } = execution;
    this.add(row, 'failed', at, {
      type: 'TaskExecutionFailed',
      data: {
        taskId: this.taskId,
        executionId,
        attempt,
        reason: 'retries-exhausted',
        category,
        message: message ?? UNKNOWN_MESSAGE,
      },
    });
    this.execution = null;
  }

  private add(row: LegacyHistoryRow, what: string, occurredAt: string, event: LedgerEvent): void {
    this.facts.push({ event, key: `${this.rowKey(row)}:${what}`, occurredAt });
  }

  /** A history row is never rewritten: its id, time and status name it, in this file and in a later copy. */
  private rowKey(row: LegacyHistoryRow): string {
    return `legacy-state:${this.taskId}:history:${row.id}@${row.timestamp}:${row.status}`;
  }

  private warn(row: LegacyHistoryRow, message: string): void {
    this.warnings.push({ taskId: this.taskId, row: row.id, message });
  }
}
