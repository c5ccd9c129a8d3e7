import { TaskledgerError } from '@taskledger/errors';
import { EventEnvelope, taskStream } from '@taskledger/events';
import { EventStore, RecordedEvent } from '@taskledger/event-store';
import { readLegacyState } from './legacy-db';
import { LegacyWarning } from './legacy-history';
import { planLegacyImport } from './legacy-plan';
import { appendMissing, missingEvents } from './stream-append';
import { checkTimeZone, naiveLocalToUtc } from './local-time';

export interface LegacyImportOptions {
  /** The task_execution.db to read (opened read-only). */
  path: string;
  /** IANA zone the file's naive local times are in. */
  timeZone: string;
  /** Plan and report, append nothing. */
  dryRun?: boolean;
  correlationId: string;
}

export interface PlannedEventLine {
  stream: string;
  type: string;
  occurredAt: string;
}

export interface LegacyImportSummary {
  path: string;
  timeZone: string;
  dryRun: boolean;
  tasks: number;
  /** Events the file implies. */
  events: number;
  /** Events appended now (for a dry run: that would be appended). */
  appended: number;
  /** Events already in the ledger from an earlier import (or a registration it already had). */
  alreadyPresent: number;
  warnings: LegacyWarning[];
  /** The events appended (or, for a dry run, to be appended), oldest first. */
  recorded: PlannedEventLine[];
}

const BACKLOG_EVENTS = new Set(['TaskRegistered', 'TaskDefinitionChanged', 'TaskRemovedFromBacklog']);

/** A registration is not repeated for a task the ledger already registered (from a backlog, say). */
const keepRegistration = (event: EventEnvelope, history: readonly RecordedEvent[]): boolean =>
  event.type !== 'TaskRegistered' || !history.some((recorded) => recorded.type === 'TaskRegistered');

/** Execution events of another origin: importing older runs behind them would reorder the task's history. */
const foreignRuns = (history: readonly RecordedEvent[], ours: ReadonlySet<string>): boolean =>
  history.some((event) => !BACKLOG_EVENTS.has(event.type) && !ours.has(event.id));

const refuse = (path: string, taskIds: string[]): TaskledgerError =>
  new TaskledgerError(
    'InvalidArgument',
    `the ledger already has executions of ${taskIds.slice(0, 10).join(', ')}${taskIds.length > 10 ? ', …' : ''} ` +
      `not imported from ${path}; import legacy state into a ledger that has not run these tasks (a new TASKLEDGER_EVENT_STORE)`,
    { taskIds },
  );

/**
 * Records the original scripts' state database as events with their original (UTC) times.
 * Idempotent: event ids derive from the rows, so a second import appends nothing, and an
 * interrupted one is completed by the next. Refuses, before appending anything, when a task
 * already has executions the file did not produce.
 */
export const importLegacyState = async (
  store: EventStore,
  options: LegacyImportOptions,
): Promise<LegacyImportSummary> => {
  const timeZone = checkTimeZone(options.timeZone);
  const state = readLegacyState(options.path);
  const plan = planLegacyImport(state, {
    path: options.path,
    timeZone,
    toUtc: (text) => naiveLocalToUtc(text, timeZone),
    context: { correlationId: options.correlationId },
  });
  const streams = [...plan.tasks].map(([taskId, events]) => ({ taskId, stream: taskStream(taskId), events }));
  const conflicts: string[] = [];
  let events = 0;
  const missing = new Map<string, EventEnvelope[]>();
  for (const { taskId, stream, events: planned } of streams) {
    events += planned.length;
    const history = await store.readStream(stream);
    if (foreignRuns(history, new Set(planned.map((event) => event.id)))) conflicts.push(taskId);
    missing.set(stream, missingEvents(history, planned, keepRegistration));
  }
  if (conflicts.length > 0) throw refuse(options.path, conflicts);
  let appended = 0;
  if (!options.dryRun) {
    for (const { stream, events: planned } of streams)
      appended += await appendMissing(store, stream, planned, keepRegistration);
  } else appended = [...missing.values()].reduce((sum, list) => sum + list.length, 0);
  const recorded = [...missing]
    .flatMap(([stream, list]) =>
      list.map((event) => ({ stream, type: event.type, occurredAt: event.metadata.occurredAt })),
    )
    .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  return {
    path: options.path,
    timeZone,
    dryRun: Boolean(options.dryRun),
    tasks: plan.tasks.size,
    events,
    appended,
    alreadyPresent: events - appended,
    warnings: plan.warnings,
    recorded,
  };
};
