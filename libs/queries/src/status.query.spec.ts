import { toEnvelopes } from '@taskledger/events';
import { completed, executionFailed, registered, started, testContext } from '@taskledger/events/testing';
import { MemoryEventStore } from '@taskledger/event-store';
import { MemoryReadStore } from '@taskledger/read-store';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import { readModels } from '@taskledger/projections';
import { toProjected } from '@taskledger/projections/testing';
import { buildLedger, scenario } from '../test/ledger';
import { ledgerPosition } from './ledger-position';
import { cachedLedgerStatus, ledgerStatus } from './status.query';
import { renderStatusText } from './status.render';

describe('ledger status', () => {
  describe('given five tasks: two completed, one failed, one pending, one running', () => {
    it('counts them by status, lists recent executions newest first and rates success over ended executions', async () => {
      const ledger = await buildLedger(scenario());
      const status = await ledgerStatus(ledger);
      expect(status).toMatchObject({
        totalTasks: 5,
        pendingTasks: 1,
        byStatus: { pending: 1, running: 1, retrying: 0, completed: 2, failed: 1, skipped: 0 },
        executions: 3,
        successRate: 0.6667,
        ledgerPosition: '16',
        headPosition: '16',
        lag: 0,
      });
      expect(status.recent.map((run) => `${run.taskId}: ${run.status} (${run.at})`)).toEqual([
        'B-3: failed (2026-01-05T09:31:00.000Z)',
        'B-2: completed (2026-01-05T09:23:00.000Z)',
        'B-1: completed (2026-01-05T09:17:00.000Z)',
      ]);
    });

    it('renders the status layout', async () => {
      const text = renderStatusText(await ledgerStatus(await buildLedger(scenario())));
      expect(text).toContain(
        'Execution Status:\nTotal tasks: 5\nPending tasks: 1\n\nStatus breakdown:\n  pending: 1\n',
      );
      expect(text).toContain(
        'Recent executions:\n  B-3: failed (2026-01-05T09:31:00Z)\n  B-2: completed (2026-01-05T09:23:00Z)\n',
      );
      expect(text).toContain('Success rate: 66.7% of 3 ended executions');
      expect(text).toContain('Projection lag: 0 events');
    });
  });

  describe('given tasks the backlog declares done', () => {
    const ledger = () =>
      buildLedger(
        toProjected([
          registered('D-1', { backlogStatus: 'done' }),
          registered('D-2', { backlogStatus: 'done' }),
          started('D-2'),
          executionFailed('D-2'),
          registered('D-3'),
          started('D-3'),
          completed('D-3'),
          registered('D-4'),
        ]),
      );

    it('counts one the ledger never ran as completed, as the run summary shows it done; a run in the ledger wins', async () => {
      const status = await ledgerStatus(await ledger());
      expect(status).toMatchObject({
        totalTasks: 4,
        pendingTasks: 1,
        declaredDone: 1,
        byStatus: { pending: 1, completed: 2, failed: 1 },
      });
      expect(renderStatusText(status)).toContain(
        'Pending tasks: 1\n\nStatus breakdown:\n  pending: 1\n  running: 0\n  retrying: 0\n  completed: 2 (1 declared done in the backlog)\n  failed: 1\n',
      );
    });
  });

  describe('given an event appended after the read models caught up', () => {
    it('reports the lag and the position the read models are at', async () => {
      const ledger = await buildLedger(scenario());
      await ledger.eventStore.append('task-B-9', toEnvelopes([registered('B-9')], testContext({ firstId: 500 })), {
        expectedRevision: 'any',
      });
      const status = await ledgerStatus(ledger);
      expect(status).toMatchObject({ lag: 1, ledgerPosition: '16', headPosition: '17', totalTasks: 5 });
    });
  });

  describe('given a fresh ledger where no read model was built yet', () => {
    it('answers with zeros instead of failing', async () => {
      const status = await ledgerStatus({ eventStore: new MemoryEventStore(), readStore: new MemoryReadStore() });
      expect(status).toMatchObject({
        totalTasks: 0,
        pendingTasks: 0,
        recent: [],
        successRate: null,
        ledgerPosition: null,
        lag: 0,
      });
      expect(renderStatusText(status)).toContain('Recent executions:\n  (none yet)');
    });
  });

  describe('ledger position', () => {
    it('is the lowest checkpoint among the read models', async () => {
      const { readStore } = await buildLedger(scenario());
      await readStore.commit({ checkpoints: [{ name: 'error_statistics', position: '9', version: 1 }] });
      expect(await ledgerPosition(readStore)).toBe('9');
    });
  });
});

describe('cached ledger status (for servers)', () => {
  it('gives what ledgerStatus gives, recomputes when a checkpoint moves, and always reads the lag fresh', async () => {
    const ledger = await buildLedger(scenario());
    const status = cachedLedgerStatus(ledger);
    expect(await status()).toEqual(await ledgerStatus(ledger));
    await ledger.eventStore.append('task-B-9', toEnvelopes([registered('B-9')], testContext({ firstId: 500 })), {
      expectedRevision: 'any',
    });
    expect(await status()).toMatchObject({ totalTasks: 5, lag: 1, headPosition: '17' });
    await new ProjectionRuntime({ ...ledger, projections: readModels }).catchUp();
    expect(await status()).toMatchObject({ totalTasks: 6, pendingTasks: 2, lag: 0, ledgerPosition: '17' });
  });
});
