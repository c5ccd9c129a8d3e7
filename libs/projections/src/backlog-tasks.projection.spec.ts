import { toEnvelopes } from '@taskledger/events';
import { registered, testContext } from '@taskledger/events/testing';
import { backlogTasksProjection, BacklogTaskDoc } from './backlog-tasks.projection';
import { ProjectedEvent } from './projection';

const fold = (events: Parameters<typeof toEnvelopes>[0]): BacklogTaskDoc | null =>
  toEnvelopes(events, testContext())
    .map((envelope, revision) => ({ ...envelope, streamName: 'task-B-1', revision }) as ProjectedEvent)
    .reduce<BacklogTaskDoc | null>((doc, event) => backlogTasksProjection.evolve(doc, event as never, 'B-1'), null);

describe('backlog_tasks read model', () => {
  it('holds the full definition of a registered task', () => {
    const doc = fold([registered('B-1', { title: 'Parse it', meta: { owner: 'ana' }, defaultExecutor: 'codex' })]);
    expect(doc).toMatchObject({
      id: 'B-1',
      title: 'Parse it',
      meta: { owner: 'ana' },
      defaultExecutor: 'codex',
      removedFromBacklog: false,
    });
    expect(doc!.registeredAt).toBe('2026-01-01T00:00:01.000Z');
  });

  it('applies field changes and ignores ones that do not fit the definition', () => {
    const doc = fold([
      registered('B-1'),
      {
        type: 'TaskDefinitionChanged',
        data: {
          taskId: 'B-1',
          backlogId: 'backlog',
          changes: [
            { field: 'title', from: 'Sample task', to: 'Renamed' },
            { field: 'points', from: 3, to: 'many' },
            { field: 'nonsense', from: null, to: 1 },
          ],
        },
      },
    ]);
    expect(doc).toMatchObject({ title: 'Renamed', points: 3, updatedAt: '2026-01-01T00:00:02.000Z' });
    expect(doc).not.toHaveProperty('nonsense');
  });

  it('marks a task removed from its backlog, and a re-registration brings it back', () => {
    const removed = {
      type: 'TaskRemovedFromBacklog' as const,
      data: { taskId: 'B-1', backlogId: 'backlog', path: 'backlog.md' },
    };
    expect(fold([registered('B-1'), removed])).toMatchObject({ removedFromBacklog: true });
    expect(fold([registered('B-1'), removed, registered('B-1', { title: 'Back' })])).toMatchObject({
      removedFromBacklog: false,
      title: 'Back',
      registeredAt: '2026-01-01T00:00:01.000Z',
    });
  });
});
