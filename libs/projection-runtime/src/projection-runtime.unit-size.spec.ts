import { MemoryEventStore } from '@taskledger/event-store';
import { MemoryReadStore, type CommitReceipt, type UnitOfWork } from '@taskledger/read-store';
import { appendTo, completion, completionsProjection } from '../test/runtime-fixtures';
import { ProjectionRuntime } from './projection-runtime';

/** A read store that commits at most `maxUnitOfWorkChanges` changes comfortably, and records the largest commit. */
class BoundedReadStore extends MemoryReadStore {
  readonly maxUnitOfWorkChanges = 20;
  largest = 0;

  override async commit(unit: UnitOfWork): Promise<CommitReceipt> {
    this.largest = Math.max(this.largest, unit.changes?.length ?? 0);
    return super.commit(unit);
  }
}

describe("projection runtime and the read store's largest unit of work", () => {
  it('commits a long catch-up of several projections in units of work the store can take', async () => {
    const events = new MemoryEventStore();
    const reads = new BoundedReadStore();
    for (let task = 0; task < 150; task += 1) await appendTo(events, `B-${task}`, [completion(`B-${task}`, task)]);
    const copy = { ...completionsProjection(), name: 'completions_copy' };
    await new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection(), copy],
    }).catchUp();
    expect(reads.largest).toBeGreaterThan(0);
    expect(reads.largest).toBeLessThanOrEqual(20);
    expect(await reads.count('completions')).toBe(150);
    expect(await reads.count('completions_copy')).toBe(150);
    expect(await reads.get('completions_copy', 'B-149')).toEqual({ id: 'B-149', completions: 1, totalMs: 149 });
  });
});
