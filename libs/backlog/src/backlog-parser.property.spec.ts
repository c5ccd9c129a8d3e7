import { isTaskledgerError } from '@taskledger/errors';
import fc from 'fast-check';

import { parseBacklog } from './backlog-parser';
import { renderBacklog, type RenderableTask, type RenderColumn } from './backlog-renderer';
import type { BacklogStatus, JsonObject, Priority } from './backlog.types';

const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'memory',
  'cache',
  'vector',
  'agent',
  'schema',
  'gate',
  'router',
  'scribe',
];
const ICONS: ReadonlyArray<[string | null, Priority]> = [
  ['🔥', 'critical'],
  ['📈', 'high'],
  ['⭐', 'medium'],
  ['🔧', 'low'],
  ['⚙️', 'unknown'],
  ['🛡️', 'unknown'],
  [null, 'unknown'],
];
const STATUSES: ReadonlyArray<[string, BacklogStatus]> = [
  ['todo', 'todo'],
  ['✅ done', 'done'],
  ['🔄 in_progress', 'in_progress'],
  ['in-progress', 'in_progress'],
  ['blocked', 'blocked'],
  ['✅ **COMPLETED**', 'done'],
  ['setup-required', 'unknown'],
  ['⏳ PENDING', 'todo'],
];
const COLUMNS: readonly RenderColumn[] = [
  'title',
  'priority',
  'points',
  'status',
  'description',
  'techFootprint',
  'dependencies',
  'completionDate',
];
const META_KEYS = ['do_next', 'acceptance', 'blocked_by', 'review_on', 'lessons_applied', 'needs_gate'];

const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((list) => list.join(' '));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const tenths = fc.integer({ min: 0, max: 200 }).map((n) => n / 10);
const metaValue = fc.oneof(
  words(1, 12),
  fc.integer({ min: 0, max: 99 }),
  fc.boolean(),
  fc.array(words(1, 2), { maxLength: 3 }),
);

const taskShape = fc.record({
  suffix: fc.option(fc.constantFrom('a', 'd', 'C1', 'QG'), { nil: null }),
  nbHyphen: fc.boolean(),
  words: words(1, 4),
  icon: fc.constantFrom(...ICONS),
  points: optional(fc.constantFrom(0.5, 1, 2, 3, 3.5, 5, 8, 13)),
  status: fc.constantFrom(...STATUSES),
  description: optional(words(1, 20)),
  techFootprint: optional(words(1, 5).map((text) => text.replace(/ /g, ' + '))),
  depPicks: fc.array(fc.nat(), { maxLength: 3 }),
  unresolved: fc.array(
    words(1, 3).map((text) => `legacy ${text}`),
    { maxLength: 2 },
  ),
  scoreTotal: optional(tenths),
  score: optional(fc.record({ bv: fc.integer({ min: 1, max: 5 }), effort: tenths })),
  humanRequired: fc.boolean(),
  humanReason: optional(words(2, 8)),
  defaultExecutor: optional(fc.constant('003_process-task-list.md')),
  runCommand: optional(fc.constant('npm test -- backlog')),
  estHours: optional(fc.integer({ min: 1, max: 40 })),
  completionDate: optional(fc.constant('2025-08-12')),
  meta: fc.dictionary(fc.constantFrom(...META_KEYS), metaValue, { maxKeys: 3 }),
});

type Shape = typeof taskShape extends fc.Arbitrary<infer T> ? T : never;

