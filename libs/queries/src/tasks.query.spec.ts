import { buildLedger, scenario } from '../test/ledger';
import { taskHistory } from './history.query';
import { renderHistoryText } from './history.render';
import { getTask, listTasks } from './tasks.query';

describe('task queries', () => {
  const ledger = buildLedger(scenario());

  it('given a status filter, lists only those tasks, by id', async () => {
    const page = await listTasks((await ledger).readStore, { filter: { status: 'completed' } });
    expect(page.items.map((task) => task.id)).toEqual(['B-1', 'B-2']);
    expect(page.nextCursor).toBeNull();
  });

  it('given combined filters on priority and humanRequired, applies both', async () => {
    const page = await listTasks((await ledger).readStore, { filter: { priority: 'medium', humanRequired: false } });
    expect(page.items.map((task) => task.id)).toEqual(['B-2', 'B-5']);
  });

  it('given a limit, pages through every task with the opaque cursor, in the requested sort', async () => {
    const { readStore } = await ledger;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listTasks>> = await listTasks(readStore, {
        limit: 2,
        cursor,
        sort: { field: 'updatedAt', direction: 'desc' },
      });
      seen.push(...page.items.map((task) => task.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['B-5', 'B-3', 'B-2', 'B-1', 'B-4']);
  });

  it('given a sort by priority, orders by rank (critical, high, medium, low) both ways, paging by cursor', async () => {
    const { readStore } = await ledger;
    const pages = async (direction: 'asc' | 'desc') => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listTasks>> = await listTasks(readStore, {
          limit: 2,
          cursor,
          sort: { field: 'priority', direction },
        });
        seen.push(...page.items.map((task) => `${task.id}:${task.priority}`));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    };
    expect(await pages('asc')).toEqual(['B-4:critical', 'B-1:high', 'B-2:medium', 'B-5:medium', 'B-3:low']);
    expect(await pages('desc')).toEqual(['B-3:low', 'B-5:medium', 'B-2:medium', 'B-1:high', 'B-4:critical']);
  });

  it('given a cursor from another sort, fails with InvalidQuery on the cursor', async () => {
    const { readStore } = await ledger;
    const first = await listTasks(readStore, { limit: 1 });
    await expect(
      listTasks(readStore, { cursor: first.nextCursor, sort: { field: 'status', direction: 'asc' } }),
    ).rejects.toMatchObject({ code: 'InvalidQuery', details: { field: 'cursor' } });
  });

  it('given an unknown task, fails with NotFound', async () => {
    await expect(getTask((await ledger).readStore, 'B-404')).rejects.toMatchObject({
      name: 'TaskledgerError',
      code: 'NotFound',
    });
    expect((await getTask((await ledger).readStore, 'B-2')).totalRetries).toBe(1);
  });
});

describe('task history (audit trail)', () => {
  const ledger = buildLedger(scenario());

  it("returns the task's stream oldest first with position, revision, id, type, time, data and metadata", async () => {
    const history = await taskHistory((await ledger).eventStore, 'B-2');
    expect(history.task).toBe('B-2');
    expect(history.events.map((event) => event.type)).toEqual([
      'TaskRegistered',
      'TaskExecutionStarted',
      'TaskAttemptFailed',
      'TaskRetryScheduled',
      'TaskExecutionStarted',
      'TaskExecutionCompleted',
    ]);
    expect(Object.keys(history.events[0]!)).toEqual([
      'position',
      'revision',
      'id',
      'type',
      'occurredAt',
      'data',
      'metadata',
    ]);
    expect(history.events[2]).toMatchObject({
      revision: 2,
      position: '9',
      metadata: { actor: 'test', correlationId: 'test-run' },
    });
    expect(history.nextFrom).toBeUndefined();
  });

  it('given from and limit, returns that window and where to continue', async () => {
    const { eventStore } = await ledger;
    const first = await taskHistory(eventStore, 'B-2', { from: 0, limit: 4 });
    expect(first.events.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
    expect(first.nextFrom).toBe(4);
    const last = await taskHistory(eventStore, 'B-2', { from: 4, limit: 4 });
    expect(last.events.map((event) => event.revision)).toEqual([4, 5]);
    expect(last.nextFrom).toBeNull();
  });

  it('renders one line per event with time, type, actor, correlation id and key facts', async () => {
    const text = renderHistoryText(await taskHistory((await ledger).eventStore, 'B-2'));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[3]).toMatch(
      /^2026-01-05T09:21:00Z {2}TaskAttemptFailed +actor=test {2}correlation=test-run {2}attempt=1 durationMs=500 category=network severity=high exitCode=1/,
    );
    expect(lines[4]).toContain('nextAttempt=2 delayMs=2000 reason=retryable');
    expect(lines[6]).toContain('TaskExecutionCompleted');
    expect(lines[6]).toContain('attempt=2 durationMs=2000 exitCode=0');
  });

  it("renders a failure's error message and rule after its other facts", async () => {
    const b2 = renderHistoryText(await taskHistory((await ledger).eventStore, 'B-2')).split('\n');
    expect(b2[3]).toMatch(/exitCode=1 type=\w+ rule=\S+ message=connection refused, "retrying"$/);
    const b3 = renderHistoryText(await taskHistory((await ledger).eventStore, 'B-3')).split('\n');
    expect(b3.find((line) => line.includes('TaskExecutionFailed'))).toMatch(
      /reason=not-retryable category=timeout message=process exited with code 1$/,
    );
  });

  it('given a task with no stream, fails with NotFound', async () => {
    await expect(taskHistory((await ledger).eventStore, 'B-404')).rejects.toMatchObject({
      name: 'TaskledgerError',
      code: 'NotFound',
    });
  });
});
