import fc from 'fast-check';
import { MemoryEventStore } from '@taskledger/event-store';
import { appendInOrder } from '@taskledger/event-store/testing';
import { AnyProjection, Doc, ProjectedEvent, readModels } from '@taskledger/projections';
import { arbitraryHistory, foldAll, serialiseDocs } from '@taskledger/projections/testing';
import { MemoryReadStore, ReadStore } from '@taskledger/read-store';
import { ProjectionRuntime } from '../projection-runtime';
import { asOfPoint } from './as-of';
import { AsOfMoment } from './as-of-moment';
import { asOfStores } from './as-of-read-models';
import { writeDueSnapshots } from './snapshot-writer';

const storedDocs = async (store: ReadStore, projection: AnyProjection): Promise<string> => {
  const { items } = await store.find<Doc>(projection.name);
  return serialiseDocs(new Map(items.map((doc) => [doc.id, doc])));
};

const timeOf = (event: ProjectedEvent): number => Date.parse(event.metadata.occurredAt);

/** The moment and the prefix it names: position k, or the time of event k (the longest prefix stamped up to it). */
const momentAt = (events: readonly ProjectedEvent[], k: number, byTime: boolean) => {
  if (!byTime) return { moment: { kind: 'position', position: { commit: BigInt(k), prepare: BigInt(k) } }, length: k };
  const time = k === 0 ? timeOf(events[0]!) - 1 : timeOf(events[k - 1]!);
  const later = events.findIndex((event) => timeOf(event) > time);
  return { moment: { kind: 'time', time, text: '' }, length: later === -1 ? events.length : later };
};

describe('as-of over any valid history', () => {
  it('gives every read model exactly as a fresh fold of the prefix, from any snapshots', () =>
    fc.assert(
      fc.asyncProperty(
        arbitraryHistory().filter((events) => events.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 25 }),
        fc.boolean(),
        async (events, pick, every, byTime) => {
          const live = { eventStore: new MemoryEventStore(), readStore: new MemoryReadStore() };
          await appendInOrder(live.eventStore, events);
          await new ProjectionRuntime({ ...live, projections: readModels }).catchUp();
          await writeDueSnapshots(live.eventStore, live.readStore, readModels, { every });
          const { moment, length } = momentAt(events, pick % (events.length + 1), byTime);
          const point = await asOfPoint(live, moment as AsOfMoment, readModels);
          expect(point.position === null ? 0 : Number(point.position.commit)).toBe(length);
          const past = asOfStores(live, point, readModels);
          const prefix = events.slice(0, length);
          for (const projection of readModels)
            expect(await storedDocs(past.readStore, projection)).toBe(serialiseDocs(foldAll(projection, prefix)));
          const read: string[] = [];
          for await (const event of past.eventStore.readAll()) read.push(event.id);
          expect(read).toEqual(prefix.map((event) => event.id));
        },
      ),
      { numRuns: 40 },
    ));
});
