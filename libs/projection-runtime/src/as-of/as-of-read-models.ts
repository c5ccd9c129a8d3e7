import { TaskledgerError } from '@taskledger/errors';
import { EventStore, positionToString } from '@taskledger/event-store';
import { AnyProjection } from '@taskledger/projections';
import {
  AnyDocument,
  Checkpoint,
  CollectionInfo,
  CommitReceipt,
  Filter,
  FindQuery,
  FindResult,
  ReadStore,
  StoredDocument,
} from '@taskledger/read-store';
import { ProjectionRuntime } from '../projection-runtime';
import { AsOfPoint } from './as-of-point';
import { FoldStore } from './fold-store';
import { HISTORY, historyAsOf, historyLogReaches } from './history-log';
import { PrefixEventStore } from './prefix-event-store';
import { loadSnapshot, nearestSnapshot } from './snapshots';

/**
 * The read models as they stood at a point of the log, read-only. Each is folded the first time
 * it is read (a command pays only for those it reads): from its nearest snapshot at or before the
 * point (if any), with the events after it up to the point, by the same runtime that folds the
 * live read models.
 * Its checkpoint is at the point from the start (that is what folding to the point writes), so
 * reading checkpoints folds nothing.
 */
export class AsOfReadStore implements ReadStore {
  private readonly memory = new FoldStore();
  /** Each read model's fold, once started (several may share one pass over the events). */
  private readonly folds = new Map<string, Promise<void>>();
  private logChecked: Promise<void> | null = null;
  /** Read from the history log rather than folded (see history-log.ts). */
  private history: ReturnType<typeof historyAsOf> | null = null;

  constructor(
    private readonly live: ReadStore,
    private readonly eventStore: PrefixEventStore,
    private readonly projections: readonly AnyProjection[],
  ) {}

  /** Folds every read model not folded yet, in one pass over the events (else each is folded when first read). */
  async foldAll(): Promise<void> {
    await this.foldEach(this.projections);
  }

  private async ready(collection: string): Promise<void> {
    await this.foldEach(this.projections.filter((projection) => projection.name === collection));
  }

  private async foldEach(wanted: readonly AnyProjection[]): Promise<void> {
    this.logChecked ??= this.checkLog();
    await this.logChecked;
    const start = wanted.filter(
      (projection) => !this.folds.has(projection.name) && !(this.history && projection.name === HISTORY.name),
    );
    if (start.length > 0) {
      const fold = this.fold(start);
      for (const projection of start) this.folds.set(projection.name, fold);
    }
    await Promise.all(wanted.map((projection) => this.folds.get(projection.name)));
  }

  private async checkLog(): Promise<void> {
    const end = this.eventStore.end;
    const history = this.projections.some((projection) => projection.name === HISTORY.name);
    if (history && end !== null && (await historyLogReaches(this.live, end.commit)))
      this.history = historyAsOf(this.live, end.commit);
  }

  /** The read models from their nearest snapshots and one pass over the events after them. */
  private async fold(projections: readonly AnyProjection[]): Promise<void> {
    for (const projection of projections) {
      const snapshot = await nearestSnapshot(this.live, projection, this.eventStore.end);
      if (snapshot) await loadSnapshot(this.live, snapshot, projection, this.memory);
    }
    await new ProjectionRuntime({ eventStore: this.eventStore, readStore: this.memory, projections }).catchUp();
  }

  private checkpointAt(projection: AnyProjection): Checkpoint | null {
    const end = this.eventStore.end;
    return end === null
      ? null
      : { name: projection.name, position: positionToString(end), version: projection.version };
  }

  async ensureCollection(name: string): Promise<void> {
    await this.ready(name);
    await this.memory.ensureCollection(name);
  }
  async dropCollection(): Promise<void> {
    throw readOnly();
  }
  async listCollections(): Promise<CollectionInfo[]> {
    await this.foldAll();
    return this.memory.listCollections();
  }
  async swapCollection(): Promise<void> {
    throw readOnly();
  }
  /** The history log when it serves `collection`. */
  private async logFor(collection: string): Promise<ReturnType<typeof historyAsOf> | null> {
    await this.ready(collection);
    return collection === HISTORY.name ? this.history : null;
  }
  async get<T extends StoredDocument = AnyDocument>(collection: string, id: string): Promise<T | null> {
    const log = await this.logFor(collection);
    return log ? log.get<T>(id) : copyOf(await this.memory.get<T>(collection, id));
  }
  async getMany<T extends StoredDocument = AnyDocument>(collection: string, ids: readonly string[]) {
    const log = await this.logFor(collection);
    return log ? log.getMany<T>(ids) : (await this.memory.getMany<T>(collection, ids)).map(copyOf);
  }
  async put(): Promise<void> {
    throw readOnly();
  }
  async delete(): Promise<void> {
    throw readOnly();
  }
  async find<T extends StoredDocument = AnyDocument>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    const log = await this.logFor(collection);
    if (log) return log.find<T>(query);
    const page = await this.memory.find<T>(collection, query);
    return { items: page.items.map(copyOf), nextCursor: page.nextCursor };
  }
  async count(collection: string, filter?: Filter): Promise<number> {
    const log = await this.logFor(collection);
    return log ? log.count(filter) : this.memory.count(collection, filter);
  }
  async commit(): Promise<CommitReceipt> {
    throw readOnly();
  }
  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    const projection = this.projections.find((candidate) => candidate.name === name);
    return projection ? this.checkpointAt(projection) : this.memory.getCheckpoint(name);
  }
  async listCheckpoints(): Promise<Checkpoint[]> {
    const own = this.projections.map((projection) => this.checkpointAt(projection));
    const others = (await this.memory.listCheckpoints()).filter(
      (checkpoint) => !this.projections.some((projection) => projection.name === checkpoint.name),
    );
    return [...own, ...others]
      .filter((checkpoint): checkpoint is Checkpoint => checkpoint !== null)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  async close(): Promise<void> {
    await this.memory.close();
  }
}

/** What a reader gets: a copy, as from any read store (the fold's documents are its own). */
const copyOf = <T>(doc: T): T => (doc === null ? doc : (JSON.parse(JSON.stringify(doc)) as T));

const readOnly = () => new TaskledgerError('InvalidArgument', 'the read models as of a past moment are read-only');

export interface AsOfStores {
  /** The log up to the point. */
  eventStore: PrefixEventStore;
  /** The read models as of the point (folded as they are read). */
  readStore: AsOfReadStore;
}

/** The stores as they stood at `point`: the log up to it, and `projections` folded over that prefix. */
export const asOfStores = (
  stores: { eventStore: EventStore; readStore: ReadStore },
  point: AsOfPoint,
  projections: readonly AnyProjection[],
): AsOfStores => {
  const eventStore = new PrefixEventStore(stores.eventStore, point.position);
  return { eventStore, readStore: new AsOfReadStore(stores.readStore, eventStore, projections) };
};
