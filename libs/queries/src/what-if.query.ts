import type { EventStore } from '@taskledger/event-store';
import { recordedExecutions, RetryPoliciesConfig, resolvePolicies, whatIf, WhatIfReport } from '@taskledger/execution';
import { readEventsOfTypes } from './read-events';

const EXECUTION_EVENTS = [
  'TaskExecutionStarted',
  'TaskAttemptFailed',
  'ErrorReclassified',
  'TaskRetryScheduled',
  'TaskExecutionCompleted',
  'TaskExecutionFailed',
] as const;

/**
 * Replays every recorded execution under the built-in retry policies with `overrides` applied (the
 * config file's `retryPolicies` format). Reads the log only; the same log and policies give the same report.
 */
export const whatIfRetryPolicies = async (
  eventStore: EventStore,
  overrides: RetryPoliciesConfig,
): Promise<WhatIfReport> => {
  const events = await readEventsOfTypes(eventStore, EXECUTION_EVENTS);
  return whatIf(recordedExecutions(events), resolvePolicies(overrides));
};
