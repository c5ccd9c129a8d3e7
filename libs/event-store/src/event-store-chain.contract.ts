import { EventEnvelope, eventHash } from '@taskledger/events';
import { EventStore, RecordedEvent } from './event-store.port';

type Context = {
  store: () => EventStore;
  openSecondClient: () => Promise<EventStore>;
  newStream: () => string;
  someEvents: (taskId: string, count: number) => EventEnvelope[];
};

/** Each event's hash recomputed from the one before it in the stream; true when every link holds. */
const linksHold = (events: readonly RecordedEvent[]): boolean =>
  events.every(
    (event, index) => event.metadata.hash === eventHash(event, index === 0 ? null : events[index - 1]!.metadata.hash!),
  );

/** Hash-chain checks every adapter must pass; run from the event store contract. */
export const describeChainContract = (context: Context): void => {
  describe('hash chain', () => {
    it('links every appended event to the one before it in its stream, across batches', async () => {
      const stream = context.newStream();
      await context.store().append(stream, context.someEvents('H-1', 2), { expectedRevision: 'no_stream' });
      await context.store().append(stream, context.someEvents('H-1', 3), { expectedRevision: 1 });
      const read = await context.store().readStream(stream);
      expect(read.map((event) => event.metadata.hash)).toEqual(read.map(() => expect.stringMatching(/^[0-9a-f]{64}$/)));
      expect(read[0]!.metadata.hash).toBe(eventHash(read[0]!, null));
      expect(linksHold(read)).toBe(true);
    });

    it('replaces a hash the writer put in the metadata', async () => {
      const stream = context.newStream();
      const [event] = context.someEvents('H-2', 1);
      const forged = { ...event!, metadata: { ...event!.metadata, hash: 'a'.repeat(64) } } as EventEnvelope;
      await context.store().append(stream, [forged], { expectedRevision: 'no_stream' });
      const [stored] = await context.store().readStream(stream);
      expect(stored!.metadata.hash).toBe(eventHash(event!, null));
    });

    it('keeps the chain whole when two clients append to one stream at once', async () => {
      const other = await context.openSecondClient();
      try {
        const stream = context.newStream();
        const writes = Array.from({ length: 10 }, (_, index) =>
          (index % 2 === 0 ? context.store() : other).append(stream, context.someEvents('H-3', 2), {
            expectedRevision: 'any',
          }),
        );
        await Promise.all(writes);
        const read = await other.readStream(stream);
        expect(read).toHaveLength(20);
        expect(linksHold(read)).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('leaves the stored hashes alone when the same events are appended again', async () => {
      const stream = context.newStream();
      const events = context.someEvents('H-4', 2);
      await context.store().append(stream, events, { expectedRevision: 'no_stream' });
      const before = await context.store().readStream(stream);
      await context.store().append(stream, events, { expectedRevision: 'no_stream' });
      const after = await context.store().readStream(stream);
      expect(after.map((event) => event.metadata.hash)).toEqual(before.map((event) => event.metadata.hash));
    });
  });
};
