import { MemoryEventStore } from '@taskledger/event-store';
import { defineProjection } from '@taskledger/projections';
import { MemoryReadStore, type AnyDocument, type CommitReceipt, type UnitOfWork } from '@taskledger/read-store';
import { appendTo, completion, completionsProjection } from '../test/runtime-fixtures';
import { ProjectionRuntime } from './projection-runtime';

/** A read store that counts the documents it was asked to write and to read. */
class CountingReadStore extends MemoryReadStore {
  documentsWritten = 0;
  documentsRead = 0;

  override async commit(unit: UnitOfWork): Promise<CommitReceipt> {
    this.documentsWritten += (unit.changes ?? []).filter((change) => change.op === 'put').length;
    return super.commit(unit);
  }

  override async getMany<T extends AnyDocument>(collection: string, ids: readonly string[]): Promise<(T | null)[]> {
    this.documentsRead += ids.length;
    return super.getMany<T>(collection, ids);
  }
}

/** A trail of completions: one document per event, keyed by its id. */
const completionTrail = defineProjection<{ id: string; taskId: string }, 'TaskExecutionCompleted'>({
  name: 'completion_trail',
  version: 1,
  description: 'one document per completion (test projection)',
  handles: ['TaskExecutionCompleted'],
  documentIds: (event) => [event.id],
  evolve: (_doc, event) => ({ id: event.id, taskId: event.data.taskId }),
  documentPerEvent: true,
});

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

describe('projection runtime catching up a read model with a document per event', () => {
  it('reads none of its documents from the store, even when the collection already holds some', async () => {
    const events = new MemoryEventStore();
    const reads = new CountingReadStore();
    const catchUp = () =>
      new ProjectionRuntime({ eventStore: events, readStore: reads, projections: [completionTrail] }).catchUp();
    for (let n = 0; n < 10; n += 1) await appendTo(events, 'B-1', [completion('B-1', n)]);
    await catchUp();
    for (let n = 0; n < 10; n += 1) await appendTo(events, 'B-2', [completion('B-2', n)]);

    await catchUp();

    expect(reads.documentsRead).toBe(0);
    expect(await reads.count('completion_trail')).toBe(20);
    expect(await reads.count('completion_trail', { taskId: 'B-2' })).toBe(10);
  });
});
