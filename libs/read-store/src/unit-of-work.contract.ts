import { rejectsWith } from '../test/expect-error';
import type { ContractContext } from './read-store.contract';
import type { Checkpoint, ReadStore, StoredDocument, UnitOfWork } from './read-store.port';

const checkpoint = (position: string | null, extra: Partial<Checkpoint> = {}): Checkpoint => ({
  name: 'executions',
  position,
  version: 1,
  ...extra,
});

/** A checkpoint as read back: as written, plus the revision the store gave it. */
const stored = (written: Checkpoint) => ({ ...written, revision: expect.any(String) });

const snapshot = async (store: ReadStore) => ({
  executions: (await store.find('executions')).items,
  metrics: (await store.find('metrics')).items,
  checkpoints: await store.listCheckpoints(),
});

export const unitOfWorkContract = ({ store, subject }: ContractContext): void => {
  describe('unit of work and checkpoints', () => {
    beforeEach(async () => {
      await store().ensureCollection('executions');
      await store().ensureCollection('metrics');
      await store().commit({
        changes: [
          { op: 'put', collection: 'executions', doc: { id: 'e-1', status: 'running' } },
          { op: 'put', collection: 'metrics', doc: { id: 'm-1', runs: 1 } },
        ],
        checkpoints: [checkpoint('10')],
      });
    });

    it('commits puts and deletes across collections together with the checkpoint', async () => {
      await store().commit({
        changes: [
          { op: 'put', collection: 'executions', doc: { id: 'e-1', status: 'done' } },
          { op: 'put', collection: 'executions', doc: { id: 'e-2', status: 'running' } },
          { op: 'delete', collection: 'metrics', id: 'm-1' },
        ],
        checkpoints: [checkpoint('20')],
      });
      expect(await snapshot(store())).toEqual({
        executions: [
          { id: 'e-1', status: 'done' },
          { id: 'e-2', status: 'running' },
        ],
        metrics: [],
        checkpoints: [stored(checkpoint('20'))],
      });
    });

    it('applies changes in order', async () => {
      await store().commit({
        changes: [
          { op: 'delete', collection: 'executions', id: 'e-1' },
          { op: 'put', collection: 'executions', doc: { id: 'e-1', status: 'again' } },
          { op: 'put', collection: 'executions', doc: { id: 'e-2', status: 'brief' } },
          { op: 'delete', collection: 'executions', id: 'e-2' },
        ],
      });
      expect((await store().find('executions')).items).toEqual([{ id: 'e-1', status: 'again' }]);
    });

    describe('when any part of a unit of work fails', () => {
      const valid: UnitOfWork = {
        changes: [
          { op: 'put', collection: 'executions', doc: { id: 'e-2', status: 'new' } },
          { op: 'delete', collection: 'metrics', id: 'm-1' },
        ],
        checkpoints: [checkpoint('30')],
      };
      const failures: [string, UnitOfWork, 'InvalidDocument' | 'CollectionNotFound' | 'InvalidArgument'][] = [
        [
          'a document that cannot be serialised',
          { ...valid, changes: [...valid.changes!, badDoc()] },
          'InvalidDocument',
        ],
        [
          'a change to a missing collection',
          { ...valid, changes: [...valid.changes!, toMissing] },
          'CollectionNotFound',
        ],
        [
          'a swap of a missing collection',
          { ...valid, swaps: [{ source: 'missing', target: 'metrics' }] },
          'CollectionNotFound',
        ],
        ['an invalid checkpoint', { ...valid, checkpoints: [checkpoint('40', { version: -1 })] }, 'InvalidArgument'],
      ];
      it.each(failures)('leaves documents and checkpoint unchanged after %s', async (_, unit, code) => {
        const before = await snapshot(store());
        await rejectsWith(store().commit(unit), code);
        expect(await snapshot(store())).toEqual(before);
      });
    });

    it('round-trips checkpoints, with and without state', async () => {
      const withState = checkpoint('opaque:pos/1', { name: 'metrics', version: 3, state: { lag: [1, 2], note: null } });
      await store().commit({ checkpoints: [withState, checkpoint(null, { name: 'audit' })] });
      expect(await store().getCheckpoint('metrics')).toEqual(stored(withState));
      expect(await store().getCheckpoint('audit')).toEqual(stored(checkpoint(null, { name: 'audit' })));
      expect(Object.keys((await store().getCheckpoint('executions'))!)).toEqual([
        'name',
        'position',
        'version',
        'revision',
      ]);
      expect(await store().getCheckpoint('unknown')).toBeNull();
      expect((await store().listCheckpoints()).map((saved) => saved.name)).toEqual(['audit', 'executions', 'metrics']);
    });

    it('overwrites and deletes checkpoints', async () => {
      await store().commit({ checkpoints: [checkpoint('11', { version: 2 })] });
      expect(await store().getCheckpoint('executions')).toEqual(stored(checkpoint('11', { version: 2 })));
      await store().commit({ deleteCheckpoints: ['executions', 'never-saved'] });
      expect(await store().listCheckpoints()).toEqual([]);
    });

    it('shows a commit to another client of the same store', async () => {
      const other = await subject().openSecondClient();
      try {
        expect(await other.get('executions', 'e-1')).toEqual({ id: 'e-1', status: 'running' });
        await store().commit({
          changes: [{ op: 'put', collection: 'executions', doc: { id: 'e-9' } }],
          checkpoints: [checkpoint('99')],
        });
        expect(await other.get('executions', 'e-9')).toEqual({ id: 'e-9' });
        expect(await other.getCheckpoint('executions')).toEqual(stored(checkpoint('99')));
        await other.put('metrics', { id: 'm-9' });
        expect(await store().count('metrics')).toBe(2);
      } finally {
        await other.close();
      }
    });
  });
};

const badDoc = () => ({
  op: 'put' as const,
  collection: 'executions',
  doc: { id: 'e-3', count: 1n } as unknown as StoredDocument,
});
const toMissing = { op: 'put' as const, collection: 'missing', doc: { id: 'x' } };
