import type { EventStore } from '@taskledger/event-store';
import { EventContext, taskStream, toEnvelopes } from '@taskledger/events';
import {
  ClassifierTable,
  reclassificationEventId,
  ReclassificationSummary,
  reclassifications,
  reclassifiedEvent,
  recordedFailures,
  summariseReclassification,
  Reclassification,
} from '@taskledger/execution';
import { readEventsOfTypes } from './read-events';

/** What `reclassify` found and did: the summary of changes, and how many events it appended. */
export interface ReclassifyResult extends ReclassificationSummary {
  dryRun: boolean;
  /** ErrorReclassified events appended: 0 on a dry run, and when every failure already matches the rules. */
  appended: number;
}

export interface ReclassifyOptions {
  /** Report only; append nothing. */
  dryRun: boolean;
  /** Who appends (actor, correlation id, clock); event ids are derived, not drawn. */
  context: EventContext;
}

const byTask = (changes: readonly Reclassification[]): Map<string, Reclassification[]> => {
  const tasks = new Map<string, Reclassification[]>();
  for (const change of changes) tasks.set(change.failure.taskId, [...(tasks.get(change.failure.taskId) ?? []), change]);
  return tasks;
};

const append = async (
  eventStore: EventStore,
  changes: readonly Reclassification[],
  hash: string,
  context: EventContext,
) => {
  for (const [taskId, ofTask] of byTask(changes)) {
    const envelopes = toEnvelopes(
      ofTask.map((change) => reclassifiedEvent(change, hash)),
      context,
    ).map((envelope, index) => ({
      ...envelope,
      id: reclassificationEventId(ofTask[index]?.failure.failureEventId ?? '', hash),
    }));
    await eventStore.append(taskStream(taskId), envelopes, { expectedRevision: 'any' });
  }
};

/**
 * Runs the rule table over every recorded failure's raw facts. Unless `dryRun`, appends one
 * ErrorReclassified per failure whose category, severity or rule changes, to the failure's task
 * stream; history is never rewritten. A second run with the same rules finds nothing to change.
 */
export const reclassify = async (
  eventStore: EventStore,
  table: ClassifierTable,
  options: ReclassifyOptions,
): Promise<ReclassifyResult> => {
  const events = await readEventsOfTypes(eventStore, ['TaskAttemptFailed', 'ErrorReclassified']);
  const failures = recordedFailures(events);
  const changes = reclassifications(failures, table);
  const summary = summariseReclassification(failures.length, changes, table);
  if (!options.dryRun) await append(eventStore, changes, summary.rules.hash, options.context);
  return { dryRun: options.dryRun, ...summary, appended: options.dryRun ? 0 : changes.length };
};
