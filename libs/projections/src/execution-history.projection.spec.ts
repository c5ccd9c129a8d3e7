import { given } from '../test/given';
import { executionHistoryProjection as projection } from './execution-history.projection';
import { at, toProjected } from './testing';
import {
  abandoned,
  attemptFailed,
  completed,
  definitionChanged,
  executionFailed,
  executionIdFor,
  leaseRenewed,
  progressReported,
  recoveryAttempted,
  registered,
  removedFromBacklog,
  retryScheduled,
  skipped,
  started,
  stateReset,
  testUuid,
} from '@taskledger/events/testing';
import { foldAll } from './testing/fold-harness';

const T = 'B-072';

describe('execution_history read model', () => {
  describe('given a task lifecycle', () => {
    const lifecycle = [
      registered(T),
      started(T),
      progressReported(T),
      attemptFailed(T),
      recoveryAttempted(T),
      retryScheduled(T),
      started(T, { attempt: 2 }),
      abandoned(T, { attempt: 2 }),
      attemptFailed(T, { attempt: 2, error: { type: 'abandoned' } }),
      executionFailed(T, { attempt: 2 }),
      skipped(T),
      stateReset(T),
      started(T, { executionId: executionIdFor(2) }),
      completed(T, { executionId: executionIdFor(2) }),
    ];

    it('keeps one document per lifecycle event, keyed by the event id, with its status', () => {
      const docs = foldAll(projection, toProjected(lifecycle));
      expect([...docs.values()].map((doc) => [doc.id, doc.status])).toEqual([
        [testUuid(1), 'registered'],
        [testUuid(2), 'running'],
        [testUuid(3), 'progress'],
        [testUuid(4), 'attempt_failed'],
        [testUuid(5), 'recovery'],
        [testUuid(6), 'retrying'],
        [testUuid(7), 'running'],
        [testUuid(8), 'abandoned'],
        [testUuid(9), 'attempt_failed'],
        [testUuid(10), 'failed'],
        [testUuid(11), 'skipped'],
        [testUuid(12), 'reset'],
        [testUuid(13), 'running'],
        [testUuid(14), 'completed'],
      ]);
    });

    it('writes nothing for lease renewals and backlog edits', () =>
      expect(
        foldAll(
          projection,
          toProjected([
            leaseRenewed(T),
            definitionChanged(T, [{ field: 'title', from: 'a', to: 'b' }]),
            removedFromBacklog(T),
          ]),
        ).size,
      ).toBe(0));
  });

  describe('when an attempt fails', () => {
    it('says which attempt failed, how, and in which category, with the key facts', () =>
      given(projection, [registered(T), started(T), retryScheduled(T), started(T, { attempt: 2 })])
        .when(
          attemptFailed(T, {
            attempt: 2,
            durationMs: 750,
            classification: { category: 'execution', severity: 'high', ruleId: 'exit-code' },
          }),
        )
        .then(testUuid(5), {
          taskId: T,
          eventType: 'TaskAttemptFailed',
          status: 'attempt_failed',
          message: 'attempt 2 failed: exit code 1 (execution)',
          executionId: executionIdFor(1),
          attempt: 2,
          metadata: {
            executionId: executionIdFor(1),
            attempt: 2,
            durationMs: 750,
            errorType: 'exit',
            exitCode: 1,
            signal: null,
            timedOut: false,
            category: 'execution',
            severity: 'high',
            ruleId: 'exit-code',
          },
        }));

    it('describes a failure without exit code by its signal, timeout or message', () => {
      const { doc } = given(projection).when(
        attemptFailed(T, { error: { exitCode: null, signal: 'SIGTERM' } }),
        attemptFailed(T, { error: { exitCode: null, timedOut: true }, classification: { category: 'timeout' } }),
        attemptFailed(T, { error: { exitCode: null, message: 'ECONNRESET' }, classification: { category: 'network' } }),
      );
      expect([1, 2, 3].map((n) => doc(testUuid(n)).message)).toEqual([
        'attempt 1 failed: signal SIGTERM (execution)',
        'attempt 1 failed: timed out (timeout)',
        'attempt 1 failed: ECONNRESET (network)',
      ]);
    });

    it('cuts a long message to 200 characters', () =>
      expect(
        given(projection)
          .when(attemptFailed(T, { error: { exitCode: null, message: 'x'.repeat(500) } }))
          .doc(testUuid(1)).message,
      ).toHaveLength(200));
  });

  describe('given the envelope of an event', () => {
    it('records its UTC time, correlation, actor and stream position', () =>
      given(projection)
        .when(at('2026-02-01T09:30:00+01:00', completed(T, { durationMs: 1200 })))
        .then(testUuid(1), {
          timestamp: '2026-02-01T08:30:00.000Z',
          message: 'completed on attempt 1 in 1200 ms',
          metadata: { executionId: executionIdFor(1), attempt: 1, durationMs: 1200, exitCode: 0 },
          correlationId: 'test-run',
          causationId: null,
          actor: 'test',
          streamName: `task-${T}`,
          revision: 0,
        }));

    it('says when the next attempt is due after a retry is scheduled', () =>
      given(projection)
        .when(retryScheduled(T, { delayMs: 2000, reason: 'network error' }))
        .then(testUuid(1), {
          message: 'attempt 2 scheduled in 2000 ms (network error)',
          metadata: expect.objectContaining({
            failedAttempt: 1,
            nextAttempt: 2,
            delayMs: 2000,
            notBefore: '2030-01-01T00:00:00.000Z',
          }),
        }));
  });
});
