import { isTaskledgerError } from '@taskledger/errors';
import { comparePositions, EventStore, Position, RecordedEvent, Subscription } from '@taskledger/event-store';

import { AnyProjection } from '@taskledger/projections';
import { ReadStore } from '@taskledger/read-store';
import { applyBatch, PoisonPolicy, takeWork } from './batch-apply';
import { DEAD_LETTERS } from './dead-letters';
import { EventBatch } from './event-batch';
import { buildDeferredIndexes, commitLanes, hasWork, Lane, LaneStart, openLane, swapIn } from './lanes';
import { nextMessage } from './next-message';
import { RuntimeObserver } from './runtime-observer';
import { recordUndecodable } from './undecodable';

export interface RuntimeProgress {
  /** Events read so far in this run. */
  processed: number;
  /** Events that were behind the slowest projection when the run started (for an ETA). */
  total: number;
  eventsPerSecond: number;
}

export interface ProjectionRuntimeOptions {
  eventStore: EventStore;
  readStore: ReadStore;
  projections: readonly AnyProjection[];
  /**
   * While catching up, most documents a lane holds before it commits; once caught up, most
   * events per unit of work. Default: 20,000 while catching up (fewer, larger writes: each
   * document is written once per commit) and 1,000 once caught up (live batches stay small, so
   * new events show soon). A given number is used for both.
   */
  batchSize?: number;
  /** Longest a live batch waits to fill before it is written. Default 100 ms. */
  batchWaitMs?: number;
  /** An event a projection cannot apply is recorded in `dead_letters` and skipped, or stops that projection. Default 'dead-letter'. */
  onPoison?: 'dead-letter' | 'stop';
  now?: () => Date;
  onProgress?: (progress: RuntimeProgress) => void;
  /** Told of applied batches, commits, dead letters and rebuilds (metrics, logs). */
  observer?: RuntimeObserver;
}

/**
 * Folds the event log into read models. All projections share one read of the log from the
 * slowest checkpoint; each batch's documents and checkpoints commit in one unit of work, so a
 * crash at any point neither loses nor double-counts an event. Several processes may run it on
 * the same stores at once: each commit is conditional on the checkpoints it started from, and a
 * process whose commit lost drops its work and reads on from the checkpoints the winner wrote.
 */
const CATCH_UP_BATCH_SIZE = 20_000;
const LIVE_BATCH_SIZE = 1000;
/**
 * Events applied at a time while catching up; commits do not follow it (see `commitBatch`).
 * Events read are then short-lived and collected young: applying batches of 20,000 kept them
 * long enough to be promoted, and the collector cost a quarter more CPU reading the log.
 */
const APPLY_BATCH_SIZE = 1000;
/** Longest a lane holds uncommitted work while catching up, so a long catch-up still moves its checkpoint. */
const COMMIT_INTERVAL_MS = 30_000;

/**
 * Events per batch and documents per lane that keep a commit of every lane within the read
 * store's largest unit of work: a lane commits once it holds a batch's worth of documents, so
 * it may hold up to two batches' worth (an event touching one document per lane).
 */
const lanesShare = (maxChanges: number | undefined, lanes: number): number =>
  maxChanges === undefined ? Infinity : Math.max(1, Math.floor(maxChanges / (2 * Math.max(lanes, 1))));

export class ProjectionRuntime {
  private readonly batchSize: { catchingUp: number; live: number };
  private readonly batchWaitMs: number;
  private readonly policy: PoisonPolicy;
  private eventsPerSecond: number | undefined;
  /** Projections whose rebuild this runtime has reported started and not yet finished. */
  private readonly rebuilds = new Set<string>();

  constructor(private readonly options: ProjectionRuntimeOptions) {
    const perLane = lanesShare(options.readStore.maxUnitOfWorkChanges, options.projections.length);
    this.batchSize = {
      catchingUp: Math.min(options.batchSize ?? CATCH_UP_BATCH_SIZE, perLane),
      live: Math.min(options.batchSize ?? LIVE_BATCH_SIZE, perLane),
    };
    this.batchWaitMs = options.batchWaitMs ?? 100;
    this.policy = {
      onPoison: options.onPoison ?? 'dead-letter',
      now: options.now ?? (() => new Date()),
    };
  }

