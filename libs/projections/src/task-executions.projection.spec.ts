import {
  abandoned,
  attemptFailed,
  completed,
  definitionChanged,
  executionFailed,
  executionIdFor,
  leaseRenewed,
  progressReported,
  registered,
  removedFromBacklog,
  retryScheduled,
  skipped,
  started,
  stateReset,
} from '@taskledger/events/testing';
import { given } from '../test/given';
import { at } from './testing';
import { taskExecutionsProjection as projection } from './task-executions.projection';

const T = 'B-049';
const second = executionIdFor(2);
const failedOnce = [registered(T), started(T), attemptFailed(T), retryScheduled(T)];

describe('task_executions read model', () => {
  describe('given a registered task', () => {
    it('is pending with its definition', () =>
      given(projection, [
        registered(T, { title: 'Parse backlog', priority: 'critical', points: 5, dependencies: ['B-001'] }),
      ]).then(T, {
        id: T,
        taskId: T,
        title: 'Parse backlog',
        priority: 'critical',
        points: 5,
        dependencies: ['B-001'],
        backlogStatus: 'todo',
        humanRequired: false,
        registered: true,
        registeredAt: '2026-01-01T00:00:00.000Z',
        status: 'pending',
        currentExecution: null,
        updatedAt: '2026-01-01T00:00:00.000Z',
      }));

    it('applies a definition diff field by field', () =>
      given(projection, [registered(T)])
        .when(
          definitionChanged(T, [
            { field: 'priority', from: 'high', to: 'low' },
            { field: 'humanRequired', from: false, to: true },
            { field: 'humanReason', from: null, to: 'needs a token' },
          ]),
        )
        .then(T, { priority: 'low', humanRequired: true, humanReason: 'needs a token', title: 'Sample task' }));

    it('keeps the rank of its priority (critical 0 .. low 3, unknown 4) for sorting, through changes', () => {
      expect(given(projection, [registered(T, { priority: 'critical' })]).doc(T).priorityRank).toBe(0);
      expect(
        given(projection, [registered(T, { priority: 'high' })])
          .when(definitionChanged(T, [{ field: 'priority', from: 'high', to: 'low' }]))
          .doc(T).priorityRank,
      ).toBe(3);
      expect(given(projection, [started(T)]).doc(T).priorityRank).toBe(4);
    });

    it('ignores changes to fields it does not keep and values of the wrong shape', () => {
      const { doc } = given(projection, [registered(T)]).when(
        definitionChanged(T, [
          { field: 'estHours', from: null, to: 3 },
          { field: 'points', from: 3, to: 'many' },
          { field: '__proto__', from: null, to: { polluted: true } },
        ]),
      );
      expect(doc(T)).toMatchObject({ points: 3 });
      expect(doc(T)).not.toHaveProperty('estHours');
      expect(Object.getPrototypeOf(doc(T))).toBe(Object.prototype);
    });

    it('marks a task removed from the backlog and keeps its history', () =>
      given(projection, [registered(T), started(T), completed(T)])
        .when(removedFromBacklog(T))
        .then(T, {
          removedFromBacklog: true,
          status: 'completed',
        }));

    it('replaces the definition when the task re-appears, keeping the execution state', () =>
      given(projection, [registered(T), started(T), completed(T), removedFromBacklog(T)])
        .when(registered(T, { title: 'Back again', priority: 'low' }))
        .then(T, {
          removedFromBacklog: false,
          title: 'Back again',
          priority: 'low',
          status: 'completed',
          registeredAt: '2026-01-01T00:00:00.000Z',
        }));
  });

  describe('when an execution runs', () => {
    it('is running with the current attempt, its lease and progress', () =>
      given(projection, [registered(T)])
        .when(
          started(T, { leaseExpiresAt: '2026-01-01T02:05:00+02:00' }),
          progressReported(T, { progress: 0.4, message: 'compiling' }),
        )
        .then(T, {
          status: 'running',
          startedAt: '2026-01-01T00:00:01.000Z',
          executions: 1,
          currentExecution: {
            executionId: executionIdFor(1),
            attempt: 1,
            startedAt: '2026-01-01T00:00:01.000Z',
            attemptStartedAt: '2026-01-01T00:00:01.000Z',
            progress: 0.4,
            message: 'compiling',
            leaseExpiresAt: '2026-01-01T00:05:00.000Z',
            timeoutMs: null,
            runner: { kind: 'shell', host: 'host-1' },
            nextAttemptAt: null,
          },
        }));

    it('moves the lease when it is renewed', () =>
      given(projection, [registered(T), started(T)])
        .when(leaseRenewed(T, { leaseExpiresAt: '2026-01-01T00:10:00.000Z' }))
        .then(T, { currentExecution: expect.objectContaining({ leaseExpiresAt: '2026-01-01T00:10:00.000Z' }) }));

    it('ignores progress reported for another execution', () =>
      given(projection, [registered(T), started(T)])
        .when(progressReported(T, { executionId: second, progress: 0.9 }))
        .then(T, { currentExecution: expect.objectContaining({ progress: 0 }) }));

    it('records the completed attempt as the execution time', () =>
      given(projection, [registered(T), started(T)])
        .when(completed(T, { durationMs: 4321, exitCode: 0 }))
        .then(T, {
          status: 'completed',
          completedAt: '2026-01-01T00:00:02.000Z',
          executionTimeMs: 4321,
          exitCode: 0,
          currentExecution: expect.objectContaining({ progress: 1, leaseExpiresAt: null }),
        }));
  });

  describe('when an attempt fails', () => {
    it('is retrying with the last error and the retry counted', () =>
      given(projection, failedOnce).then(T, {
        status: 'retrying',
        retryCount: 1,
        totalRetries: 1,
        lastError: {
          message: 'process exited with code 1',
          type: 'exit',
          category: 'execution',
          severity: 'medium',
          exitCode: 1,
          executionId: executionIdFor(1),
          attempt: 1,
          at: '2026-01-01T00:00:02.000Z',
        },
        currentExecution: expect.objectContaining({ leaseExpiresAt: null, nextAttemptAt: '2030-01-01T00:00:00.000Z' }),
      }));

    it('keeps the execution start when the next attempt starts', () =>
      given(projection, failedOnce)
        .when(started(T, { attempt: 2 }))
        .then(T, {
          status: 'running',
          startedAt: '2026-01-01T00:00:01.000Z',
          retryCount: 1,
          executions: 1,
          currentExecution: expect.objectContaining({
            attempt: 2,
            startedAt: '2026-01-01T00:00:01.000Z',
            attemptStartedAt: '2026-01-01T00:00:04.000Z',
          }),
        }));

    it('is failed with the reason when the execution gives up', () =>
      given(projection, [registered(T), started(T), attemptFailed(T)])
        .when(executionFailed(T, { reason: 'not-retryable', category: 'permission', message: 'denied' }))
        .then(T, {
          status: 'failed',
          completedAt: '2026-01-01T00:00:03.000Z',
          failure: { reason: 'not-retryable', category: 'permission', message: 'denied' },
        }));

    it('clears the lease of an abandoned attempt', () =>
      given(projection, [registered(T), started(T)])
        .when(abandoned(T), attemptFailed(T, { error: { type: 'abandoned' } }))
        .then(T, {
          currentExecution: expect.objectContaining({ leaseExpiresAt: null }),
          lastError: expect.objectContaining({ type: 'abandoned' }),
        }));

    it('starts counting retries again for a new execution but keeps the life total', () =>
      given(projection, [...failedOnce, started(T, { attempt: 2 }), executionFailed(T, { attempt: 2 })])
        .when(started(T, { executionId: second }))
        .then(T, {
          status: 'running',
          retryCount: 0,
          totalRetries: 1,
          executions: 2,
          failure: null,
          completedAt: null,
        }));
  });

  describe('when a run skips or resets the task', () => {
    it('is skipped with the reason and the missing dependencies', () =>
      given(projection, [registered(T)])
        .when(skipped(T, { reason: 'dependencies-unmet', missing: ['B-001'], message: 'B-001 is not done' }))
        .then(T, {
          status: 'skipped',
          skip: { reason: 'dependencies-unmet', missing: ['B-001'], message: 'B-001 is not done' },
        }));

    it('is pending again after a reset, without a current execution', () =>
      given(projection, [...failedOnce, started(T, { attempt: 2 }), executionFailed(T, { attempt: 2 })])
        .when(stateReset(T))
        .then(T, {
          status: 'pending',
          currentExecution: null,
          startedAt: null,
          completedAt: null,
          failure: null,
          retryCount: 0,
          totalRetries: 1,
        }));
  });

  describe('given events in any offset', () => {
    it('stores UTC times and the time of the last event as updatedAt', () =>
      given(projection, [registered(T)])
        .when(at('2026-03-01T12:00:00+02:00', started(T)))
        .then(T, { updatedAt: '2026-03-01T10:00:00.000Z', startedAt: '2026-03-01T10:00:00.000Z' }));
  });

  describe('given execution events before any registration', () => {
    it('keeps the execution state under a placeholder definition', () =>
      given(projection, [started(T), completed(T)]).then(T, {
        registered: false,
        title: T,
        priority: 'unknown',
        status: 'completed',
      }));
  });
});
