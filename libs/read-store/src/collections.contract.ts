import { rejectsWith } from '../test/expect-error';
import type { ContractContext } from './read-store.contract';

export const collectionsContract = ({ store }: ContractContext): void => {
  describe('collections', () => {
    it('ensures a collection idempotently, adding newly declared indexes and keeping the rest', async () => {
      await store().ensureCollection('executions', { indexes: [['status']] });
      await store().put('executions', { id: 'e-1', status: 'done' });
      await store().ensureCollection('executions', { indexes: [['status']] });
      await store().ensureCollection('executions', { indexes: [['taskId', 'timestamp']] });
      await store().ensureCollection('audit');
      expect(await store().listCollections()).toEqual([
        { name: 'audit', indexes: [] },
        { name: 'executions', indexes: [['status'], ['taskId', 'timestamp']] },
      ]);
      expect(await store().get('executions', 'e-1')).toEqual({ id: 'e-1', status: 'done' });
    });

    it('declares deferred indexes at once and answers filtered, sorted queries before and after they are built', async () => {
      await store().ensureCollection('history', { indexes: [['taskId', 'at']], deferIndexes: true });
      expect(await store().listCollections()).toEqual([{ name: 'history', indexes: [['taskId', 'at']] }]);
      await store().commit({
        changes: [3, 1, 2].map((at) => ({
          op: 'put' as const,
          collection: 'history',
          doc: { id: `h-${at}`, taskId: 't', at },
        })),
      });
      const query = { filter: { taskId: 't' }, sort: [{ field: 'at', direction: 'desc' as const }] };
      const ids = async () => (await store().find('history', query)).items.map((doc) => doc.id);
      expect(await ids()).toEqual(['h-3', 'h-2', 'h-1']);
      await store().ensureCollection('history', { indexes: [['taskId', 'at']] });
      expect(await ids()).toEqual(['h-3', 'h-2', 'h-1']);
      expect(await store().listCollections()).toEqual([{ name: 'history', indexes: [['taskId', 'at']] }]);
    });

    it('refuses invalid collection names and index declarations with InvalidArgument', async () => {
      for (const name of ['', 'Tasks', '1st', 'a b', 'x"; DROP TABLE events; --', 'a.b', '$cmd', 'système']) {
        await rejectsWith(store().ensureCollection(name), 'InvalidArgument');
      }
      for (const index of [[], ['a.b'], ['id'], ['a', 'a'], ['_id']]) {
        await rejectsWith(store().ensureCollection('ok', { indexes: [index] }), 'InvalidArgument');
      }
      expect(await store().listCollections()).toEqual([]);
    });

    it('drops a collection with its documents; dropping a missing one is a no-op', async () => {
      await store().ensureCollection('executions', { indexes: [['status']] });
      await store().put('executions', { id: 'e-1' });
      await store().dropCollection('executions');
      await store().dropCollection('executions');
      expect(await store().listCollections()).toEqual([]);
      await rejectsWith(store().get('executions', 'e-1'), 'CollectionNotFound');
      await store().ensureCollection('executions');
      expect(await store().count('executions')).toBe(0);
    });

    describe('swapping in a rebuilt collection', () => {
      beforeEach(async () => {
        await store().ensureCollection('executions', { indexes: [['status']] });
        await store().put('executions', { id: 'old', status: 'live' });
        await store().ensureCollection('executions__v2', { indexes: [['status'], ['taskId', 'timestamp']] });
        await store().commit({
          changes: [{ op: 'put', collection: 'executions__v2', doc: { id: 'new', status: 'rebuilt' } }],
          checkpoints: [{ name: 'executions@2', position: '500', version: 2 }],
        });
      });

      it('keeps serving the live collection until the swap, then the rebuilt one with its indexes', async () => {
        expect((await store().find('executions', { filter: { status: 'live' } })).items).toEqual([
          { id: 'old', status: 'live' },
        ]);
        await store().swapCollection('executions__v2', 'executions');
        expect((await store().find('executions', { filter: { status: 'rebuilt' } })).items).toEqual([
          { id: 'new', status: 'rebuilt' },
        ]);
        expect(await store().get('executions', 'old')).toBeNull();
        expect(await store().listCollections()).toEqual([
          { name: 'executions', indexes: [['status'], ['taskId', 'timestamp']] },
        ]);
        await rejectsWith(store().get('executions__v2', 'new'), 'CollectionNotFound');
      });

      it('swaps and moves the checkpoint in one commit', async () => {
        await store().commit({
          changes: [{ op: 'put', collection: 'executions__v2', doc: { id: 'last', status: 'rebuilt' } }],
          swaps: [{ source: 'executions__v2', target: 'executions' }],
          checkpoints: [{ name: 'executions', position: '510', version: 2 }],
          deleteCheckpoints: ['executions@2'],
        });
        expect(await store().count('executions')).toBe(2);
        expect(await store().listCheckpoints()).toEqual([
          { name: 'executions', position: '510', version: 2, revision: expect.any(String) },
        ]);
      });

      it('renames when the target does not exist yet, and lets the source name be built again', async () => {
        await store().swapCollection('executions__v2', 'history');
        await store().ensureCollection('executions__v2', { indexes: [['status'], ['taskId', 'timestamp']] });
        await store().put('executions__v2', { id: 'again', status: 'rebuilt' });
        await store().swapCollection('executions__v2', 'executions');
        expect((await store().listCollections()).map((info) => info.name)).toEqual(['executions', 'history']);
        expect((await store().find('history')).items).toEqual([{ id: 'new', status: 'rebuilt' }]);
        expect((await store().find('executions')).items).toEqual([{ id: 'again', status: 'rebuilt' }]);
      });

      it('refuses to swap a collection with itself or a missing one, changing nothing', async () => {
        await rejectsWith(store().swapCollection('executions', 'executions'), 'InvalidArgument');
        await rejectsWith(store().swapCollection('missing', 'executions'), 'CollectionNotFound');
        expect(await store().get('executions', 'old')).toEqual({ id: 'old', status: 'live' });
        expect(await store().get('executions__v2', 'new')).toEqual({ id: 'new', status: 'rebuilt' });
      });
    });
  });
};