  /** Brings every projection up to the current head (rebuilding where versions changed), then returns. */
  async catchUp(): Promise<RuntimeProgress> {
    return this.drive(() => this.openLanes(this.options.projections, 'catch-up'), { live: false });
  }

  /** Rebuilds one projection from the first event into a shadow collection, then swaps it in. */
  async rebuild(name: string): Promise<RuntimeProgress> {
    const projection = this.options.projections.find((candidate) => candidate.name === name);
    if (!projection) throw new Error(`unknown projection ${name}`);
    let start: LaneStart = 'rebuild';
    return this.drive(
      async () => {
        const lanes = await this.openLanes([projection], start);
        start = 'continue-rebuild';
        return lanes;
      },
      { live: false },
    );
  }

  /** Catches up, then follows new events until `signal` aborts; the batch in hand is written first. */
  async runLive(signal: AbortSignal): Promise<RuntimeProgress> {
    return this.drive(() => this.openLanes(this.options.projections, 'catch-up'), { live: true, signal });
  }

  /** Opens a lane per projection; again if another process moved a checkpoint meanwhile. */
  private async openLanes(projections: readonly AnyProjection[], start: LaneStart): Promise<Lane[]> {
    await this.options.readStore.ensureCollection(DEAD_LETTERS, { indexes: [['projection']] });
    for (;;) {
      const lanes = await whileNoConflict(async () => {
        const opened: Lane[] = [];
        for (const projection of projections) opened.push(await openLane(this.options.readStore, projection, start));
        return opened;
      });
      if (lanes !== 'conflict') return this.reportRebuilds(lanes);
    }
  }

  private reportRebuilds(lanes: Lane[]): Lane[] {
    for (const lane of lanes) {
      const name = lane.projection.name;
      if (!lane.rebuilding || this.rebuilds.has(name)) continue;
      this.rebuilds.add(name);
      this.options.observer?.rebuildStarted?.(name);
    }
    return lanes;
  }

  /**
   * Follows the log with lanes from `open` until done; when another process committed first,
   * drops the lanes' uncommitted work and opens them again from the checkpoints it wrote.
   */
  private async drive(
    open: () => Promise<Lane[]>,
    mode: { live: boolean; signal?: AbortSignal },
  ): Promise<RuntimeProgress> {
    let lanes = await open();
    const started = performance.now();
    const progress: RuntimeProgress = {
      processed: 0,
      total: await this.options.eventStore.countEventsAfter(slowest(lanes) ?? 'start'),
      eventsPerSecond: 0,
    };
    const report = (count: number) => {
      progress.processed += count;
      progress.eventsPerSecond = Math.round(progress.processed / Math.max((performance.now() - started) / 1000, 1e-3));
      this.eventsPerSecond = progress.eventsPerSecond;
      this.options.onProgress?.({ ...progress });
    };
    for (;;) {
      const outcome = await whileNoConflict(() => this.follow(lanes, mode, report));
      if (outcome === 'done') return progress;
      if (outcome === 'conflict') lanes = await open();
    }
  }

  /** One subscription from the slowest lane; returns 'again' after skipping an undecodable event. */
  private async follow(lanes: Lane[], mode: { live: boolean; signal?: AbortSignal }, report: (count: number) => void) {
    const active = lanes.filter((lane) => !lane.failure);
    if (active.length === 0) return 'done';
    const subscription = this.options.eventStore.subscribeToAll({ fromPosition: slowest(active) ?? 'start' });
    const stop = () => void subscription.stop();
    mode.signal?.addEventListener('abort', stop, { once: true });
    const sizes = { catchingUp: Math.min(APPLY_BATCH_SIZE, this.batchSize.catchingUp), live: this.batchSize.live };
    const batch = new EventBatch(sizes, async (events, final) => {
      await this.commitBatch(lanes, events, final);
      if (events.length > 0) report(events.length);
    });
    try {
      return await this.consume(subscription, mode, lanes, batch);
    } catch (error) {
      if (!isTaskledgerError(error, 'UndecodableEvent')) throw error;
      await batch.flush();
      await recordUndecodable(this.options.readStore, lanes, error, this.policy);
      return 'again';
    } finally {
      mode.signal?.removeEventListener('abort', stop);
      await subscription.stop();
    }
  }

