import {
  attemptFailed,
  completed,
  executionFailed,
  executionIdFor,
  registered,
  retryScheduled,
  started,
} from '@taskledger/events/testing';
import { EventStore, MemoryEventStore } from '@taskledger/event-store';
import { appendInOrder } from '@taskledger/event-store/testing';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { LedgerEvent } from '@taskledger/events';
import { ProjectedEvent, readModels } from '@taskledger/projections';
import { TimedEvent, toProjected } from '@taskledger/projections/testing';
import { MemoryReadStore, ReadStore } from '@taskledger/read-store';

export { parseCsv } from './csv-parse';

export interface Ledger {
  eventStore: EventStore;
  readStore: ReadStore;
}

/** Appends the history in order and catches every read model up, as the projector would. */
export const buildLedger = async (
  events: readonly ProjectedEvent[],
  ledger: Ledger = { eventStore: new MemoryEventStore(), readStore: new MemoryReadStore() },
): Promise<Ledger> => {
  await appendInOrder(ledger.eventStore, events);
  await new ProjectionRuntime({ ...ledger, projections: readModels }).catchUp();
  return ledger;
};

const at = (minute: number, event: LedgerEvent): TimedEvent => ({
  at: new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString(),
  event,
});

/**
 * The query tests' ledger, 16 events: B-1 completes in 400 s; B-2 (after B-1) fails once
 * (network, a message with a comma and quotes) then completes on retry; B-3 fails for good
 * (timeout); B-4 (human-required) never ran; B-5 is running.
 */
export const scenario = (): ProjectedEvent[] => {
  const [e1, e2, e3, e5] = [1, 2, 3, 5].map(executionIdFor) as [string, string, string, string];
  return toProjected([
    at(0, registered('B-1', { priority: 'high', points: 3 })),
    at(1, registered('B-2', { priority: 'medium', points: 1, dependencies: ['B-1'] })),
    at(2, registered('B-3', { priority: 'low', points: 5 })),
    at(
      3,
      registered('B-4', {
        priority: 'critical',
        points: 2,
        dependencies: ['B-2'],
        humanRequired: true,
        humanReason: 'needs keys',
      }),
    ),
    at(4, registered('B-5', { priority: 'medium', points: 8 })),
    at(10, started('B-1', { executionId: e1 })),
    at(17, completed('B-1', { executionId: e1, durationMs: 400_000 })),
    at(20, started('B-2', { executionId: e2 })),
    at(
      21,
      attemptFailed('B-2', {
        executionId: e2,
        error: { message: 'connection refused, "retrying"' },
        classification: { category: 'network', severity: 'high' },
      }),
    ),
    at(21, retryScheduled('B-2', { executionId: e2, failedAttempt: 1, delayMs: 2000 })),
    at(22, started('B-2', { executionId: e2, attempt: 2 })),
    at(23, completed('B-2', { executionId: e2, attempt: 2, durationMs: 2000 })),
    at(30, started('B-3', { executionId: e3 })),
    at(
      31,
      attemptFailed('B-3', {
        executionId: e3,
        error: { message: 'timed out after 60s', exitCode: null, timedOut: true },
        classification: { category: 'timeout', severity: 'medium' },
      }),
    ),
    at(31, executionFailed('B-3', { executionId: e3, category: 'timeout', reason: 'not-retryable' })),
    at(40, started('B-5', { executionId: e5 })),
  ]);
};
