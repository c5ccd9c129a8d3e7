import { rejectsWith } from '../test/expect-error';
import type { ContractContext } from './read-store.contract';
import type { Checkpoint, ReadStore } from './read-store.port';

const checkpoint = (position: string, name = 'executions'): Checkpoint => ({ name, position, version: 1 });

const revisionOf = async (store: ReadStore, name = 'executions'): Promise<string | null> =>
  (await store.getCheckpoint(name))?.revision ?? null;

/** Two writers folding the same events: only the one whose checkpoint revision still holds commits. */
export const compareAndSetContract = ({ store, subject }: ContractContext): void => {
  describe('checkpoint compare-and-set', () => {
    beforeEach(async () => {
      await store().ensureCollection('executions');
      await store().ensureCollection('executions__next');
    });

    it('gives every checkpoint write a new revision and reports it', async () => {
      const first = await store().commit({ checkpoints: [checkpoint('1')] });
      const second = await store().commit({ checkpoints: [checkpoint('1')] });
      expect(first.revisions.executions).toEqual(expect.any(String));
      expect(second.revisions.executions).not.toBe(first.revisions.executions);
      expect(await revisionOf(store())).toBe(second.revisions.executions);
    });

    it('commits when the expected revision still holds, and when "none" is expected of a new checkpoint', async () => {
      await store().commit({
        expect: [{ name: 'executions', revision: null }],
        changes: [{ op: 'put', collection: 'executions', doc: { id: 'e-1', runs: 1 } }],
        checkpoints: [checkpoint('1')],
      });
      const read = await revisionOf(store());
      await store().commit({
        expect: [{ name: 'executions', revision: read }],
        changes: [{ op: 'put', collection: 'executions', doc: { id: 'e-1', runs: 2 } }],
        checkpoints: [checkpoint('2')],
      });
      expect(await store().get('executions', 'e-1')).toEqual({ id: 'e-1', runs: 2 });
      expect((await store().getCheckpoint('executions'))?.position).toBe('2');
    });

    it('refuses the second of two writers that read the same revision, writing nothing of it', async () => {
      await store().commit({ checkpoints: [checkpoint('1')] });
      const other = await subject().openSecondClient();
      try {
        const read = await revisionOf(store());
        expect(await revisionOf(other)).toBe(read);
        const winner = await other.commit({
          expect: [{ name: 'executions', revision: read }],
          changes: [{ op: 'put', collection: 'executions', doc: { id: 'e-1', runs: 1 } }],
          checkpoints: [checkpoint('2')],
        });
        await rejectsWith(
          store().commit({
            expect: [{ name: 'executions', revision: read }],
            changes: [{ op: 'put', collection: 'executions', doc: { id: 'e-1', runs: 99 } }],
            checkpoints: [checkpoint('2')],
          }),
          'CheckpointConflict',
        );
        expect(await store().get('executions', 'e-1')).toEqual({ id: 'e-1', runs: 1 });
        expect(await revisionOf(store())).toBe(winner.revisions.executions);
      } finally {
        await other.close();
      }
    });

    it('refuses a writer that expects no checkpoint when one exists, and one that expects a deleted checkpoint', async () => {
      await store().commit({ checkpoints: [checkpoint('1')] });
      const read = await revisionOf(store());
      await rejectsWith(
        store().commit({ expect: [{ name: 'executions', revision: null }], checkpoints: [checkpoint('2')] }),
        'CheckpointConflict',
      );
      await store().commit({ deleteCheckpoints: ['executions'] });
      await store().commit({ checkpoints: [checkpoint('1')] });
      await rejectsWith(
        store().commit({ expect: [{ name: 'executions', revision: read }], checkpoints: [checkpoint('2')] }),
        'CheckpointConflict',
      );
      expect((await store().getCheckpoint('executions'))?.position).toBe('1');
    });

    it('clears a collection with its checkpoint in one unit, only if the checkpoint is unchanged', async () => {
      await store().commit({
        changes: [{ op: 'put', collection: 'executions__next', doc: { id: 'e-1' } }],
        checkpoints: [checkpoint('5', 'executions__next')],
      });
      const read = await revisionOf(store(), 'executions__next');
      await store().commit({ checkpoints: [checkpoint('6', 'executions__next')] });
      const stale = { expect: [{ name: 'executions__next', revision: read }], clear: ['executions__next'] };
      await rejectsWith(store().commit({ ...stale, deleteCheckpoints: ['executions__next'] }), 'CheckpointConflict');
      expect(await store().count('executions__next')).toBe(1);
      const current = await revisionOf(store(), 'executions__next');
      await store().commit({
        expect: [{ name: 'executions__next', revision: current }],
        clear: ['executions__next'],
        deleteCheckpoints: ['executions__next'],
      });
      expect(await store().count('executions__next')).toBe(0);
      expect(await store().getCheckpoint('executions__next')).toBeNull();
    });

    it('makes a swap conditional on the shadow checkpoint, and moves the live checkpoint to a new revision', async () => {
      await store().commit({ checkpoints: [checkpoint('3')] });
      const live = await revisionOf(store());
      await store().commit({
        changes: [{ op: 'put', collection: 'executions__next', doc: { id: 'e-2' } }],
        checkpoints: [checkpoint('9', 'executions__next')],
      });
      const shadow = await revisionOf(store(), 'executions__next');
      const swap = {
        swaps: [{ source: 'executions__next', target: 'executions' }],
        checkpoints: [checkpoint('9')],
        deleteCheckpoints: ['executions__next'],
      };
      await rejectsWith(
        store().commit({ ...swap, expect: [{ name: 'executions__next', revision: null }] }),
        'CheckpointConflict',
      );
      await store().commit({ ...swap, expect: [{ name: 'executions__next', revision: shadow }] });
      expect(await store().get('executions', 'e-2')).toEqual({ id: 'e-2' });
      await rejectsWith(
        store().commit({
          expect: [{ name: 'executions', revision: live }],
          changes: [{ op: 'put', collection: 'executions', doc: { id: 'stale' } }],
          checkpoints: [checkpoint('4')],
        }),
        'CheckpointConflict',
      );
      expect(await store().get('executions', 'stale')).toBeNull();
    });
  });
};
