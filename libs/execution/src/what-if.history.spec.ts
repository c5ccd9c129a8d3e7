import {
  attemptFailed,
  completed,
  envelopes,
  errorReclassified,
  executionIdFor,
  registered,
  retryScheduled,
  started,
  testUuid,
} from '@taskledger/events/testing';
import { recordedExecutions } from './what-if.history';

describe('recorded executions, as the what-if replay reads them from the log', () => {
  it('collects attempts, recorded retry delays and the end, with re-classifications applied', () => {
    const log = envelopes([
      registered('B-1'),
      started('B-1'),
      attemptFailed('B-1', { classification: { category: 'execution', severity: 'medium' } }),
      retryScheduled('B-1', { delayMs: 250 }),
      started('B-1', { attempt: 2 }),
      completed('B-1', { attempt: 2 }),
      errorReclassified('B-1', {
        failureEventId: testUuid(3),
        to: { category: 'network', severity: 'low', ruleId: 'net', classifierVersion: 3 },
      }),
    ]);
    expect(recordedExecutions(log)).toEqual([
      {
        taskId: 'B-1',
        executionId: executionIdFor(1),
        outcome: 'completed',
        attempts: [
          {
            attempt: 1,
            result: { kind: 'failed', category: 'network', severity: 'low', errorType: 'exit' },
            retryDelayMs: 250,
          },
          { attempt: 2, result: { kind: 'completed' }, retryDelayMs: null },
        ],
      },
    ]);
  });
});
