import { TaskledgerError } from '@taskledger/errors';
import type { Db, Document, MongoClient } from 'mongodb';
import { inTransaction, isNamespaceNotFound } from './mongodb-connection';
import {
  CHECKPOINTS,
  CheckpointRecord,
  PENDING,
  PENDING_ID,
  PendingSwap,
  writeCheckpoints,
} from './mongodb-unit-of-work';

import type { CollectionSwap } from './read-store.port';

/** How long a claimed swap stays its owner's; after that, any writer may finish it. */
export const SWAP_LEASE_MS = 60_000;

const DUPLICATE_KEY = 11000;
/** Real revisions are UUIDs: a revision with this prefix matches none. */
const PENDING_REVISION = 'pending-swap:';

/** The pending swap, if `owner` may work on it: its own, unowned (its writer crashed early), or its owner silent past the lease. */
export const claimFilter = (owner: string, now: Date): Document => ({
  _id: PENDING_ID,
  $or: [
    { owner },
    { owner: { $exists: false } },
    { owner: null },
    { claimedAt: { $lt: new Date(now.getTime() - SWAP_LEASE_MS) } },
  ],
});

/**
 * What readers see while a swap is pending: the checkpoints it will write, and those it will
 * delete as they are, both under a revision no commit can expect, so a unit of work begun from
 * them fails with CheckpointConflict (a collection under it may be renamed meanwhile) and its
 * writer reads again once the swap is done.
 */
export const withPendingSwap = (
  records: readonly CheckpointRecord[],
  pending: PendingSwap | null,
): CheckpointRecord[] => {
  if (pending === null) return [...records];
  const shown = new Map(records.map((record) => [record._id, record]));
  for (const name of pending.deleteCheckpoints) {
    const stored = shown.get(name);
    if (stored) shown.set(name, { ...stored, revision: `${PENDING_REVISION}deleted` });
  }
  for (const record of pending.checkpoints)
    shown.set(record._id, { ...record, revision: `${PENDING_REVISION}${record.revision ?? ''}` });
  return [...shown.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
};

/** Inserting a second pending-swap record fails on its fixed id: another swap is under way. */
export const pendingSwapError = (error: unknown): unknown =>
  (error as { code?: unknown } | null)?.code === DUPLICATE_KEY
    ? new TaskledgerError(
        'StoreBusy',
        'another process is swapping collections; nothing was committed, try again once its swap is done',
        {},
        { cause: error },
      )
    : error;

const renameOnce = async (db: Db, { source, target }: CollectionSwap): Promise<void> => {
  try {
    await db.renameCollection(source, target, { dropTarget: true });
  } catch (error) {
    // An earlier owner renamed it but stopped before recording that: the target is there.
    const targetExists = await db.listCollections({ name: target }, { nameOnly: true }).hasNext();
    if (!isNamespaceNotFound(error) || !targetExists) throw error;
  }
};

/**
 * Finishes the pending swap if this writer may claim it (see claimFilter): each rename once,
 * its progress recorded, then the checkpoints and the record's removal in one transaction.
 * Returns the swaps it completed; none when there is no pending swap or another owner holds it.
 */
export const completePendingSwap = async (client: MongoClient, db: Db, owner: string): Promise<CollectionSwap[]> => {
  const pendingSwaps = db.collection<PendingSwap>(PENDING);
  const claimed = await pendingSwaps.findOneAndUpdate(
    claimFilter(owner, new Date()),
    { $set: { owner, claimedAt: new Date() } },
    { returnDocument: 'after' },
  );
  if (claimed === null) return [];
  const start = claimed.done ?? 0;
  for (const [offset, swap] of claimed.swaps.slice(start).entries()) {
    await renameOnce(db, swap);
    const progress = await pendingSwaps.updateOne(
      { _id: PENDING_ID, owner },
      { $set: { done: start + offset + 1, claimedAt: new Date() } },
    );
    if (progress.matchedCount === 0) return [];
  }
  let finished = false;
  await inTransaction(client, async (session) => {
    const removed = await pendingSwaps.deleteOne({ _id: PENDING_ID, owner }, { session });
    finished = removed.deletedCount === 1;
    if (finished) await writeCheckpoints(db, claimed.checkpoints, claimed.deleteCheckpoints, session);
  });
  return finished ? claimed.swaps : [];
};

/** The checkpoints with a pending swap's writes shown as done; readers run no DDL. */
export const readCheckpoints = async (db: Db, filter: Document = {}): Promise<CheckpointRecord[]> => {
  const pending = await db.collection<PendingSwap>(PENDING).findOne({ _id: PENDING_ID });
  const records = await db.collection<CheckpointRecord>(CHECKPOINTS).find(filter).sort({ _id: 1 }).toArray();
  const name = typeof filter['_id'] === 'string' ? filter['_id'] : null;
  const shown = withPendingSwap(records, pending);
  return name === null ? shown : shown.filter((record) => record._id === name);
};
