import { MemoryEventStore } from '@taskledger/event-store';
import { appendInOrder } from '@taskledger/event-store/testing';
import { readModels, taskExecutionsProjection } from '@taskledger/projections';
import { regularHistory } from '@taskledger/projections/testing';
import { MemoryReadStore } from '@taskledger/read-store';
import { writeDueSnapshots } from './snapshot-writer';
import { listSnapshots } from './snapshots';

describe('as-of snapshots by default', () => {
  it('are written every 25,000 events', async () => {
    const events = regularHistory(50, 26_000, 7);
    expect(events.length).toBeGreaterThan(25_000);
    expect(events.length).toBeLessThan(50_000);
    const live = { eventStore: new MemoryEventStore(), readStore: new MemoryReadStore() };
    await appendInOrder(live.eventStore, events);
    await writeDueSnapshots(live.eventStore, live.readStore, readModels);
    const positions = (await listSnapshots(live.readStore, taskExecutionsProjection)).map((s) => s.position.commit);
    expect(positions).toEqual([25_000n]);
  }, 30_000);
});
