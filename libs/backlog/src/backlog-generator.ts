import { renderBacklog, type RenderableTask, type RenderColumn } from './backlog-renderer';
import { Random, seeded } from '@taskledger/events/generators';

const WORDS = [
  'memory',
  'context',
  'retrieval',
  'pipeline',
  'agent',
  'schema',
  'cache',
  'vector',
  'index',
  'dashboard',
  'scribe',
  'validator',
  'anchor',
  'workflow',
  'evaluation',
  'router',
  'gateway',
  'hybrid',
  'search',
  'monitoring',
  'security',
  'rollback',
  'migration',
  'baseline',
  'quality',
  'gates',
  'backlog',
  'lessons',
  'telemetry',
  'planner',
  'coder',
];
const ICONS = ['🔥', '📈', '⭐', '🔧', '🔧', '⚙️'];
const STATUSES = ['todo', 'todo', 'todo', 'todo', 'todo', 'todo', '✅ done', '✅ done', '🔄 in_progress', 'blocked'];
const POINTS = [0.5, 1, 2, 3, 3, 5, 8, 13];
const TAILS = ['system', 'integration', 'framework', 'service', 'enhancement'];

const capitalised = (text: string): string => text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());

const dependenciesFor = (random: Random, index: number, ids: readonly string[]): string[] => {
  const deps = new Set<string>();
  for (let n = random.int(0, 3); n > 0 && index > 0; n--)
    deps.add(ids[random.int(Math.max(0, index - 200), index - 1)] as string);
  return [...deps];
};

const scoreFor = (random: Random, effort: number, deps: readonly string[]): RenderableTask['score'] => ({
  bv: random.int(1, 5),
  tc: random.int(1, 5),
  rr: random.int(1, 5),
  le: random.int(1, 5),
  effort,
  deps: [...deps],
});

const reference = (random: Random): string =>
  `${random.pick(['100_memory', '400_guides', '500_research'])}/${random.pick(WORDS)}.md#${random.pick(WORDS)}`;

/** The comment metadata real backlogs carry: often the do_next/acceptance/problem/outcome block, sometimes long notes. */
const metaFor = (random: Random): RenderableTask['meta'] => {
  const meta: RenderableTask['meta'] = {};
  if (random.chance(0.4)) {
    meta['do_next'] = random.words(WORDS, 8, 20);
    meta['acceptance'] = random.words(WORDS, 10, 25);
    meta['lessons_applied'] = Array.from({ length: random.int(1, 3) }, () => reference(random));
    meta['reference_cards'] = Array.from({ length: random.int(1, 3) }, () => reference(random));
    meta['problem'] = random.words(WORDS, 10, 25);
    meta['outcome'] = random.words(WORDS, 10, 25);
  }
  if (random.chance(0.1)) meta['progress'] = `${random.words(WORDS, 20, 50)} completed`;
  if (random.chance(0.05)) meta['implementation_notes'] = random.words(WORDS, 40, 80);
  return meta;
};

const taskFor = (random: Random, index: number, ids: readonly string[]): RenderableTask => {
  const id = ids[index] as string;
  const points = random.pick(POINTS);
  const dependencies = dependenciesFor(random, index, ids);
  const status = random.pick(STATUSES);
  const human = random.chance(0.05);
  return {
    id,
    rawId: random.chance(0.5) ? id.replace(/-/g, '\u2011') : id,
    title: capitalised(`${random.words(WORDS, 2, 5)} ${random.pick(TAILS)} ${index + 1}`),
    priority: 'unknown',
    priorityIcon: random.pick(ICONS),
    points,
    backlogStatus: 'unknown',
    backlogStatusRaw: status,
    description: capitalised(random.words(WORDS, 8, 30)),
    techFootprint: `${capitalised(random.pick(WORDS))} + ${capitalised(random.pick(WORDS))}`,
    dependencies,
    unresolvedDependencies: random.chance(0.1) ? [`${capitalised(random.words(WORDS, 1, 3))} layer`] : [],
    scoreTotal: random.int(5, 95) / 10,
    score: scoreFor(random, points, dependencies.slice(0, 1)),
    humanRequired: human,
    humanReason: human ? random.words(WORDS, 6, 12) : null,
    defaultExecutor: random.chance(0.1) ? '003_process-task-list.md' : null,
    runCommand: null,
    estHours: random.chance(0.2) ? random.int(1, 16) : null,
    completionDate:
      status === '✅ done' && random.chance(0.5) ? `2025-0${random.int(1, 9)}-1${random.int(0, 9)}` : null,
    meta: metaFor(random),
  };
};

const chunk = (
  random: Random,
  tasks: readonly RenderableTask[],
  heading: string,
  columns?: readonly RenderColumn[],
): string =>
  renderBacklog(tasks, {
    documentTitle: null,
    tableHeading: heading,
    ...(columns ? { columns } : {}),
    headerless: columns === undefined && random.chance(0.1),
    wrapWidth: random.chance(0.3) ? 120 : null,
    sectionIds: tasks.filter(() => random.chance(0.03)).map((task) => task.id),
    dependencyStyle: () => random.pick(['id', 'id', 'id-title', 'title'] as const),
    splitScore: random.chance(0.2),
  });

/**
 * A realistic, reproducible backlog of `taskCount` tasks for benchmarks: lanes, wrapped table rows,
 * U+2011 ids, comment metadata, a few sections, and a completed table repeating done tasks.
 */
export const generateBacklog = (taskCount: number, seed: number): string => {
  const random = seeded(seed);
  const ids = Array.from({ length: taskCount }, (_, i) =>
    i % 97 === 96 ? `B-${i + 1}-a` : `B-${String(i + 1).padStart(3, '0')}`,
  );
  const tasks = ids.map((_, index) => taskFor(random, index, ids));
  const lanes = [...tasks].sort((a, b) => (b.scoreTotal ?? 0) - (a.scoreTotal ?? 0)).slice(0, 5);
  const parts = [
    '<!-- ANCHOR_KEY: backlog -->',
    '',
    '# 📋 Backlog',
    '',
    '## P0 Lane',
    '',
    ...lanes.map((task) => `- ${task.rawId} — ${task.title} (score ${task.scoreTotal})`),
    '',
  ];
  for (let start = 0; start < tasks.length; start += 40)
    parts.push(chunk(random, tasks.slice(start, start + 40), 'Live Backlog'), '- --', '');
  const done = tasks.filter((task) => task.backlogStatusRaw === '✅ done');
  for (let start = 0; start < done.length; start += 200) {
    parts.push(
      chunk(random, done.slice(start, start + 200), 'Completed Items', [
        'id',
        'title',
        'priority',
        'points',
        'status',
        'completionDate',
      ]),
    );
  }
  return `${parts.join('\n')}\n`;
};
