import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@taskledger/event-store';
import { SqliteReadStore } from '@taskledger/read-store';
import { parseSamples, Sample, sampleValue, scrape } from './testing';
import { appendTo, completion, completionsProjection } from '../test/runtime-fixtures';
import { ProjectionRuntime } from './projection-runtime';
import { projectionStatus } from './projection-status';
import { projectorMetrics } from './projector-metrics';
import { RunningProjector, startProjector } from './projector-service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const projection = { projection: 'completions' };

describe('the projector serves GET /metrics in the Prometheus text format', () => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let projector: RunningProjector;
  const url = () => `http://127.0.0.1:${projector.port}/metrics`;
  /** Scrapes until the projection has no lag (the projector follows the log in the background). */
  const scrapeCaughtUp = async (): Promise<Sample[]> => {
    for (let tries = 0; tries < 100; tries += 1) {
      const samples = await scrape(url());
      if (sampleValue(samples, 'taskledger_projection_state', { ...projection, state: 'live' }) === 1) return samples;
      await sleep(50);
    }
    throw new Error('the projector did not catch up');
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-metrics-'));
    events = new SqliteEventStore(join(dir, 'ledger.db'));
    reads = new SqliteReadStore(join(dir, 'ledger.db'));
    for (let task = 1; task <= 3; task += 1) await appendTo(events, `T-${task}`, [completion(`T-${task}`, 10)]);
    projector = await startProjector({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection({ explodeOn: (ms) => ms === 666 })],
      host: '127.0.0.1',
      batchWaitMs: 10,
    });
  });
  afterEach(async () => {
    await projector.stop();
    await reads.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the events each projection applied, with its checkpoint position and zero lag', async () => {
    const before = await scrapeCaughtUp();
    expect(sampleValue(before, 'taskledger_projection_events_processed_total', projection)).toBe(3);
    expect(sampleValue(before, 'taskledger_projection_checkpoint_position', projection)).toBe(3);

    for (let task = 4; task <= 8; task += 1) await appendTo(events, `T-${task}`, [completion(`T-${task}`, 10)]);
    let after = await scrapeCaughtUp();
    while (sampleValue(after, 'taskledger_projection_checkpoint_position', projection) < 8)
      after = await scrapeCaughtUp();

    expect(sampleValue(after, 'taskledger_projection_events_processed_total', projection)).toBe(8);
    expect(sampleValue(after, 'taskledger_projection_lag_events', projection)).toBe(0);
    expect(sampleValue(after, 'taskledger_projection_state', { ...projection, state: 'catching-up' })).toBe(0);
    expect(sampleValue(after, 'taskledger_projection_batch_apply_seconds_count', projection)).toBeGreaterThan(
      sampleValue(before, 'taskledger_projection_batch_apply_seconds_count', projection),
    );
    expect(sampleValue(after, 'taskledger_projection_commit_seconds_count', projection)).toBeGreaterThan(0);
    expect(sampleValue(after, 'taskledger_projection_dead_letters_total', projection)).toBe(0);
    expect(sampleValue(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('counts a dead letter once', async () => {
    await scrapeCaughtUp();
    await appendTo(events, 'T-9', [completion('T-9', 666)]);
    let samples = await scrapeCaughtUp();
    while (sampleValue(samples, 'taskledger_projection_checkpoint_position', projection) < 4)
      samples = await scrapeCaughtUp();
    expect(sampleValue(samples, 'taskledger_projection_dead_letters_total', projection)).toBe(1);
  });

  it('names every metric taskledger_* apart from the default process and nodejs ones', async () => {
    const names = new Set((await scrapeCaughtUp()).map((sample) => sample.name));
    const ours = [...names].filter((name) => !/^(process|nodejs)_/.test(name));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter((name) => !name.startsWith('taskledger_'))).toEqual([]);
  });

  it('counts a rebuild started and finished when a projection is rebuilt', async () => {
    await scrapeCaughtUp();
    const metrics = projectorMetrics();
    const projections = [completionsProjection({ version: 2 })];
    await new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections,
      observer: metrics.observer,
    }).catchUp();
    const samples = parseSamples(await metrics.text(() => projectionStatus(events, reads, projections)));
    expect(sampleValue(samples, 'taskledger_projection_rebuilds_started_total', projection)).toBe(1);
    expect(sampleValue(samples, 'taskledger_projection_rebuilds_finished_total', projection)).toBe(1);
    expect(sampleValue(samples, 'taskledger_projection_state', { ...projection, state: 'live' })).toBe(1);
  });
});
