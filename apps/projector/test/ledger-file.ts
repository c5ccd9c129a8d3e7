import { randomUUID } from 'node:crypto';
import { taskStream } from '@taskledger/events';
import { seeded, taskHistory, toEnvelope } from '@taskledger/events/testing';
import { SqliteEventStore } from '@taskledger/event-store';

/** Writes `tasks` realistic task histories of `perTask` events each into a SQLite ledger (one append per task). */
export const writeLedger = async (path: string, tasks: number, perTask: number): Promise<void> => {
  const random = seeded(11);
  const store = new SqliteEventStore(path);
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  try {
    for (let index = 0; index < tasks; index += 1) {
      const events = taskHistory(random, index, perTask, start + index * 1000).map((timed) =>
        toEnvelope(timed, randomUUID()),
      );
      await store.append(taskStream(`B-${index + 1}`), events, { expectedRevision: 'no_stream' });
    }
  } finally {
    await store.close();
  }
};
