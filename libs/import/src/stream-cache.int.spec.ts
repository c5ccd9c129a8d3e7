import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envelopes, registered, testContext } from '@taskledger/events/testing';
import { SqliteEventStore } from '@taskledger/event-store';
import { cachingStreamReads } from './stream-cache';

describe('a store that remembers the streams it read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskledger-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sees appends of its own and of other writers, and a lost race makes the next read fresh', async () => {
    const store = new SqliteEventStore(join(dir, 'ledger.db'));
    const other = new SqliteEventStore(join(dir, 'ledger.db'));
    const cached = cachingStreamReads(store);
    const batch = (firstId: number) => envelopes([registered('B-1')], testContext({ firstId }));
    try {
      await cached.append('task-B-1', batch(1), { expectedRevision: 'no_stream' });
      expect((await cached.readStream('task-B-1')).map((event) => event.revision)).toEqual([0]);
      await other.append('task-B-1', batch(2), { expectedRevision: 0 });
      await expect(cached.append('task-B-1', batch(3), { expectedRevision: 0 })).rejects.toMatchObject({
        code: 'ConcurrencyConflict',
      });
      expect((await cached.readStream('task-B-1')).map((event) => event.revision)).toEqual([0, 1]);
      await cached.append('task-B-1', batch(4), { expectedRevision: 1 });
      expect((await cached.readStream('task-B-1')).map((event) => event.id)).toEqual(
        [...batch(1), ...batch(2), ...batch(4)].map((event) => event.id),
      );
    } finally {
      await other.close();
      await store.close();
    }
  });
});
