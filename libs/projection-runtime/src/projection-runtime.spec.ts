import { MemoryEventStore } from '@taskledger/event-store';
import { MemoryReadStore } from '@taskledger/read-store';
import { appendTo, completion, completionsProjection, CompletionsDoc, registered } from '../test/runtime-fixtures';
import { DEAD_LETTERS } from './dead-letters';
import { ProjectionRuntime, ProjectionRuntimeOptions } from './projection-runtime';
import { projectionStatus } from './projection-status';

describe('projection runtime', () => {
  let events: MemoryEventStore;
  let reads: MemoryReadStore;
  const runtime = (overrides: Partial<ProjectionRuntimeOptions> = {}) =>
    new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection()],
      batchSize: 2,
      ...overrides,
    });
  const doc = (id: string) => reads.get<CompletionsDoc>('completions', id);

  beforeEach(() => {
    events = new MemoryEventStore();
    reads = new MemoryReadStore();
  });

  describe('given a new projection and past events', () => {
    it('catches up from the first event, batch by batch, and records its checkpoint', async () => {
      await appendTo(events, 'B-1', [registered('B-1'), completion('B-1', 100), completion('B-1', 50)]);
      await appendTo(events, 'B-2', [completion('B-2', 7)]);
      const progress = await runtime().catchUp();
      expect(progress).toMatchObject({ processed: 4, total: 4 });
      expect(await doc('B-1')).toEqual({ id: 'B-1', completions: 2, totalMs: 150 });
      expect(await doc('B-2')).toEqual({ id: 'B-2', completions: 1, totalMs: 7 });
      expect(await reads.getCheckpoint('completions')).toMatchObject({ position: '4', version: 1 });
    });

    it('then applies only what is new', async () => {
      await appendTo(events, 'B-1', [completion('B-1', 100)]);
      await runtime().catchUp();
      await appendTo(events, 'B-1', [completion('B-1', 1)]);
      const again = await runtime().catchUp();
      expect(again.processed).toBe(1);
      expect(await doc('B-1')).toEqual({ id: 'B-1', completions: 2, totalMs: 101 });
    });
  });

  describe('given a new projection beside one that is caught up', () => {
    it('builds the new one from the first event and applies nothing twice to the other', async () => {
      await appendTo(events, 'B-1', [completion('B-1', 10), completion('B-1', 20), completion('B-1', 30)]);
      await runtime().catchUp();
      await appendTo(events, 'B-1', [completion('B-1', 40)]);
      const renamed = { ...completionsProjection(), name: 'completions_copy' };
      await runtime({ projections: [completionsProjection(), renamed], batchSize: 1 }).catchUp();
      expect(await doc('B-1')).toEqual({ id: 'B-1', completions: 4, totalMs: 100 });
      expect(await reads.get('completions_copy', 'B-1')).toEqual({ id: 'B-1', completions: 4, totalMs: 100 });
      await appendTo(events, 'B-1', [completion('B-1', 50)]);
      await runtime({ projections: [completionsProjection(), renamed] }).catchUp();
      expect(await doc('B-1')).toEqual({ id: 'B-1', completions: 5, totalMs: 150 });
    });
  });

  describe('given a version bump', () => {
    it('rebuilds into a shadow collection that queries do not see until it is swapped in', async () => {
      await appendTo(events, 'B-1', [completion('B-1', 10), completion('B-1', 20), completion('B-1', 30)]);
      await runtime().catchUp();
      const seenDuringRebuild: Array<CompletionsDoc | null> = [];
      const v2 = runtime({
        projections: [completionsProjection({ version: 2 })],
        batchSize: 1,
        onProgress: () => void doc('B-1').then((d) => seenDuringRebuild.push(d)),
      });
      await v2.catchUp();
      await new Promise((resolve) => setImmediate(resolve));
      expect(seenDuringRebuild.length).toBeGreaterThan(0);
      expect(seenDuringRebuild.every((seen) => seen?.version === undefined && seen?.completions === 3)).toBe(true);
      expect(await doc('B-1')).toEqual({ id: 'B-1', completions: 3, totalMs: 60, version: 2 });
      expect(await reads.getCheckpoint('completions')).toMatchObject({ version: 2, position: '3' });
      expect((await reads.listCollections()).map((c) => c.name)).not.toContain('completions__next');
    });

    it('rebuilds on request without a version bump, giving the same documents', async () => {
      await appendTo(events, 'B-1', [completion('B-1', 10), completion('B-1', 20)]);
      await runtime().catchUp();
      const before = await reads.find('completions');
      await runtime().rebuild('completions');
      expect(await reads.find('completions')).toEqual(before);
    });
  });

  describe('given an event a projection cannot apply', () => {
    const explodeOn = (durationMs: number) => durationMs === 666;

    it('records it as a dead letter at once (evolve is pure: it would throw again) and goes on with the rest', async () => {
      await appendTo(events, 'B-1', [completion('B-1', 1), completion('B-1', 666), completion('B-1', 2)]);
      const tried: number[] = [];
      const countTries = (durationMs: number) => {
        tried.push(durationMs);
        return explodeOn(durationMs);
      };
      await runtime({ projections: [completionsProjection({ explodeOn: countTries })] }).catchUp();
      expect(tried).toEqual([1, 666, 2]);
      expect(await doc('B-1')).toEqual({ id: 'B-1', completions: 2, totalMs: 3 });
      const letters = await reads.find(DEAD_LETTERS);
      expect(letters.items).toEqual([
        expect.objectContaining({
          projection: 'completions',
          position: '2',
          type: 'TaskExecutionCompleted',
          error: 'cannot apply a duration of 666 ms',
        }),
      ]);
      const [status] = await projectionStatus(events, reads, [completionsProjection()]);
      expect(status).toMatchObject({ state: 'live', deadLetters: 1, lag: 0, documents: 1 });
    });

    it('or, when told to stop, stops that projection just before it and says why', async () => {
      await appendTo(events, 'B-1', [completion('B-1', 1), completion('B-1', 666), completion('B-1', 2)]);
      await runtime({ projections: [completionsProjection({ explodeOn })], onPoison: 'stop' }).catchUp();
      expect(await doc('B-1')).toEqual({ id: 'B-1', completions: 1, totalMs: 1 });
      const [status] = await projectionStatus(events, reads, [completionsProjection()]);
      expect(status).toMatchObject({ state: 'failing', position: '1', lag: 2 });
      expect(status!.failure).toContain('cannot apply a duration of 666 ms');
    });
  });

  describe('given no batch size', () => {
    const batchSizes = (reports: number[]) => reports.map((processed, index) => processed - (reports[index - 1] ?? 0));

    it('catches up in one unit of work, then writes live events in batches of at most 1,000', async () => {
      await appendTo(
        events,
        'B-1',
        Array.from({ length: 2500 }, () => completion('B-1', 1)),
      );
      const reports: number[] = [];
      const onProgress = ({ processed }: { processed: number }) => void reports.push(processed);
      let commits = 0;
      const stop = new AbortController();
      const running = new ProjectionRuntime({
        eventStore: events,
        readStore: reads,
        projections: [completionsProjection()],
        onProgress,
        observer: { committed: () => (commits += 1) },
      }).runLive(stop.signal);
      const caughtUp = () => reports[reports.length - 1] === 2500;
      for (let tries = 0; tries < 400 && !caughtUp(); tries += 1) await new Promise((r) => setTimeout(r, 5));
      const catchUpReports = reports.length;
      const catchUpCommits = commits;
      await appendTo(
        events,
        'B-1',
        Array.from({ length: 2500 }, () => completion('B-1', 1)),
      );
      for (let tries = 0; tries < 400 && (await doc('B-1'))?.completions !== 5000; tries += 1)
        await new Promise((r) => setTimeout(r, 5));
      stop.abort();
      await running;
      const live = batchSizes(reports).slice(catchUpReports);
      expect(catchUpCommits).toBe(1);
      expect(live.reduce((sum, size) => sum + size, 0)).toBe(2500);
      expect(Math.max(...live)).toBeLessThanOrEqual(1000);
    });
  });

  describe('running live', () => {
    it('applies new events soon after they are appended, and stops cleanly', async () => {
      const stop = new AbortController();
      const running = runtime({ batchWaitMs: 10 }).runLive(stop.signal);
      await appendTo(events, 'B-9', [completion('B-9', 5)]);
      for (let tries = 0; tries < 200 && !(await doc('B-9')); tries += 1) await new Promise((r) => setTimeout(r, 5));
      expect(await doc('B-9')).toEqual({ id: 'B-9', completions: 1, totalMs: 5 });
      stop.abort();
      await expect(running).resolves.toMatchObject({ processed: 1 });
    });
  });
});