  private async consume(
    subscription: Subscription,
    mode: { live: boolean; signal?: AbortSignal },
    lanes: Lane[],
    batch: EventBatch,
  ): Promise<'done'> {
    const iterator = subscription[Symbol.asyncIterator]();
    for (;;) {
      const next = await nextMessage(iterator, mode.live ? this.batchWaitMs : null, () => batch.flush());
      if (next.done) break;
      const message = next.value;
      if (message.kind === 'event') {
        if (batch.add(message.event)) await batch.flush(batch.caughtUp);
        continue;
      }
      batch.caughtUp = true;
      await batch.flush();
      await this.finishCatchUp(lanes);
      if (!mode.live) break;
    }
    await batch.flush();
    return 'done';
  }

  /**
   * Applies a batch to every lane, then commits the lanes that are due, each lane's documents
   * with its checkpoint, in one unit of work. `final` commits every lane that moved (live
   * batches, caught up, stopping); while catching up, a lane commits once its work holds
   * `batchSize` documents or has waited `COMMIT_INTERVAL_MS` (or it stopped on a poison event).
   * A read model with few documents (per task, overall) is thus held in memory and written
   * once or a few times per catch-up, and one with a document per event commits once per
   * `batchSize` documents.
   */
  private async commitBatch(lanes: Lane[], batch: readonly RecordedEvent[], final: boolean): Promise<void> {
    for (const lane of lanes) await this.applyLane(lane, batch);
    const limit = this.batchSize.catchingUp;
    const now = performance.now();
    const due = lanes.filter(
      (lane) =>
        hasWork(lane) &&
        (final ||
          lane.failure !== null ||
          lane.work.docs.size >= limit ||
          now - lane.work.startedAt >= COMMIT_INTERVAL_MS),
    );
    if (due.length === 0) return;
    const reports = due.map((lane) => ({ name: lane.projection.name, work: lane.work.report }));
    const started = performance.now();
    await commitLanes(this.options.readStore, due, due.flatMap(takeWork), this.eventsPerSecond);
    const observer = this.options.observer;
    if (!observer) return;
    observer.committed?.(
      reports.map((report) => report.name),
      (performance.now() - started) / 1000,
    );
    for (const { name, work } of reports) {
      observer.applied?.(name, work.events, work.seconds);
      for (const letter of work.deadLetters) observer.deadLettered?.(name, letter.eventId, letter.reason);
    }
  }

  /** Applies the batch to the lane; what it applied is reported once the lane's work commits. */
  private async applyLane(lane: Lane, batch: readonly RecordedEvent[]): Promise<void> {
    const started = performance.now();
    const applied = await applyBatch(this.options.readStore, lane, batch, this.policy);
    const report = lane.work.report;
    report.events += applied.events;
    report.seconds += (performance.now() - started) / 1000;
    report.deadLetters.push(...applied.deadLetters);
  }

  /**
   * Once caught up: builds the indexes lanes deferred, then swaps each shadow collection in,
   * with its checkpoint, in one unit of work per projection.
   */
  private async finishCatchUp(lanes: Lane[]): Promise<void> {
    for (const lane of lanes) await buildDeferredIndexes(this.options.readStore, lane);
    for (const lane of lanes.filter((candidate) => candidate.rebuilding && !candidate.failure)) {
      await swapIn(this.options.readStore, lane, this.eventsPerSecond);
      this.rebuilds.delete(lane.projection.name);
      this.options.observer?.rebuildFinished?.(lane.projection.name);
    }
  }
}

/**
 * The work's result, or 'conflict' when another process moved a checkpoint it expected, or
 * swapped away a collection it was building (opening the lanes again ensures their collections).
 */
const whileNoConflict = async <T>(work: () => Promise<T>): Promise<T | 'conflict'> => {
  try {
    return await work();
  } catch (error) {
    if (isTaskledgerError(error, 'CheckpointConflict') || isTaskledgerError(error, 'CollectionNotFound'))
      return 'conflict';
    throw error;
  }
};

/** The earliest position among lanes; null when any lane starts from the first event. */
const slowest = (lanes: readonly Lane[]): Position | null => {
  const positions = lanes.map((lane) => lane.position);
  if (positions.length === 0 || positions.some((position) => position === null)) return null;
  return (positions as Position[]).reduce((min, position) => (comparePositions(position, min) < 0 ? position : min));
};
