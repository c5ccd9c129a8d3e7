import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import ts from 'typescript';
import { MemoryEventStore } from '@taskledger/event-store';
import { appendInOrder } from '@taskledger/event-store/testing';
import { ProjectionRuntime } from '@taskledger/projection-runtime';
import * as projections from '@taskledger/projections';
import { AnyProjection, readModels } from '@taskledger/projections';
import { arbitraryHistory, foldAll, serialiseDocs } from '@taskledger/projections/testing';
import { MemoryReadStore } from '@taskledger/read-store';
import fc from 'fast-check';
import { projectionGenerator } from './projection.generator';

const SRC = 'libs/projections/src';
const realFile = (name: string) => readFileSync(join(__dirname, '../../../../../', SRC, name), 'utf8');

const workspaceWithProjections = (): Tree => {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(`${SRC}/read-models.ts`, realFile('read-models.ts'));
  tree.write(`${SRC}/index.ts`, realFile('index.ts'));
  return tree;
};

/** Compiles the generated definition and loads it, its `./projection` import served by the real lib. */
const loadGenerated = (source: string, exportName: string): AnyProjection => {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} as Record<string, AnyProjection> };
  const requireShim = (id: string) => (id === './projection' ? projections : require(id));
  new Function('exports', 'require', 'module', outputText)(module.exports, requireShim, module);
  return module.exports[exportName]!;
};

describe('the projection generator', () => {
  it('writes the definition and its spec, and registers it with the read models', async () => {
    const tree = workspaceWithProjections();
    await projectionGenerator(tree, { name: 'slow_tasks' });
    expect(tree.read(`${SRC}/slow-tasks.projection.ts`, 'utf-8')).toContain("name: 'slow_tasks'");
    expect(tree.read(`${SRC}/slow-tasks.projection.spec.ts`, 'utf-8')).toContain("describe('slow_tasks read model'");
    const registry = tree.read(`${SRC}/read-models.ts`, 'utf-8')!;
    expect(registry).toContain("import { slowTasksProjection } from './slow-tasks.projection';");
    expect(registry).toMatch(/errorStatisticsProjection,\n {2}slowTasksProjection,\n\];/);
    expect(tree.read(`${SRC}/index.ts`, 'utf-8')).toContain(
      "export { slowTasksProjection } from './slow-tasks.projection';",
    );
  });

  it('writes a spec whose imports all resolve in the projections lib', async () => {
    const tree = workspaceWithProjections();
    await projectionGenerator(tree, { name: 'slow_tasks' });
    const spec = tree.read(`${SRC}/slow-tasks.projection.spec.ts`, 'utf-8')!;
    const unresolved = [...spec.matchAll(/from '([^']+)'/g)]
      .map((match) => match[1]!)
      .filter((specifier) => specifier !== './slow-tasks.projection')
      .filter((specifier) => {
        try {
          require.resolve(specifier.startsWith('.') ? join(__dirname, '../../../../../', SRC, specifier) : specifier);
          return false;
        } catch {
          return true;
        }
      });
    expect(unresolved).toEqual([]);
  });

  it('refuses a name that is not snake_case, an unknown event type, or an existing projection', async () => {
    const tree = workspaceWithProjections();
    await expect(projectionGenerator(tree, { name: 'SlowTasks' })).rejects.toThrow(/not a snake_case projection name/);
    await expect(projectionGenerator(tree, { name: 'slow_tasks', handles: 'TaskExploded' })).rejects.toThrow(
      /unknown task event type TaskExploded/,
    );
    await projectionGenerator(tree, { name: 'slow_tasks' });
    await expect(projectionGenerator(tree, { name: 'slow_tasks' })).rejects.toThrow(/already exists/);
  });

  it('generates a projection that catches up over the history recorded before it existed', () =>
    fc.assert(
      fc.asyncProperty(arbitraryHistory(), async (history) => {
        const tree = workspaceWithProjections();
        await projectionGenerator(tree, { name: 'slow_tasks', handles: 'TaskExecutionStarted,TaskExecutionCompleted' });
        const generated = loadGenerated(tree.read(`${SRC}/slow-tasks.projection.ts`, 'utf-8')!, 'slowTasksProjection');
        const eventStore = new MemoryEventStore();
        const readStore = new MemoryReadStore();
        await appendInOrder(eventStore, history);
        await new ProjectionRuntime({ eventStore, readStore, projections: readModels }).catchUp();
        await new ProjectionRuntime({ eventStore, readStore, projections: [...readModels, generated] }).catchUp();
        const { items } = await readStore.find<projections.Doc>('slow_tasks');
        expect(serialiseDocs(new Map(items.map((doc) => [doc.id, doc])))).toBe(
          serialiseDocs(foldAll(generated, history)),
        );
      }),
      { numRuns: 20 },
    ));
});