const toTask = (shape: Shape, index: number, earlier: readonly RenderableTask[]): RenderableTask => {
  const id = `B-${index + 1}${shape.suffix ? `-${shape.suffix}` : ''}`;
  const dependencies = [
    ...new Set(
      shape.depPicks
        .filter(() => earlier.length > 0)
        .map((pick) => (earlier[pick % earlier.length] as RenderableTask).id),
    ),
  ];
  const score: JsonObject | null = shape.score && { ...shape.score, deps: dependencies.slice(0, 1) };
  return {
    id,
    rawId: shape.nbHyphen ? id.replace(/-/g, '\u2011') : id,
    title: `${shape.words} item ${index + 1}`,
    priority: shape.icon[1],
    priorityIcon: shape.icon[0],
    points: shape.points,
    backlogStatus: shape.status[1],
    backlogStatusRaw: shape.status[0],
    description: shape.description,
    techFootprint: shape.techFootprint,
    dependencies,
    unresolvedDependencies: [...new Set(shape.unresolved)],
    scoreTotal: shape.scoreTotal,
    score,
    humanRequired: shape.humanRequired,
    humanReason: shape.humanReason,
    defaultExecutor: shape.defaultExecutor,
    runCommand: shape.runCommand,
    estHours: shape.estHours,
    completionDate: shape.completionDate,
    meta: shape.meta as JsonObject,
  };
};

const tasksArbitrary = fc
  .array(taskShape, { minLength: 1, maxLength: 12 })
  .map((shapes) =>
    shapes.reduce<RenderableTask[]>((tasks, shape, index) => [...tasks, toTask(shape, index, tasks)], []),
  );

const optionsArbitrary = fc.record({
  columns: fc
    .shuffledSubarray([...COLUMNS])
    .chain((subset) => fc.shuffledSubarray(['id', ...subset] as RenderColumn[], { minLength: subset.length + 1 })),
  headerless: fc.boolean(),
  wrapWidth: fc.option(fc.integer({ min: 20, max: 120 }), { nil: null }),
  sectionPicks: fc.array(fc.boolean(), { maxLength: 12 }),
  dependencyStyle: fc.constantFrom('id' as const, 'id-title' as const, 'title' as const),
  splitScore: fc.boolean(),
});

describe('parseBacklog properties', () => {
  it('given random tasks rendered with random columns, wrapping, hyphens, sections and comments, when parsed, then the same tasks come back', () => {
    fc.assert(
      fc.property(tasksArbitrary, optionsArbitrary, (tasks, { sectionPicks, ...options }) => {
        const markdown = renderBacklog(tasks, {
          ...options,
          sectionIds: tasks.filter((_, i) => sectionPicks[i]).map((task) => task.id),
        });
        const result = parseBacklog(markdown, 'random.md');
        expect(result.tasks.map(({ source: _source, ...task }) => task)).toEqual(tasks);
        expect(result.warnings.filter((warning) => warning.code !== 'UNRESOLVED_DEPENDENCY')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('given random text, when parsed, then it never throws, is deterministic, JSON-safe, and every task has a valid source line', () => {
    const tokens = fc.constantFrom(
      '| B‑1 |',
      '| ID | Title |',
      '|---|',
      '<!--',
      '-->',
      'score: {bv:',
      '### **B-2: ',
      '- B-3 — x (score 1)',
      '```',
      '\n',
      ' | ',
      '**',
      '||',
      '- --',
      '<!-- est_hours: 1e999 -->',
      '<!-- x: [1e999] -->',
    );
    const text = fc
      .oneof(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.array(fc.oneof(tokens, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((parts) => parts.join('')),
      )
      .map((markdown) => markdown.split(String.fromCharCode(0)).join(''));
    fc.assert(
      fc.property(text, (markdown) => {
        const result = parseBacklog(markdown, 'garbage.md');
        const lines = markdown.split(/\r\n|\n|\r/).length;
        for (const task of result.tasks) expect(task.source.line).toBeLessThanOrEqual(lines);
        expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
        expect(parseBacklog(markdown, 'garbage.md')).toStrictEqual(result);
        expect(JSON.stringify(result)).not.toMatch(/Infinity|NaN/);
      }),
      { numRuns: 300 },
    );
  });

  it('given random bytes, when parsed, then the result is tasks or a typed input error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          expect(Array.isArray(parseBacklog(bytes, 'bytes.md').tasks)).toBe(true);
        } catch (error) {
          expect(isTaskledgerError(error)).toBe(true);
        }
      }),
    );
  });
});
