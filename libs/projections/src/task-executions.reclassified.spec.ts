import {
  attemptFailed,
  errorReclassified,
  executionFailed,
  executionIdFor,
  registered,
  retryScheduled,
  started,
} from '@taskledger/events/testing';
import { given } from '../test/given';
import { taskExecutionsProjection as projection } from './task-executions.projection';

const T = 'B-049';
const execution = executionIdFor(1);
const endedOnFirstAttempt = [
  registered(T),
  started(T),
  attemptFailed(T, { classification: { category: 'execution', severity: 'medium' } }),
  executionFailed(T, { attempt: 1, category: 'execution', reason: 'retries-exhausted' }),
];
const toPermission = errorReclassified(T, {
  executionId: execution,
  attempt: 1,
  to: { category: 'permission', severity: 'high', ruleId: 'no-key', classifierVersion: 3 },
});

describe('task_executions after an ErrorReclassified', () => {
  it('shows the new category and severity on the last error and on the failed execution', () =>
    given(projection, endedOnFirstAttempt)
      .when(toPermission)
      .then(T, {
        status: 'failed',
        lastError: expect.objectContaining({ category: 'permission', severity: 'high', attempt: 1 }),
        failure: expect.objectContaining({ category: 'permission', reason: 'retries-exhausted' }),
      }));

  it('leaves the last error alone when an earlier attempt is re-classified', () =>
    given(projection, [
      registered(T),
      started(T),
      attemptFailed(T, { classification: { category: 'execution', severity: 'medium' } }),
      retryScheduled(T),
      started(T, { attempt: 2 }),
      attemptFailed(T, { attempt: 2, classification: { category: 'timeout', severity: 'medium' } }),
    ])
      .when(toPermission)
      .then(T, { lastError: expect.objectContaining({ category: 'timeout', attempt: 2 }), failure: null }));
});
