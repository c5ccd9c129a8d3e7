import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent, SqliteEventStore } from '@taskledger/event-store';
import { cli } from '../test/execution-cli';
import { runCli, workDir } from '../test/run-cli';

jest.setTimeout(120_000);

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

/** A ledger holding only `events`, appended as they were (ids, times and all). */
const writeLedger = async (dir: string, events: readonly RecordedEvent[]): Promise<void> => {
  mkdirSync(join(dir, '.taskledger'), { recursive: true });
  const store = new SqliteEventStore(join(dir, '.taskledger/ledger.db'));
  for (const { id, type, data, metadata, streamName, revision } of events)
    await store.append(streamName, [{ id, type, data, metadata } as RecordedEvent], {
      expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
    });
  await store.close();
};

const COMMANDS = [
  ['status'],
  ['stats'],
  ['errors'],
  ['list'],
  ['lanes'],
  ['validate'],
  ['projections', 'status'],
  ['history', 'EX-2'],
];

describe('--as-of on the reading commands, against ledgers that held only the events up to then', () => {
  const now = workDir('as-of-now');
  const then = workDir('as-of-then');
  const empty = workDir('as-of-empty');
  afterAll(() => [now, then, empty].forEach((dir) => dir.remove()));
  const inNow = (...args: string[]) => runCli(args, { cwd: now.path });
  const inThen = (...args: string[]) => runCli(args, { cwd: then.path });
  let events: RecordedEvent[];
  /** The ledger "then" holds the first `cut` events: 20 or more, the last stamped before the next. */
  let cut: number;
  const timeOf = (index: number) => Date.parse(events[index]!.metadata.occurredAt);

  beforeAll(async () => {
    cpSync(EXAMPLES, join(now.path, 'examples'), { recursive: true });
    await cli(['run', '--backlog', 'examples/backlog.md', '--config', 'examples/taskledger.config.json'], {
      cwd: now.path,
    });
    const store = new SqliteEventStore(join(now.path, '.taskledger/ledger.db'));
    events = [];
    for await (const event of store.readAll()) events.push(event);
    await store.close();
    cut = 20;
    while (timeOf(cut - 1) === timeOf(cut)) cut += 1;
    await writeLedger(then.path, events.slice(0, cut));
  });

  it('prints what each command printed when the ledger held the first 20-odd events, after a first line naming the point', async () => {
    const time = new Date(timeOf(cut - 1)).toISOString();
    for (const command of COMMANDS) {
      const past = await inNow(...command, '--as-of', `position:${cut}`);
      const expected = await inThen(...command);
      expect({ command, code: past.code }).toEqual({ command, code: expected.code });
      expect(past.stdout).toBe(`As of ledger position ${cut} (${time})\n${expected.stdout}`);
    }
  });

  it('gives JSON with asOf: {position, time} and otherwise the same answer, for a time with a zone', async () => {
    const [occurred, next] = [timeOf(cut - 1), timeOf(cut)];
    const moment = new Date(occurred + Math.floor((next - occurred) / 2) + 3_600_000)
      .toISOString()
      .replace('Z', '+01:00');
    for (const command of [['status'], ['list'], ['errors'], ['export', 'tasks']]) {
      const past = JSON.parse((await inNow(...command, '--format', 'json', '--as-of', moment)).stdout);
      const expected = JSON.parse((await inThen(...command, '--format', 'json')).stdout);
      expect(past).toEqual({
        asOf: { position: String(cut), time: new Date(occurred).toISOString() },
        ...expected,
      });
    }
  });

  it('answers a date before the first event as an empty ledger, and a future one as the present', async () => {
    const before = await inNow('status', '--as-of', '2001-01-01');
    const fresh = await runCli(['status'], { cwd: empty.path });
    expect(before.code).toBe(0);
    expect(before.stdout).toBe(`As of ledger position 0 (before the first event: an empty ledger)\n${fresh.stdout}`);
    const future = await inNow('export', 'metrics', '--format', 'csv', '--as-of', '2999-12-31T23:59');
    expect(future.stdout).toBe((await inNow('export', 'metrics', '--format', 'csv')).stdout);
    expect(future.stderr).toContain(`As of ledger position ${events.length} (`);
  });

  it('refuses a malformed moment with exit 2, naming the accepted forms', async () => {
    for (const [command, value] of [
      ['status', 'last tuesday'],
      ['list', '2026-02-30'],
      ['history', 'position:x'],
    ] as const) {
      const args = command === 'history' ? [command, 'EX-2'] : [command];
      const result = await inNow(...args, '--as-of', value);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`as-of "${value}"`);
      expect(result.stderr).toMatch(/expected an ISO-8601 time .*a date .*position:<n>/);
    }
  });
});
