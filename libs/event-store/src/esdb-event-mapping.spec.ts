import { isTaskledgerError } from '@taskledger/errors';
import { EventEnvelope } from '@taskledger/events';
import { completed, envelopes, registered, testUuid } from '@taskledger/events/testing';
import { ClientRecord, firstMismatch, toEventData, toRecordedEvent } from './esdb-event-mapping';

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

const position = { commit: 4200n, prepare: 4200n };
const recordOf = (envelope: EventEnvelope, overrides: Partial<ClientRecord> = {}): ClientRecord => ({
  streamId: 'task-B-1',
  id: envelope.id,
  revision: 3n,
  type: envelope.type,
  data: envelope.data,
  metadata: envelope.metadata,
  isJson: true,
  position,
  ...overrides,
});

describe('esdb event mapping', () => {
  const [event] = envelopes([completed('B-1')]);

  it('sends an envelope as a JSON event with its own id and our metadata as JSON metadata', () => {
    expect(toEventData(event!)).toEqual({
      id: event!.id,
      contentType: 'application/json',
      type: 'TaskExecutionCompleted',
      data: event!.data,
      metadata: event!.metadata,
    });
  });

  it('reads a recorded event back as the envelope plus where it sits', () => {
    expect(toRecordedEvent({ event: recordOf(event!) })).toEqual({
      ...event,
      streamName: 'task-B-1',
      revision: 3,
      position,
    });
  });

  it('upcasts an event written at an older schema version, as decodeEvent does', () => {
    const v1 = recordOf(event!, {
      data: { taskId: 'B-1', executionId: testUuid(8), attempt: 1, durationSeconds: 2 },
      metadata: { ...event!.metadata, schemaVersion: 1 },
    });
    expect(toRecordedEvent({ event: v1 })).toMatchObject({
      data: { durationMs: 2000 },
      metadata: { schemaVersion: 2 },
    });
  });

  it('skips a resolved link whose event is gone', () => {
    expect(toRecordedEvent({})).toBeNull();
  });

  it('reports an unknown type as UndecodableEvent carrying its location', () => {
    const error = thrown(() => toRecordedEvent({ event: recordOf(event!, { type: 'SomethingFromTheFuture' }) }));
    expect(isTaskledgerError(error, 'UndecodableEvent')).toBe(true);
    expect((error as { details: unknown }).details).toMatchObject({
      streamName: 'task-B-1',
      revision: 3,
      position,
      reason: 'unknown-type',
    });
  });

  it('reports binary data or metadata as UndecodableEvent', () => {
    const binary = recordOf(event!, { isJson: false, data: new Uint8Array([1]) });
    const rawMetadata = recordOf(event!, { metadata: new Uint8Array([1]) });
    expect(
      isTaskledgerError(
        thrown(() => toRecordedEvent({ event: binary })),
        'UndecodableEvent',
      ),
    ).toBe(true);
    expect(
      isTaskledgerError(
        thrown(() => toRecordedEvent({ event: rawMetadata })),
        'UndecodableEvent',
      ),
    ).toBe(true);
  });

  it('refuses events without a real $all position (servers before 22.6)', () => {
    const unknown = recordOf(event!, { position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } });
    expect(
      isTaskledgerError(
        thrown(() => toRecordedEvent({ event: unknown })),
        'StoreUnavailable',
      ),
    ).toBe(true);
    expect(
      isTaskledgerError(
        thrown(() => toRecordedEvent({ event: recordOf(event!, { position: undefined }) })),
        'StoreUnavailable',
      ),
    ).toBe(true);
  });

  it('finds the first event whose stored copy differs from what was sent', () => {
    const batch = envelopes([registered('B-2'), completed('B-2')]);
    const stored = batch.map((sent, index) => toRecordedEvent({ event: recordOf(sent, { revision: BigInt(index) }) })!);
    const altered = { ...batch[1]!, data: { ...batch[1]!.data, attempt: 9 } } as EventEnvelope;
    expect(firstMismatch(batch, stored)).toBeNull();
    expect(firstMismatch([batch[0]!, altered], stored)).toBe(altered);
    expect(firstMismatch(batch, stored.slice(0, 1))).toBe(batch[1]);
  });
});
