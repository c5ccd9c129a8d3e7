import { names, Tree } from '@nx/devkit';
import { eventTypes } from '@taskledger/events';

export interface ProjectionGeneratorSchema {
  name: string;
  handles?: string;
  description?: string;
}

const SRC = 'libs/projections/src';

/** Task events carry `data.taskId`, which the scaffold keys documents by. */
const taskEventTypes = eventTypes.filter((type) => type !== 'BacklogParsed');

const parseHandles = (handles: string | undefined): string[] => {
  const types = (handles ?? 'TaskExecutionCompleted')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  const unknown = types.filter((type) => !(taskEventTypes as string[]).includes(type));
  if (unknown.length > 0)
    throw new Error(`unknown task event type ${unknown.join(', ')}; known: ${taskEventTypes.join(', ')}`);
  return types;
};

const definitionSource = (
  name: string,
  camel: string,
  className: string,
  handles: string[],
  description: string,
) => `import { defineProjection } from './projection';

/** One document per task. Add the fields your queries need (JSON values only). */
export interface ${className}Doc {
  id: string;
  events: number;
  lastEventAt: string;
}

export const ${camel}Projection = defineProjection({
  name: '${name}',
  version: 1,
  description: ${JSON.stringify(description)},
  handles: [${handles.map((type) => `'${type}'`).join(', ')}],
  documentIds: (event) => [event.data.taskId],
  // Pure: return the new document (or null to delete it); never mutate \`doc\`. Bump \`version\`
  // whenever this changes and the projector rebuilds the read model from the first event.
  evolve: (doc: ${className}Doc | null, event): ${className}Doc => ({
    id: event.data.taskId,
    events: (doc?.events ?? 0) + 1,
    lastEventAt: event.metadata.occurredAt,
  }),
});
`;

const specSource = (name: string, camel: string, file: string, handles: string[]) => {
  const sample = ['TaskRegistered', 'TaskExecutionCompleted', 'TaskExecutionCompleted'];
  const expected = sample.filter((type) => handles.includes(type)).length;
  const then = expected === 0 ? `toBeUndefined()` : `toMatchObject({ id: 'B-1', events: ${expected} })`;
  return `import { foldAll, toProjected } from './testing';
import { ${camel}Projection } from './${file}.projection';
import * as build from '@taskledger/events/testing';

describe('${name} read model', () => {
  it('given events of a task, keeps one document for it', () => {
    const events = toProjected([build.registered('B-1'), build.completed('B-1'), build.completed('B-1')]);
    const docs = foldAll(${camel}Projection, events);
    expect(docs.get('B-1')).${then};
  });
});
`;
};

const register = (tree: Tree, camel: string, file: string) => {
  const registry = `${SRC}/read-models.ts`;
  const source = tree.read(registry, 'utf-8');
  if (source === null) throw new Error(`${registry} not found: the projection cannot be registered`);
  const withImport = `import { ${camel}Projection } from './${file}.projection';\n${source}`;
  tree.write(
    registry,
    withImport.replace(/(export const readModels[^=]*= \[\n)((?:.|\n)*?)(\];)/, `$1$2  ${camel}Projection,\n$3`),
  );
  const index = `${SRC}/index.ts`;
  tree.write(index, `${tree.read(index, 'utf-8')}export { ${camel}Projection } from './${file}.projection';\n`);
};

/** `nx g @taskledger/workspace:projection slow_tasks`: definition, spec, registration in readModels. */
export const projectionGenerator = async (tree: Tree, options: ProjectionGeneratorSchema): Promise<void> => {
  if (!/^[a-z][a-z0-9_]*$/.test(options.name)) throw new Error(`"${options.name}" is not a snake_case projection name`);
  const { propertyName: camel, className, fileName: file } = names(options.name);
  if (tree.exists(`${SRC}/${file}.projection.ts`)) throw new Error(`${SRC}/${file}.projection.ts already exists`);
  const handles = parseHandles(options.handles);
  const description = options.description ?? `Per task: ${options.name.replace(/_/g, ' ')}.`;
  tree.write(`${SRC}/${file}.projection.ts`, definitionSource(options.name, camel, className, handles, description));
  tree.write(`${SRC}/${file}.projection.spec.ts`, specSource(options.name, camel, file, handles));
  register(tree, camel, file);
};

export default projectionGenerator;
