import { TaskledgerError } from '@taskledger/errors';
import {
  ProjectionRuntime,
  ProjectionRuntimeOptions,
  RuntimeProgress,
  writeDueSnapshots,
} from '@taskledger/projection-runtime';
import { AnyProjection, readModels } from '@taskledger/projections';
import { Stores } from './open-stores';
import { catchUpInParallel } from './parallel/parallel-catch-up';
import { eventsBehind, hasSpareCore, threadGroups } from './parallel/thread-groups';

/**
 * The projections to run: all registered read models, or those named in `only`
 * (an unknown name is an error that lists the known ones).
 */
export const selectProjections = (
  only?: readonly string[],
  registered: readonly AnyProjection[] = readModels,
): AnyProjection[] => {
  if (!only || only.length === 0) return [...registered];
  const unknown = only.filter((name) => !registered.some((projection) => projection.name === name));
  if (unknown.length > 0) {
    throw new TaskledgerError(
      'InvalidArgument',
      `unknown projection ${unknown.join(', ')}; known projections: ${registered.map((p) => p.name).join(', ')}`,
    );
  }
  return registered.filter((projection) => only.includes(projection.name));
};

export type RuntimeSettings = Omit<ProjectionRuntimeOptions, 'eventStore' | 'readStore' | 'projections'>;

export const projectionRuntime = (
  stores: Stores,
  projections: readonly AnyProjection[],
  settings: RuntimeSettings = {},
) => new ProjectionRuntime({ eventStore: stores.eventStore, readStore: stores.readStore, projections, ...settings });

/** Events behind above which an embedded catch-up runs its read models in two threads. */
export const PARALLEL_CATCH_UP_ABOVE = 50_000;

export interface CatchUpSettings extends RuntimeSettings {
  /**
   * With SQLite stores on a machine with two cores or more, a catch-up more than this many events
   * behind splits the read models over two worker threads, each reading the log itself and
   * committing its own read models with their checkpoints. Default 50,000 events.
   */
  parallelAbove?: number;
}

/**
 * Embedded mode: brings the read models up to date before a command answers (incremental, so
 * usually instant), and keeps up the as-of snapshots and history log if the ledger has them. With
 * a server-side event store the projector does both; this does nothing.
 */
export const catchUpReadModels = async (
  stores: Stores,
  settings: CatchUpSettings = {},
): Promise<RuntimeProgress | null> => {
  if (!stores.embedded) return null;
  const { parallelAbove = PARALLEL_CATCH_UP_ABOVE, ...runtime } = settings;
  const files = await filesWorthThreads(stores, runtime, parallelAbove);
  const progress = files
    ? withoutThreads(
        await catchUpInParallel({
          eventStorePath: files.eventStore,
          readStorePath: files.readStore,
          groups: threadGroups(readModels),
          batchSize: runtime.batchSize,
          onPoison: runtime.onPoison,
          onProgress: runtime.onProgress,
        }),
      )
    : await projectionRuntime(stores, readModels, runtime).catchUp();
  await writeDueSnapshots(stores.eventStore, stores.readStore, readModels, { onlyIfStarted: true });
  return progress;
};

const withoutThreads = <T extends { threads: unknown }>({ threads: _threads, ...progress }: T) => progress;

/**
 * Embedded mode, before an as-of read: writes the snapshots and history log the ledger lacks (the
 * first as-of read of a ledger pays for them; catch-ups keep them up from then on, so a ledger
 * nobody audits never pays).
 */
export const prepareAsOf = async (stores: Stores): Promise<void> => {
  if (stores.embedded) await writeDueSnapshots(stores.eventStore, stores.readStore, readModels);
};

/**
 * The SQLite files, when threads pay: a long catch-up (an observer or clock given keeps it on
 * this thread, since neither can be handed to another).
 */
const filesWorthThreads = async (stores: Stores, runtime: RuntimeSettings, parallelAbove: number) => {
  const files = stores.sqliteFiles;
  if (!files || runtime.observer || runtime.now || !hasSpareCore() || threadGroups(readModels).length < 2) return null;
  const behind = await eventsBehind(stores.eventStore, stores.readStore, readModels);
  return behind > parallelAbove ? files : null;
};
