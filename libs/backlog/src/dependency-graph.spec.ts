import fc from 'fast-check';
import { aParsedTask as aTask } from './testing/backlog-test-tasks';
import { buildDependencyGraph, findDependencyCycles, missingDependencies } from './dependency-graph';
import { executionOrder } from './dependency-order';

const chain = [
  aTask('B-49', { backlogStatus: 'done' }),
  aTask('B-50', { dependencies: ['B-49'] }),
  aTask('B-51', { dependencies: ['B-50'], unresolvedDependencies: ['Enhanced RAG system'] }),
  aTask('B-52', { dependencies: ['B-51', 'B-50'] }),
];

describe('dependency graph', () => {
  it('lists the dependencies that are not done or do not exist', () => {
    expect(missingDependencies(buildDependencyGraph(chain))).toEqual([
      { taskId: 'B-51', dependency: 'B-50', reason: 'not_done' },
      { taskId: 'B-51', dependency: 'Enhanced RAG system', reason: 'not_found' },
      { taskId: 'B-52', dependency: 'B-51', reason: 'not_done' },
      { taskId: 'B-52', dependency: 'B-50', reason: 'not_done' },
    ]);
  });

  it('counts tasks the caller says are done (e.g. completed in the ledger) as done', () => {
    const graph = buildDependencyGraph(chain, { done: ['B-50'] });
    expect(missingDependencies(graph).filter((missing) => missing.reason === 'not_done')).toEqual([
      { taskId: 'B-52', dependency: 'B-51', reason: 'not_done' },
    ]);
  });

  it('reports each cycle as a path and keeps its tasks out of the execution order', () => {
    const tasks = [
      aTask('B-1', { dependencies: ['B-2'] }),
      aTask('B-2', { dependencies: ['B-3'] }),
      aTask('B-3', { dependencies: ['B-1'] }),
      aTask('B-4', { dependencies: ['B-4'] }),
      aTask('B-5', { dependencies: ['B-1'] }),
      aTask('B-6'),
    ];
    const graph = buildDependencyGraph(tasks);
    expect(findDependencyCycles(graph)).toEqual([
      { path: ['B-1', 'B-2', 'B-3', 'B-1'], display: 'B-1 → B-2 → B-3 → B-1', members: ['B-1', 'B-2', 'B-3'] },
      { path: ['B-4', 'B-4'], display: 'B-4 → B-4', members: ['B-4'] },
    ]);
    expect(executionOrder(graph)).toEqual({ order: ['B-6'], blockedByCycle: ['B-1', 'B-2', 'B-3', 'B-4', 'B-5'] });
  });

  it('orders ready tasks by priority, then score, then id', () => {
    const tasks = [
      aTask('B-3', { priority: 'low', scoreTotal: 9 }),
      aTask('B-2', { priority: 'critical', scoreTotal: 1 }),
      aTask('B-1', { priority: 'critical', scoreTotal: 5, dependencies: ['B-3'] }),
      aTask('B-4', { priority: 'critical', scoreTotal: 1 }),
    ];
    expect(executionOrder(buildDependencyGraph(tasks)).order).toEqual(['B-2', 'B-4', 'B-3', 'B-1']);
  });

  it('handles a 20,000-deep chain without overflowing the stack', () => {
    const tasks = Array.from({ length: 20_000 }, (_, i) =>
      aTask(`B-${i}`, { dependencies: i === 0 ? [] : [`B-${i - 1}`] }),
    );
    const graph = buildDependencyGraph(tasks);
    expect(findDependencyCycles(graph)).toEqual([]);
    expect(executionOrder(graph).order).toHaveLength(20_000);
  });

  it('property: the execution order puts every pending task after its pending dependencies', () => {
    const graphs = fc.array(fc.array(fc.nat(29), { maxLength: 4 }), { minLength: 1, maxLength: 30 }).map((edges) =>
      edges.map((deps, i) =>
        aTask(`B-${i}`, {
          dependencies: [...new Set(deps.map((d) => `B-${d}`))],
          backlogStatus: i % 7 === 0 ? 'done' : 'todo',
        }),
      ),
    );
    fc.assert(
      fc.property(graphs, (tasks) => {
        const graph = buildDependencyGraph(tasks);
        const { order, blockedByCycle } = executionOrder(graph);
        const position = new Map(order.map((id, i) => [id, i] as const));
        for (const id of order)
          for (const dep of graph.pendingDependenciesOf(id))
            expect(position.get(dep)).toBeLessThan(position.get(id) as number);
        expect(order.length + blockedByCycle.length).toBe(graph.ids.filter((id) => !graph.done.has(id)).length);
        if (blockedByCycle.length > 0)
          expect(
            findDependencyCycles(buildDependencyGraph(tasks.map((task) => ({ ...task, backlogStatus: 'todo' }))))
              .length,
          ).toBeGreaterThan(0);
      }),
    );
  });
});
