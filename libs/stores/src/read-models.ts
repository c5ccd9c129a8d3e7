import { TaskledgerError } from '@taskledger/errors';
import {
  ProjectionRuntime,
  ProjectionRuntimeOptions,
  RuntimeProgress,
  writeDueSnapshots,
} from '@taskledger/projection-runtime';
import { AnyProjection, readModels } from '@taskledger/projections';
import { Stores } from './open-stores';

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

/**
 * Embedded mode: brings the read models up to date before a command answers (incremental, so
 * usually instant), and keeps up the as-of snapshots and history log if the ledger has them. With
 * a server-side event store the projector does both; this does nothing.
 */
export const catchUpReadModels = async (
  stores: Stores,
  settings: RuntimeSettings = {},
): Promise<RuntimeProgress | null> => {
  if (!stores.embedded) return null;
  const progress = await projectionRuntime(stores, readModels, settings).catchUp();
  await writeDueSnapshots(stores.eventStore, stores.readStore, readModels, { onlyIfStarted: true });
  return progress;
};

/**
 * Embedded mode, before an as-of read: writes the snapshots and history log the ledger lacks (the
 * first as-of read of a ledger pays for them; catch-ups keep them up from then on, so a ledger
 * nobody audits never pays).
 */
export const prepareAsOf = async (stores: Stores): Promise<void> => {
  if (stores.embedded) await writeDueSnapshots(stores.eventStore, stores.readStore, readModels);
};
