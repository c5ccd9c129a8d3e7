import { EventEnvelope, validateEnvelope } from '@taskledger/events';
import {
  attemptFailed,
  envelopes,
  executionFailed,
  executionIdFor,
  registered,
  started,
  testContext,
} from '@taskledger/events/testing';
import { ClassifierTable } from './error-classifier';
import {
  reclassificationEventId,
  reclassifications,
  reclassifiedEvent,
  recordedFailures,
  rulesHash,
  summariseReclassification,
} from './reclassification';

const table: ClassifierTable = {
  version: 3,
  rules: [
    { id: 'reset', description: '', match: { text: 'ECONNRESET' }, category: 'network', severity: 'low' },
    { id: 'denied', description: '', match: { exitCodes: [126] }, category: 'permission', severity: 'critical' },
    { id: 'other', description: '', match: {}, category: 'execution', severity: 'medium' },
  ],
};

const failure = (attempt: number, message: string, exitCode: number) =>
  attemptFailed('B-1', {
    attempt,
    error: { message, exitCode },
    classification: { category: 'execution', severity: 'medium', ruleId: 'nonzero-exit' },
  });

const ledger = (): EventEnvelope[] =>
  envelopes([
    registered('B-1'),
    started('B-1'),
    failure(1, 'read ECONNRESET while downloading', 1),
    failure(2, 'read ECONNRESET again', 1),
    failure(3, 'permission denied', 126),
    failure(4, 'plain failure', 1),
    executionFailed('B-1', { attempt: 4 }),
  ]);

describe('re-classifying recorded failures with another rule table', () => {
  it('finds the failures the table classifies otherwise, and counts them by old and new category and severity', () => {
    const failures = recordedFailures(ledger());
    const changes = reclassifications(failures, table);
    const summary = summariseReclassification(failures.length, changes, table);
    expect(summary).toMatchObject({
      rules: { hash: rulesHash(table), version: 3, count: 3 },
      failures: 4,
      changed: 4,
      categories: [
        { from: 'execution', to: 'network', count: 2 },
        { from: 'execution', to: 'execution', count: 1 },
        { from: 'execution', to: 'permission', count: 1 },
      ],
      severities: [
        { from: 'medium', to: 'low', count: 2 },
        { from: 'medium', to: 'critical', count: 1 },
      ],
    });
    expect(summary.examples.map((example) => [example.attempt, example.to.ruleId])).toEqual([
      [1, 'reset'],
      [2, 'reset'],
      [3, 'denied'],
      [4, 'other'],
    ]);
  });

  it('finds nothing more to change once its ErrorReclassified events are in the log', () => {
    const log = ledger();
    const hash = rulesHash(table);
    const events = reclassifications(recordedFailures(log), table).map((change) => reclassifiedEvent(change, hash));
    const after = [...log, ...envelopes(events, testContext({ firstId: 100 }))];
    expect(reclassifications(recordedFailures(after), table)).toEqual([]);
    expect(recordedFailures(after).map((failure) => failure.classification.category)).toEqual([
      'network',
      'network',
      'permission',
      'execution',
    ]);
  });

  it('writes valid events naming the failure, both classifications and the rules hash', () => {
    const log = ledger();
    const [change] = reclassifications(recordedFailures(log), table);
    const event = reclassifiedEvent(change!, rulesHash(table));
    const [envelope] = envelopes([event]);
    expect(() =>
      validateEnvelope({ ...envelope!, id: reclassificationEventId(log[2]!.id, rulesHash(table)) }),
    ).not.toThrow();
    expect(event.data).toMatchObject({
      taskId: 'B-1',
      executionId: executionIdFor(1),
      attempt: 1,
      failureEventId: log[2]!.id,
      failedAt: log[2]!.metadata.occurredAt,
      from: { category: 'execution', ruleId: 'nonzero-exit' },
      to: { category: 'network', severity: 'low', ruleId: 'reset', classifierVersion: 3 },
    });
  });

  it('derives the same event id from the same failure and rules, and another for other rules', () => {
    const id = reclassificationEventId('00000000-0000-4000-8000-000000000001', rulesHash(table));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reclassificationEventId('00000000-0000-4000-8000-000000000001', rulesHash(table))).toBe(id);
    expect(
      reclassificationEventId('00000000-0000-4000-8000-000000000001', rulesHash({ ...table, version: 4 })),
    ).not.toBe(id);
  });

  it('hashes the rules, not the layout of the file: key order does not matter', () => {
    const reordered = JSON.parse(
      JSON.stringify({
        rules: table.rules.map(({ severity, category, match, description, id }) => ({
          severity,
          category,
          match,
          description,
          id,
        })),
        version: 3,
      }),
    );
    expect(rulesHash(reordered)).toBe(rulesHash(table));
  });
});
