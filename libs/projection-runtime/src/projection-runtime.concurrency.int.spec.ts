import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { ReadStore, SqliteReadStore } from '@taskledger/read-store';
import { appendTo, completion, completionsProjection } from '../test/runtime-fixtures';
import { ProjectionRuntime } from './projection-runtime';

/** The store, with every call's completion ordered by the scheduler (one interleaving per run). */
const scheduled = (store: ReadStore, scheduler: fc.Scheduler): ReadStore =>
  new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'close') return value.bind(target);
      return scheduler.scheduleFunction((...args: unknown[]) => value.apply(target, args) as Promise<unknown>);
    },
  });

type Kind = 'catch-up' | 'rebuild';

/** What one fold of the whole log over a fresh store gives: the answer every interleaving must give. */
const cleanFold = async (events: SqliteEventStore, dir: string, version: number) => {
  const reads = new SqliteReadStore(join(dir, 'clean.db'));
  try {
    await new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection({ version })],
    }).catchUp();
    return (await reads.find('completions', { sort: [{ field: 'id' }] })).items;
  } finally {
    await reads.close();
  }
};

describe('projection runtime: several processes folding the same events into the same read models', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runtime-concurrency-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts every event once, whatever the interleaving of their reads and commits', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.constantFrom<Kind>('catch-up', 'rebuild'), { minLength: 2, maxLength: 3 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        async (scheduler, kinds, batchSize, bumpVersion) => {
          run += 1;
          const path = join(dir, `ledger-${run}.db`);
          const events = new SqliteEventStore(path);
          const setup = new SqliteReadStore(path);
          const connections: ReadStore[] = [];
          try {
            for (let task = 1; task <= 4; task += 1) {
              await appendTo(events, `T-${task}`, [completion(`T-${task}`, task)]);
            }
            await new ProjectionRuntime({
              eventStore: events,
              readStore: setup,
              projections: [completionsProjection()],
            }).catchUp();
            for (let task = 1; task <= 6; task += 1) {
              await appendTo(events, `T-${task}`, [completion(`T-${task}`, 10 * task)]);
            }
            const version = bumpVersion ? 2 : 1;
            let reported = 0;
            const runs = kinds.map((kind) => {
              const readStore = scheduled(new SqliteReadStore(path), scheduler);
              connections.push(readStore);
              const runtime = new ProjectionRuntime({
                eventStore: events,
                readStore,
                projections: [completionsProjection({ version })],
                batchSize,
                observer: { applied: (_, events) => (reported += events) },
              });
              return kind === 'rebuild' ? runtime.rebuild('completions') : runtime.catchUp();
            });
            await scheduler.waitFor(Promise.all(runs));
            const after = (await setup.find('completions', { sort: [{ field: 'id' }] })).items;
            expect(after).toEqual(await cleanFold(events, dir, version));
            expect((await setup.getCheckpoint('completions'))?.version).toBe(version);
            // Work a process lost to another's commit is never reported: plain catch-ups of the
            // 6 new events report exactly 6 between them.
            if (!bumpVersion && kinds.every((kind) => kind === 'catch-up')) expect(reported).toBe(6);
          } finally {
            for (const connection of connections) await connection.close();
            await setup.close();
            await events.close();
            rmSync(join(dir, 'clean.db'), { force: true });
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
