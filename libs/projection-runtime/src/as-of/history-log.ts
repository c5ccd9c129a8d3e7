import { RecordedEvent } from '@taskledger/event-store';
import { AnyProjection, Doc, executionHistoryProjection, ProjectedEvent } from '@taskledger/projections';
import { Filter, FindQuery, FindResult, ReadStore } from '@taskledger/read-store';

/**
 * `execution_history` has one document per event, each written once and never changed, so it is
 * not snapshotted: a log collection holds the same documents with the position of their event,
 * and the read model as of a position is the log's documents up to it. The log is a projection
 * the runtime keeps like any other (its own checkpoint, compare-and-set commits).
 */
export const HISTORY = executionHistoryProjection as unknown as AnyProjection;

const LOG_PREFIX = 'asoflog_';
const POSITION = 'position';

type Positioned = Doc & { [POSITION]: number };

export const historyLogProjection: AnyProjection = {
  name: `${LOG_PREFIX}${HISTORY.name}_v${HISTORY.version}`,
  version: 1,
  description: `${HISTORY.name} documents with the position of their event, for as-of reads`,
  handles: HISTORY.handles,
  documentIds: (event) => HISTORY.documentIds(event),
  evolve: (doc, event, id) => {
    const next = HISTORY.evolve(doc === null ? null : withoutPosition(doc as Positioned), event, id);
    if (next === null) return null;
    return { ...next, [POSITION]: Number((event as ProjectedEvent & Pick<RecordedEvent, 'position'>).position.commit) };
  },
  indexes: [...(HISTORY.indexes ?? []).map((fields) => [...fields, POSITION]), [POSITION]],
};

const withoutPosition = (doc: Positioned): Doc => {
  const { [POSITION]: _position, ...rest } = doc;
  return rest;
};

/** Whether the log is written as far as `position` (its checkpoint is at or after it). */
export const historyLogReaches = async (store: ReadStore, position: bigint): Promise<boolean> => {
  const checkpoint = await store.getCheckpoint(historyLogProjection.name);
  if (checkpoint?.position == null || checkpoint.version !== historyLogProjection.version) return false;
  return BigInt(checkpoint.position.split('/')[0] ?? '0') >= position;
};

/** Drops the logs of the history read model's other versions. */
export const dropStaleHistoryLogs = async (store: ReadStore): Promise<void> => {
  const own = `${LOG_PREFIX}${HISTORY.name}_v`;
  const stale = (name: string) => name.startsWith(own) && name !== historyLogProjection.name;
  const checkpoints = (await store.listCheckpoints()).map((checkpoint) => checkpoint.name).filter(stale);
  if (checkpoints.length > 0) await store.commit({ deleteCheckpoints: checkpoints });
  for (const collection of await store.listCollections())
    if (stale(collection.name)) await store.dropCollection(collection.name);
};

/** `execution_history` as of `position`, read from the log: the documents of the events up to it. */
export const historyAsOf = (store: ReadStore, position: bigint) => {
  const log = historyLogProjection.name;
  const upTo = (filter: Filter = {}): Filter => ({ ...filter, [POSITION]: { lte: Number(position) } });
  const within = <T>(doc: T | null): T | null =>
    doc !== null && (doc as unknown as Positioned)[POSITION] <= Number(position)
      ? (withoutPosition(doc as unknown as Positioned) as T)
      : null;
  return {
    get: async <T>(id: string) => within(await store.get<Positioned>(log, id)) as T | null,
    getMany: async <T>(ids: readonly string[]) =>
      (await store.getMany<Positioned>(log, ids)).map((doc) => within(doc)) as (T | null)[],
    find: async <T>(query: FindQuery = {}): Promise<FindResult<T>> => {
      const page = await store.find<Positioned>(log, { ...query, filter: upTo(query.filter) });
      return { items: page.items.map((doc) => withoutPosition(doc) as T), nextCursor: page.nextCursor };
    },
    count: (filter?: Filter) => store.count(log, upTo(filter)),
  };
};
