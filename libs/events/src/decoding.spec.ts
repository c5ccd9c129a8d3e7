import { isTaskledgerError } from '@taskledger/errors';
import { decodeEvent } from './decoding';

import { completed, envelopes, testUuid } from './testing';
import { UpcasterRegistry } from './upcasting';

const at = { streamName: 'task-B-1', revision: 3, position: 42 };

/** A TaskExecutionCompleted exactly as schema version 1 wrote it (duration in seconds). */
const v1Completed = {
  id: testUuid(7),
  type: 'TaskExecutionCompleted',
  data: { taskId: 'B-1', executionId: testUuid(8), attempt: 2, durationSeconds: 1.5 },
  metadata: {
    occurredAt: '2024-08-07T17:00:00.000Z',
    correlationId: 'seed-import',
    causationId: null,
    actor: 'seed',
    schemaVersion: 1,
  },
};

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isTaskledgerError(error, 'UndecodableEvent')) return error;
    throw error;
  }
  throw new Error('expected an UndecodableEvent error');
};

describe('decoding stored events', () => {
  it('returns current-version events as they are', () => {
    const [event] = envelopes([completed('B-1')]);
    expect(decodeEvent(event!, at)).toEqual(event);
  });

  it('upcasts a version 1 completion (seconds) to version 2 (milliseconds)', () => {
    const decoded = decodeEvent(v1Completed, at);
    expect(decoded.data).toEqual({
      taskId: 'B-1',
      executionId: testUuid(8),
      attempt: 2,
      durationMs: 1500,
      exitCode: null,
    });
    expect(decoded.metadata.schemaVersion).toBe(2);
    expect(decoded.metadata.occurredAt).toBe('2024-08-07T17:00:00.000Z');
  });

  it('reports an unknown type with the position so a reader can dead-letter it', () => {
    const error = errorOf(() => decodeEvent({ ...v1Completed, type: 'SomethingFromTheFuture' }, at));
    expect(error.details).toMatchObject({ position: 42, streamName: 'task-B-1', revision: 3, reason: 'unknown-type' });
  });

  it('reports an event written by a newer schema version', () => {
    const newer = { ...v1Completed, metadata: { ...v1Completed.metadata, schemaVersion: 3 } };
    expect(errorOf(() => decodeEvent(newer, at)).details).toMatchObject({ reason: 'newer-version' });
  });

  it('reports a missing upcaster step', () => {
    expect(errorOf(() => decodeEvent(v1Completed, at, new UpcasterRegistry())).details).toMatchObject({
      reason: 'no-upcaster',
    });
  });

  it('reports old data that is still invalid after upcasting', () => {
    const broken = { ...v1Completed, data: { ...v1Completed.data, durationSeconds: 'soon' } };
    expect(errorOf(() => decodeEvent(broken, at)).details).toMatchObject({ reason: 'invalid-data' });
  });

  it('reports an event whose metadata is missing', () => {
    expect(errorOf(() => decodeEvent({ ...v1Completed, metadata: null }, at)).details).toMatchObject({
      reason: 'invalid-data',
    });
  });

  it('refuses two upcasters for the same step', () => {
    const step = { type: 'TaskExecutionCompleted' as const, fromVersion: 1, upcast: (d: Record<string, unknown>) => d };
    expect(() => new UpcasterRegistry([step, step])).toThrow(/already registered/);
  });
});
