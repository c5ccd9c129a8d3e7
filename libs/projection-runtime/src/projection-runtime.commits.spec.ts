import { MemoryEventStore } from '@taskledger/event-store';
import { MemoryReadStore, type CommitReceipt, type UnitOfWork } from '@taskledger/read-store';
import { appendTo, completion, completionsProjection } from '../test/runtime-fixtures';
import { ProjectionRuntime } from './projection-runtime';

/** A read store that counts the documents it was asked to write. */
class CountingReadStore extends MemoryReadStore {
  documentsWritten = 0;

  override async commit(unit: UnitOfWork): Promise<CommitReceipt> {
    this.documentsWritten += (unit.changes ?? []).filter((change) => change.op === 'put').length;
    return super.commit(unit);
  }
}

describe('projection runtime catching up a read model with few documents', () => {
  it('holds them across the catch-up and writes each once, however many events it applied', async () => {
    const events = new MemoryEventStore();
    for (let n = 0; n < 90; n += 1) await appendTo(events, `B-${n % 3}`, [completion(`B-${n % 3}`, n)]);
    const reads = new CountingReadStore();
    const runtime = new ProjectionRuntime({
      eventStore: events,
      readStore: reads,
      projections: [completionsProjection()],
      batchSize: 5,
    });

    const progress = await runtime.catchUp();

    expect(progress.processed).toBe(90);
    expect(reads.documentsWritten).toBe(3);
    expect(await reads.get('completions', 'B-2')).toEqual({ id: 'B-2', completions: 30, totalMs: 1365 });
  });
});
