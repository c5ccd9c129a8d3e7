import type { ClientSession, Db, MongoClient } from 'mongodb';
import { inTransaction } from './mongodb-connection';
import { bulkOperations, MongoDoc } from './mongodb-query';
import { randomUUID } from 'node:crypto';
import { checkpointConflict } from './read-store.errors';
import type { Checkpoint, CollectionSwap } from './read-store.port';
import { checkpointFrom, PreparedCheckpoint, PreparedUnit } from './write-validation';

export const CHECKPOINTS = '_rs_checkpoints';
export const PENDING = '_rs_pending';
export const PENDING_ID = 'swap';

export interface CheckpointRecord {
  _id: string;
  position: string | null;
  version: number;
  /** JSON text, so any JSON state round-trips exactly. */
  state: string | null;
  /** Absent on records written before checkpoints had revisions (read as ''). */
  revision?: string;
}

/** Swaps that a transaction decided on, with the checkpoint writes that must follow them. */
export interface PendingSwap {
  _id: string;
  swaps: CollectionSwap[];
  checkpoints: CheckpointRecord[];
  deleteCheckpoints: string[];
  /** The process completing it, and when it last made progress (absent on records of older versions). */
  owner?: string | null;
  claimedAt?: Date;
  /** How many of the swaps' renames are done. */
  done?: number;
}

export const toRecord = ({ checkpoint, stateJson }: PreparedCheckpoint): CheckpointRecord => ({
  _id: checkpoint.name,
  position: checkpoint.position,
  version: checkpoint.version,
  state: stateJson,
  revision: checkpoint.revision,
});

export const fromRecord = (record: CheckpointRecord): Checkpoint =>
  checkpointFrom(record._id, record.position, record.version, record.state, record.revision ?? '');

/**
 * Checks the unit's expectations inside its transaction. Every unit that expects a checkpoint
 * also writes or deletes it, so two transactions that read the same revision cannot both
 * commit: the second one's write conflicts, the driver retries it, and the retry reads the
 * new revision and fails here.
 */
const checkExpectations = async (db: Db, unit: PreparedUnit, session: ClientSession): Promise<void> => {
  const checkpoints = db.collection<CheckpointRecord>(CHECKPOINTS);
  for (const { name, revision } of unit.expect) {
    const record = await checkpoints.findOne({ _id: name }, { session });
    const actual = record === null ? null : (record.revision ?? '');
    if (actual !== revision) throw checkpointConflict(name, revision, actual);
  }
};

const clearCollections = async (db: Db, unit: PreparedUnit, session: ClientSession): Promise<void> => {
  for (const name of unit.clear) await db.collection<MongoDoc>(name).deleteMany({}, { session });
};

/**
 * While a swap is pending, the checkpoints it will write or delete get a fresh revision at
 * once, so a unit of work that read them before fails instead of writing into a collection
 * that is being replaced.
 */
const claimCheckpoints = async (db: Db, unit: PreparedUnit, session: ClientSession): Promise<void> => {
  const names = [...unit.checkpoints.map(({ checkpoint }) => checkpoint.name), ...unit.deleteCheckpoints];
  if (names.length === 0) return;
  await db
    .collection<CheckpointRecord>(CHECKPOINTS)
    .updateMany({ _id: { $in: names } }, { $set: { revision: randomUUID() } }, { session });
};

const writeChanges = async (db: Db, unit: PreparedUnit, session: ClientSession): Promise<void> => {
  for (const [collection, operations] of bulkOperations(unit.changes)) {
    await db.collection<MongoDoc>(collection).bulkWrite(operations, { session, ordered: true });
  }
};

export const writeCheckpoints = async (
  db: Db,
  records: readonly CheckpointRecord[],
  deletes: readonly string[],
  session: ClientSession,
) => {
  const checkpoints = db.collection<CheckpointRecord>(CHECKPOINTS);
  for (const record of records) await checkpoints.replaceOne({ _id: record._id }, record, { session, upsert: true });
  if (deletes.length > 0) await checkpoints.deleteMany({ _id: { $in: [...deletes] } }, { session });
};

/**
 * MongoDB cannot rename a collection inside a transaction, so a unit of work with swaps is
 * three steps: (1) the expectations checked, documents, fresh revisions on the checkpoints the
 * swap replaces, and a pending-swap record owned by `owner`, in one transaction; (2) the
 * renames; (3) the checkpoints plus removing the record, in one transaction (steps 2 and 3:
 * completePendingSwap). Meanwhile readers see the checkpoints the swap will write.
 */
export const commitUnit = async (client: MongoClient, db: Db, unit: PreparedUnit, owner: string): Promise<void> => {
  const records = unit.checkpoints.map(toRecord);
  if (unit.swaps.length === 0) {
    return inTransaction(client, async (session) => {
      await checkExpectations(db, unit, session);
      await clearCollections(db, unit, session);
      await writeChanges(db, unit, session);
      await writeCheckpoints(db, records, unit.deleteCheckpoints, session);
    });
  }
  const pending: PendingSwap = {
    _id: PENDING_ID,
    swaps: [...unit.swaps],
    checkpoints: records,
    deleteCheckpoints: [...unit.deleteCheckpoints],
    owner,
    claimedAt: new Date(),
    done: 0,
  };
  await inTransaction(client, async (session) => {
    await checkExpectations(db, unit, session);
    await clearCollections(db, unit, session);
    await writeChanges(db, unit, session);
    await claimCheckpoints(db, unit, session);
    await db.collection<PendingSwap>(PENDING).insertOne(pending, { session });
  });
};
