import { isTaskledgerError } from '@taskledger/errors';
import { claimFilter, pendingSwapError, SWAP_LEASE_MS, withPendingSwap } from './mongodb-swap';
import type { CheckpointRecord } from './mongodb-unit-of-work';

const record = (name: string, position: string, revision: string): CheckpointRecord => ({
  _id: name,
  position,
  version: 1,
  state: null,
  revision,
});

describe('mongodb pending swaps', () => {
  it('lets a process claim a pending swap that it owns, nobody owns, or whose owner went silent', () => {
    const now = new Date('2026-01-01T00:10:00.000Z');
    expect(claimFilter('me', now)).toEqual({
      _id: 'swap',
      $or: [
        { owner: 'me' },
        { owner: { $exists: false } },
        { owner: null },
        { claimedAt: { $lt: new Date(now.getTime() - SWAP_LEASE_MS) } },
      ],
    });
  });

  it('shows readers the checkpoints a pending swap will write under revisions no commit can expect', () => {
    const stored = [record('a', '1', 'r-a'), record('b', '1', 'r-b'), record('c', '1', 'r-c')];
    const pending = {
      _id: 'swap',
      swaps: [{ source: 'a__v2', target: 'a' }],
      checkpoints: [record('a', '9', 'r-a2'), record('d', '9', 'r-d')],
      deleteCheckpoints: ['c'],
      done: 0,
    };
    const shown = withPendingSwap(stored, pending);
    expect(shown.map((r) => [r._id, r.position])).toEqual([
      ['a', '9'],
      ['b', '1'],
      ['c', '1'],
      ['d', '9'],
    ]);
    expect(shown.find((r) => r._id === 'b')!.revision).toBe('r-b');
    const unexpectable = shown.filter((r) => r._id !== 'b').map((r) => r.revision);
    for (const revision of unexpectable) expect(['r-a', 'r-a2', 'r-c', 'r-d']).not.toContain(revision);
    expect(new Set(unexpectable).size).toBe(3);
    expect(withPendingSwap(stored, null)).toEqual(stored);
  });

  it('reports a second swap begun while one is pending as StoreBusy, not a raw duplicate key', () => {
    const duplicate = Object.assign(new Error('E11000 duplicate key error collection: db._rs_pending'), {
      name: 'MongoServerError',
      code: 11000,
    });
    const mapped = pendingSwapError(duplicate);
    expect(isTaskledgerError(mapped, 'StoreBusy')).toBe(true);
    expect((mapped as Error).message).toMatch(/another process is swapping collections/);
    const other = new Error('other');
    expect(pendingSwapError(other)).toBe(other);
  });
});
