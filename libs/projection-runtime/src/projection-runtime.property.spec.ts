import fc from 'fast-check';
import { EventStore, MemoryEventStore, Subscription, SubscribeOptions } from '@taskledger/event-store';
import { appendInOrder } from '@taskledger/event-store/testing';
import { AnyProjection, Doc, ProjectedEvent, readModels } from '@taskledger/projections';
import { arbitraryHistory, foldAll, serialiseDocs } from '@taskledger/projections/testing';
import { MemoryReadStore, ReadStore } from '@taskledger/read-store';
import { failingCommits } from '../test/flaky-read-store';
import { ProjectionRuntime } from './projection-runtime';

const runs = { numRuns: 40 };

const storedDocs = async (store: ReadStore, projection: AnyProjection): Promise<string> => {
  const { items } = await store.find<Doc>(projection.name);
  return serialiseDocs(new Map(items.map((doc) => [doc.id, doc])));
};

const expectSameAsOnePassFold = async (store: ReadStore, events: readonly ProjectedEvent[]) => {
  for (const projection of readModels)
    expect(await storedDocs(store, projection)).toBe(serialiseDocs(foldAll(projection, events)));
};

/** Delivers every event from the first again, whatever the checkpoint: an at-least-once source. */
const redeliveringFromStart = (inner: EventStore): EventStore =>
  Object.assign(Object.create(inner) as EventStore, {
    subscribeToAll: (options: SubscribeOptions = {}): Subscription =>
      inner.subscribeToAll({ ...options, fromPosition: 'start' }),
  });

/** Restarts a crashed runtime, as a supervisor would, until a catch-up completes. */
const catchUpAfterCrashes = async (runtime: () => ProjectionRuntime, crashes: number) => {
  for (let restart = 0; ; restart += 1) {
    try {
      return await runtime().catchUp();
    } catch (error) {
      if (restart >= crashes || !String(error).includes('simulated crash')) throw error;
    }
  }
};

describe('projection runtime over any valid history', () => {
  it('gives the one-pass fold, whatever the batch sizes, stop points and crashes before commit', () =>
    fc.assert(
      fc.asyncProperty(
        arbitraryHistory(),
        fc.array(fc.nat({ max: 80 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 9 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 4 }),
        async (events, stops, batchSize, crashes) => {
          const eventStore = new MemoryEventStore();
          const readStore = new MemoryReadStore();
          const flaky = failingCommits(readStore, new Set(crashes));
          let appended = 0;
          for (const stop of [...stops.sort((a, b) => a - b), events.length]) {
            await appendInOrder(eventStore, events.slice(appended, Math.max(stop, appended)));
            appended = Math.max(stop, appended);
            await catchUpAfterCrashes(
              () => new ProjectionRuntime({ eventStore, readStore: flaky, projections: readModels, batchSize }),
              crashes.length,
            );
          }
          await new ProjectionRuntime({ eventStore, readStore, projections: readModels, batchSize }).catchUp();
          await expectSameAsOnePassFold(readStore, events);
        },
      ),
      runs,
    ));

  it('rebuilds each read model from zero to byte-identical documents', () =>
    fc.assert(
      fc.asyncProperty(arbitraryHistory(), fc.integer({ min: 1, max: 50 }), async (events, batchSize) => {
        const eventStore = new MemoryEventStore();
        const readStore = new MemoryReadStore();
        await appendInOrder(eventStore, events);
        await new ProjectionRuntime({ eventStore, readStore, projections: readModels, batchSize: 7 }).catchUp();
        const live = await Promise.all(readModels.map((projection) => storedDocs(readStore, projection)));
        for (const projection of readModels) {
          await new ProjectionRuntime({ eventStore, readStore, projections: readModels, batchSize }).rebuild(
            projection.name,
          );
        }
        expect(await Promise.all(readModels.map((projection) => storedDocs(readStore, projection)))).toEqual(live);
      }),
      runs,
    ));

  it('changes nothing when an already-processed prefix is delivered again', () =>
    fc.assert(
      fc.asyncProperty(arbitraryHistory(), async (events) => {
        const eventStore = new MemoryEventStore();
        const readStore = new MemoryReadStore();
        await appendInOrder(eventStore, events);
        await new ProjectionRuntime({ eventStore, readStore, projections: readModels }).catchUp();
        await new ProjectionRuntime({
          eventStore: redeliveringFromStart(eventStore),
          readStore,
          projections: readModels,
        }).catchUp();
        await expectSameAsOnePassFold(readStore, events);
      }),
      runs,
    ));
});
