import { attemptFailed, errorReclassified, executionIdFor, testUuid } from '@taskledger/events/testing';
import { given } from '../test/given';
import { errorStatisticsProjection as projection } from './error-statistics.projection';

const T = 'B-010';
const failedAt = '2026-01-01T00:00:00.000Z';
const history = [
  attemptFailed(T, {
    error: { message: 'boom', type: 'exit' },
    classification: { category: 'execution', severity: 'medium', ruleId: 'nonzero-exit' },
  }),
  attemptFailed(T, {
    attempt: 2,
    error: { message: 'boom again', type: 'exit' },
    classification: { category: 'execution', severity: 'medium', ruleId: 'nonzero-exit' },
  }),
];
const toNetwork = errorReclassified(T, {
  executionId: executionIdFor(1),
  attempt: 1,
  failureEventId: testUuid(1),
  failedAt,
  errorType: 'exit',
  errorMessage: 'boom',
  from: { category: 'execution', severity: 'medium', ruleId: 'nonzero-exit', classifierVersion: 2 },
  to: { category: 'network', severity: 'high', ruleId: 'flaky-net', classifierVersion: 3 },
});

describe('error_statistics after an ErrorReclassified', () => {
  it('counts the failure under its new category and severity, the total unchanged', () =>
    given(projection, history)
      .when(toNetwork)
      .then('_global', {
        totalErrors: 2,
        byCategory: expect.objectContaining({ execution: 1, network: 1 }),
        bySeverity: expect.objectContaining({ medium: 1, high: 1 }),
      }));

  it('moves the failure from the old category document to the new one, at the hour it happened', () => {
    const outcome = given(projection, history).when(toNetwork);
    outcome.then('category:execution', {
      totalErrors: 1,
      byType: [{ type: 'exit', count: 1 }],
      bySeverity: expect.objectContaining({ medium: 1, high: 0 }),
      hourly: { '2026-01-01T00': 1 },
    });
    expect(outcome.doc('category:execution').fingerprints.map((stat) => stat.example)).toEqual(['boom again']);
    expect(outcome.doc('category:network').fingerprints.map((stat) => [stat.example, stat.category])).toEqual([
      ['boom', 'network'],
    ]);
    outcome.then('category:network', {
      totalErrors: 1,
      byCategory: expect.objectContaining({ network: 1, execution: 0 }),
      bySeverity: expect.objectContaining({ high: 1 }),
      byType: [{ type: 'exit', count: 1 }],
      hourly: { '2026-01-01T00': 1 },
      daily: { '2026-01-01': 1 },
      firstErrorAt: failedAt,
      lastErrorAt: failedAt,
    });
  });

  it('moves only the severity when the category stays', () => {
    const severityOnly = errorReclassified(T, {
      ...toNetwork.data,
      to: { category: 'execution', severity: 'critical', ruleId: 'fatal', classifierVersion: 3 },
    });
    const outcome = given(projection, history).when(severityOnly);
    outcome.then('category:execution', {
      totalErrors: 2,
      bySeverity: expect.objectContaining({ medium: 1, critical: 1 }),
    });
    outcome.then('_global', { bySeverity: expect.objectContaining({ medium: 1, critical: 1 }) });
  });

  it('follows a second re-classification from where the first left the failure', () => {
    const back = errorReclassified(T, {
      ...toNetwork.data,
      from: toNetwork.data.to,
      to: { category: 'timeout', severity: 'low', ruleId: 'slow', classifierVersion: 4 },
    });
    const outcome = given(projection, history).when(toNetwork, back);
    outcome.then('_global', { byCategory: expect.objectContaining({ execution: 1, network: 0, timeout: 1 }) });
    outcome.then('category:network', { totalErrors: 0, hourly: {}, byType: [] });
    outcome.then('category:timeout', { totalErrors: 1, mostCommonCategory: 'timeout' });
  });
});
