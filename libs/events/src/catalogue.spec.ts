import { isTaskledgerError } from '@taskledger/errors';
import { eventTypes, currentSchemaVersion } from './catalogue';
import type { TaskDefinition } from './common.schemas';
import { validateEnvelope } from './validation';
import { completed, envelopes, registered, testUuid } from './testing';

import { streamCategory, streamId, taskStream, backlogStream } from './streams';

type Json = TaskDefinition['meta'][string];

/** `[[...[]...]]`, `depth` arrays deep. */
const nested = (depth: number): Json => {
  let value: Json = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
};

const thrown = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('event catalogue', () => {
  it('names every event of the architecture in past tense, plus lease renewals, re-classifications and ledger checkpoints', () => {
    expect([...eventTypes].sort()).toEqual(
      [
        'BacklogParsed',
        'TaskRegistered',
        'TaskDefinitionChanged',
        'TaskRemovedFromBacklog',
        'TaskExecutionStarted',
        'TaskProgressReported',
        'TaskLeaseRenewed',
        'TaskAttemptFailed',
        'TaskRetryScheduled',
        'TaskExecutionCompleted',
        'TaskExecutionFailed',
        'TaskSkipped',
        'TaskExecutionAbandoned',
        'RecoveryActionAttempted',
        'ExecutionStateReset',
        'ErrorReclassified',
        'LedgerCheckpointed',
      ].sort(),
    );
  });

  describe('validating an envelope before it is appended', () => {
    it('accepts a well-formed event at the current schema version', () => {
      const [event] = envelopes([registered('B-049')]);
      expect(() => validateEnvelope(event!)).not.toThrow();
    });

    it('names the event type and the field path of the first problem', () => {
      const [event] = envelopes([completed('B-049', { durationMs: -5 })]);
      const error = thrown(() => validateEnvelope(event!));
      expect(isTaskledgerError(error, 'InvalidEvent')).toBe(true);
      expect((error as Error).message).toContain('TaskExecutionCompleted');
      expect((error as { details: { path: string } }).details.path).toBe('data.durationMs');
    });

    it('rejects unknown fields instead of silently dropping them', () => {
      const [event] = envelopes([completed('B-1')]);
      const withExtra = { ...event!, data: { ...event!.data, surprise: 1 } };
      expect(() => validateEnvelope(withExtra)).toThrow(/TaskExecutionCompleted.*data/);
    });

    it('rejects an event type that is not in the catalogue', () => {
      expect(() => validateEnvelope({ id: testUuid(1), type: 'TaskExploded', data: {}, metadata: {} })).toThrow(
        /invalid TaskExploded event: type: not an event type/,
      );
    });

    it('rejects an id that is not a UUID', () => {
      const [event] = envelopes([registered('B-1')]);
      expect(() => validateEnvelope({ ...event!, id: 'nope' })).toThrow(/TaskRegistered event: id/);
    });

    it('refuses to write an old schema version', () => {
      const [event] = envelopes([completed('B-1')]);
      const old = { ...event!, metadata: { ...event!.metadata, schemaVersion: 1 } };
      expect(() => validateEnvelope(old)).toThrow(
        /metadata.schemaVersion: is 1; new events must be written at version 2/,
      );
    });

    it('rejects data nested 5,000 deep as an InvalidEvent, without a stack overflow', () => {
      const [event] = envelopes([registered('B-1', { meta: { meta_x: nested(5000) } })]);
      const error = thrown(() => validateEnvelope(event!));
      expect(isTaskledgerError(error, 'InvalidEvent')).toBe(true);
      expect((error as Error).message).toBe('invalid TaskRegistered event: data: nested too deeply to validate');
    });

    it('accepts a definition change from a value 1,000 deep, as ledgers written before the parser limit hold', () => {
      const change = { field: 'meta', from: { meta_x: nested(1000) }, to: { meta_x: '[[...]]' } };
      const [event] = envelopes([
        { type: 'TaskDefinitionChanged' as const, data: { taskId: 'B-1', backlogId: 'b', changes: [change] } },
      ]);
      expect(() => validateEnvelope(event!)).not.toThrow();
    });

    it('stamps envelopes with the current schema version and context', () => {
      const [event] = envelopes([completed('B-1')]);
      expect(event!.metadata).toEqual({
        occurredAt: '2026-01-01T00:00:01.000Z',
        correlationId: 'test-correlation',
        causationId: null,
        actor: 'test',
        schemaVersion: currentSchemaVersion('TaskExecutionCompleted'),
      });
    });
  });

  describe('stream names', () => {
    it('puts tasks and backlogs in their categories, keeping dashes of the id', () => {
      expect(taskStream('B-052-d')).toBe('task-B-052-d');
      expect(streamCategory(taskStream('B-052-d'))).toBe('task');
      expect(streamId(taskStream('B-052-d'))).toBe('B-052-d');
      expect(streamCategory(backlogStream('main'))).toBe('backlog');
      expect(streamCategory('standalone')).toBe('standalone');
    });
  });
});
