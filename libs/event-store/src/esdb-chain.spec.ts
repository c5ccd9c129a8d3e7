import { EventEnvelope, eventHash } from '@taskledger/events';
import { completed, envelopes, registered, testContext } from '@taskledger/events/testing';
import { planChainedAppend } from './esdb-chain';
import { toEventData } from './esdb-event-mapping';
import { RecordedEvent } from './event-store.port';
import { sequencePosition } from './position';

/** Stored events as a backwards read returns them: newest first, each with its hash. */
const storedNewestFirst = (events: readonly EventEnvelope[]): RecordedEvent[] => {
  let previous: string | null = null;
  const stored = events.map((event, revision) => {
    const hash = eventHash(event, previous);
    previous = hash;
    return {
      ...event,
      metadata: { ...event.metadata, hash },
      streamName: 'task-B-1',
      revision,
      position: sequencePosition(revision + 1),
    } as RecordedEvent;
  });
  return stored.reverse();
};

describe('esdb hash chain mapping', () => {
  const earlier = envelopes([registered('B-1'), completed('B-1')]);
  const batch = envelopes(
    [completed('B-1', { attempt: 2 }), completed('B-1', { attempt: 3 })],
    testContext({ firstId: 50 }),
  );
  const recent = storedNewestFirst(earlier);

  it('sends the chain link of each event in its JSON metadata, linked onto the stream head', () => {
    const plan = planChainedAppend(1, recent, batch);
    const sent = plan.events.map((row) => toEventData(row.event));
    const first = eventHash(batch[0]!, recent[0]!.metadata.hash!);
    expect(sent.map((event) => (event.metadata as { hash: string }).hash)).toEqual([
      first,
      eventHash(batch[1]!, first),
    ]);
    expect(sent[0]!.metadata).toMatchObject({ ...batch[0]!.metadata, hash: first });
    expect(sent[0]!.data).toEqual(batch[0]!.data);
  });

  it('starts a new stream, or one written before chaining, from no previous hash', () => {
    const unchained = recent.map((event) => ({ ...event, metadata: { ...event.metadata, hash: undefined } }));
    expect(planChainedAppend('no_stream', [], batch).events[0]!.event.metadata.hash).toBe(eventHash(batch[0]!, null));
    expect(planChainedAppend(1, unchained, batch).events[0]!.event.metadata.hash).toBe(eventHash(batch[0]!, null));
  });

  it('sends an exact expectation as it is, without retrying a conflict', () => {
    expect(planChainedAppend(1, recent, batch)).toMatchObject({ send: 1, retryOnConflict: false });
    expect(planChainedAppend('no_stream', [], batch)).toMatchObject({ send: 'no_stream', retryOnConflict: false });
  });

  it('pins any and stream_exists to the head it chained onto, and retries when another writer moved it', () => {
    expect(planChainedAppend('any', recent, batch)).toMatchObject({ send: 1, retryOnConflict: true });
    expect(planChainedAppend('stream_exists', recent, batch)).toMatchObject({ send: 1, retryOnConflict: true });
    expect(planChainedAppend('any', [], batch)).toMatchObject({ send: 'no_stream', retryOnConflict: true });
    expect(planChainedAppend('stream_exists', [], batch)).toMatchObject({
      send: 'stream_exists',
      retryOnConflict: false,
    });
  });

  it('leaves a re-sent batch to the server with the expectation given, so it stays an idempotent no-op', () => {
    expect(planChainedAppend('any', recent, earlier)).toMatchObject({ send: 'any', retryOnConflict: false });
  });
});
