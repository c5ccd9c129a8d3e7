import { EventEnvelope } from '@taskledger/events';
import { LegacyHistoryRow, LegacyState } from './legacy-db';
import { legacyDefinition } from './legacy-definition';
import { LegacyFact, LegacyHistoryWalk, LegacyWarning } from './legacy-history';
import { ImportContext, importedEnvelope } from './imported-event';

/** The actor of every event imported from the original scripts' database. */
export const LEGACY_ACTOR = 'legacy:state_manager.py';
/** The backlog id tasks registered from task_metadata carry. */
export const LEGACY_BACKLOG_ID = 'legacy-state';

export interface LegacyPlan {
  /** Per task id, its events in the order they happened. */
  tasks: Map<string, EventEnvelope[]>;
  warnings: LegacyWarning[];
}

const earliest = (times: ReadonlyArray<string | null>): string | null =>
  times.filter((time): time is string => time !== null).sort()[0] ?? null;

const groupByTask = (rows: readonly LegacyHistoryRow[]): Map<string, LegacyHistoryRow[]> => {
  const byTask = new Map<string, LegacyHistoryRow[]>();
  for (const row of rows) byTask.set(row.task_id, [...(byTask.get(row.task_id) ?? []), row]);
  return byTask;
};

/**
 * Every event the database implies, per task: TaskRegistered from task_metadata (at its
 * `updated_at`, or the first history row if earlier), then each execution_history row's
 * lifecycle events. Times are read as wall-clock times in `timeZone` and carried as UTC.
 */
export const planLegacyImport = (
  state: LegacyState,
  options: { path: string; timeZone: string; toUtc: (text: string) => string | null; context: ImportContext },
): LegacyPlan => {
  const history = groupByTask(state.history);
  const metadata = new Map(state.metadata.map((row) => [row.task_id, row]));
  const current = new Map(state.executions.map((row) => [row.task_id, row]));
  const taskIds = [...new Set([...metadata.keys(), ...history.keys()])];
  const plan: LegacyPlan = { tasks: new Map(), warnings: [] };
  for (const taskId of taskIds) {
    const walk = new LegacyHistoryWalk(taskId, history.get(taskId) ?? [], current.get(taskId), options.toUtc).run();
    const facts: LegacyFact[] = [];
    const row = metadata.get(taskId);
    if (row) {
      const at = earliest([
        row.updated_at === null ? null : options.toUtc(row.updated_at),
        walk.facts[0]?.occurredAt ?? null,
      ]);
      if (at === null) plan.warnings.push({ taskId, row: null, message: 'task_metadata row has no usable time' });
      else
        facts.push({
          key: `legacy-state:${taskId}:metadata`,
          occurredAt: at,
          event: {
            type: 'TaskRegistered',
            data: { taskId, backlogId: LEGACY_BACKLOG_ID, definition: legacyDefinition(row, options.path) },
          },
        });
    } else plan.warnings.push({ taskId, row: null, message: 'no task_metadata row: history imported unregistered' });
    facts.push(...walk.facts);
    plan.warnings.push(...walk.warnings);
    plan.tasks.set(
      taskId,
      facts.map((fact) => importedEnvelope(fact.event, fact.key, fact.occurredAt, LEGACY_ACTOR, options.context)),
    );
  }
  return plan;
};
