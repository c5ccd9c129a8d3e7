import fc from 'fast-check';
import { registered } from '@taskledger/events/testing';
import { arbitraryHistory, toProjected } from '@taskledger/projections/testing';
import { buildLedger, scenario } from '../test/ledger';
import { parseCsv } from './testing/csv-parse';
import { EXPORT_FORMATS, EXPORT_KINDS, exportFile, TASKS_CSV_HEADER } from './exports.query';
import { ledgerStatus } from './status.query';
import { EXECUTION_STATUSES } from './status.query';

describe('exports', () => {
  it('given the same events folded twice, every export is byte-identical', async () => {
    const [first, second] = await Promise.all([buildLedger(scenario()), buildLedger(scenario())]);
    for (const kind of EXPORT_KINDS) {
      for (const format of EXPORT_FORMATS) {
        const [a, b] = await Promise.all([
          exportFile(first.readStore, kind, format),
          exportFile(second.readStore, kind, format),
        ]);
        expect(a.body).toBe(b.body);
        expect(a.ledgerPosition).toBe('16');
      }
    }
  });

  it('puts the ledger position in the JSON body and no wall-clock time', async () => {
    const file = await exportFile((await buildLedger(scenario())).readStore, 'tasks', 'json');
    const body = JSON.parse(file.body) as { ledgerPosition: string; tasks: { id: string }[] };
    expect(body.ledgerPosition).toBe('16');
    expect(body.tasks.map((task) => task.id)).toEqual(['B-1', 'B-2', 'B-3', 'B-4', 'B-5']);
    expect(file.body).not.toContain(new Date().toISOString().slice(0, 10));
  });

  it('writes the tasks as CSV with a ledger_position column', async () => {
    const file = await exportFile((await buildLedger(scenario())).readStore, 'tasks', 'csv');
    const [header, ...rows] = parseCsv(file.body);
    expect(header).toEqual([...TASKS_CSV_HEADER]);
    expect(rows.map((row) => [row[0], row[5], row[16], row[17]])).toEqual([
      ['B-1', 'completed', '', '16'],
      ['B-2', 'completed', 'B-1', '16'],
      ['B-3', 'failed', '', '16'],
      ['B-4', 'pending', 'B-2', '16'],
      ['B-5', 'running', '', '16'],
    ]);
  });

  it('exports a task the backlog declares done and the ledger never ran as completed, as status counts it', async () => {
    const { readStore } = await buildLedger(
      toProjected([registered('D-1', { backlogStatus: 'done' }), registered('D-2', { backlogStatus: 'todo' })]),
    );
    const [, ...rows] = parseCsv((await exportFile(readStore, 'tasks', 'csv')).body);
    expect(rows.map((row) => [row[0], row[4], row[5]])).toEqual([
      ['D-1', 'done', 'completed'],
      ['D-2', 'todo', 'pending'],
    ]);
    const json = JSON.parse((await exportFile(readStore, 'tasks', 'json')).body) as { tasks: { status: string }[] };
    expect(json.tasks.map((task) => task.status)).toEqual(['completed', 'pending']);
  });

  it('given realistic random histories, status counts add up and exports stay reproducible', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryHistory({ maxTasks: 6, maxSteps: 80 }), async (events) => {
        const [a, b] = await Promise.all([buildLedger(events), buildLedger(events)]);
        const status = await ledgerStatus(a);
        expect(EXECUTION_STATUSES.reduce((sum, name) => sum + status.byStatus[name], 0)).toBe(status.totalTasks);
        expect(status.lag).toBe(0);
        for (const kind of EXPORT_KINDS)
          expect((await exportFile(a.readStore, kind, 'json')).body).toBe(
            (await exportFile(b.readStore, kind, 'json')).body,
          );
      }),
      { numRuns: 25 },
    );
  });
});
