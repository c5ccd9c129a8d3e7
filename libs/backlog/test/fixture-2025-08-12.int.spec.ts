import type { ParsedTask } from '../src/index';
import {
  aiExecutableQueue,
  buildDependencyGraph,
  executionOrder,
  findDependencyCycles,
  priorityLanes,
} from '../src/index';
import { describeFixture, loadFixture } from './fixture-files';

const NAME = 'ai-dev-tasks-2025-08-12.md';

const task = (id: string): ParsedTask => {
  const found = loadFixture(NAME).result.tasks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`${id} not parsed`);
  return found;
};

const warningsAt = (line: number): string[] =>
  loadFixture(NAME)
    .result.warnings.filter((warning) => warning.line === line)
    .map((warning) => warning.code);

describeFixture(NAME, 'the 2025-08-12 backlog', () => {
  it('given the whole file, when parsed, then it yields 126 tasks and 41 warnings (9 id collisions, 32 unresolved dependencies)', () => {
    const { tasks, warnings } = loadFixture(NAME).result;
    expect(tasks).toHaveLength(126);
    expect(warnings).toHaveLength(41);
    expect(warnings.filter((warning) => warning.code === 'ID_COLLISION')).toHaveLength(9);
    expect(warnings.filter((warning) => warning.code === 'UNRESOLVED_DEPENDENCY')).toHaveLength(32);
  });

  it('reads a live-table row with a U+2011 id and duplicated score comments exactly', () => {
    expect(task('B-000')).toMatchObject({
      rawId: 'B‑000',
      title: 'v0.3.1-rc3 Core Hardening',
      priority: 'critical',
      priorityIcon: '🔥',
      points: 3,
      backlogStatus: 'done',
      backlogStatusRaw: '✅ done',
      description: 'Implement critical security and reliability fixes for production readiness',
      techFootprint: 'DSPy + PostgreSQL + Security + Monitoring',
      dependencies: [],
      unresolvedDependencies: [],
      scoreTotal: 6.7,
      score: { bv: 5, tc: 5, rr: 5, le: 5, effort: 3, deps: [] },
      source: { line: 154 },
    });
    expect(task('B-000').meta['progress']).toMatch(
      /^C-2 completed \(retry_wrapper\.py\), .* C-5 completed \(security_libraries\), .* C-9 completed \(database_resilience\)$/,
    );
    expect(warningsAt(160)).toEqual([]);
  });

  it("resolves a dependency written as another task's bare title", () => {
    expect(task('B-001')).toMatchObject({ dependencies: ['B-000'], unresolvedDependencies: [] });
    expect(task('B-002')).toMatchObject({
      unresolvedDependencies: ['Enhanced RAG system'],
      defaultExecutor: '003_process-task-list.md',
    });
  });

  it('reads human_required with its reason', () => {
    expect(task('B-009')).toMatchObject({
      humanRequired: true,
      humanReason: 'Requires external API credentials and business requirements definition',
      priority: 'high',
      points: 5,
    });
  });

  it('reads a score comment spanning two lines and the do_next / est_hours / acceptance metadata', () => {
    expect(task('B-091')).toMatchObject({
      scoreTotal: 7.5,
      estHours: 2,
      dependencies: [],
      score: {
        bv: 5,
        tc: 3,
        rr: 4,
        le: 3,
        effort: 2,
        deps: ['200_naming-conventions.md', 'scripts/doc_coherence_validator.py'],
      },
      unresolvedDependencies: ['200_naming-conventions.md', 'scripts/doc_coherence_validator.py'],
      meta: {
        do_next: 'Enable --strict-anchors in CI for core docs and update pre-commit to reflect policy',
        acceptance: 'Validator fails on any non-TLDR explicit anchors in core docs; CI green after change',
      },
    });
  });

  it('merges a lane entry with its table row: decimal points, suffixed U+2011 id, first sighting in the lane', () => {
    expect(task('B-052-d')).toMatchObject({
      rawId: 'B‑052‑d',
      title: 'CI GitHub Action (Dry-Run Gate)',
      points: 0.5,
      priority: 'low',
      scoreTotal: 8,
      backlogStatus: 'todo',
      dependencies: ['B-052-a'],
      source: { line: 77 },
    });
  });

  it('reports a real id collision with both lines and keeps the first task', () => {
    expect(task('B-070')).toMatchObject({
      title: 'AI Constitution Implementation',
      completionDate: '2024-08-07',
      source: { line: 269 },
    });
    const collision = loadFixture(NAME).result.warnings.find(
      (warning) => warning.code === 'ID_COLLISION' && warning.line === 490,
    );
    expect(collision?.message).toMatch(
      /B‑070 "Deployment & Environment Management Guide" collides with "AI Constitution Implementation" at line 269/,
    );
  });

  it('keeps an unknown priority icon and reads comma-separated id dependencies', () => {
    expect(task('B-030')).toMatchObject({ priority: 'unknown', priorityIcon: '⚙️', backlogStatus: 'done' });
    expect(task('B-038')).toMatchObject({ dependencies: ['B-034', 'B-035', 'B-036'], points: 13, scoreTotal: 0.8 });
    expect(task('B-032-C1')).toMatchObject({ rawId: 'B‑032‑C1', dependencies: ['B-032'] });
  });

  it('maps the completed table and the setup table by header name, extra columns into meta', () => {
    expect(task('C-002')).toMatchObject({
      title: 'Central Retry Wrapper Implementation',
      backlogStatus: 'done',
      completionDate: '2024-08-05',
      points: 2,
      meta: { implementation_notes: expect.stringMatching(/^Configurable retry logic with exponential backoff/) },
    });
    expect(task('S-001')).toMatchObject({
      backlogStatus: 'unknown',
      backlogStatusRaw: 'setup-required',
      meta: {
        setup_required: 'n8n installation + API key + webhook setup',
        setup_instructions: 'See `dspy-rag-system/docs/N8N_SETUP_GUIDE.md`',
      },
    });
    expect(task('S-005')).toMatchObject({ backlogStatus: 'todo', backlogStatusRaw: 'backlog' });
  });

  it('reads tasks that only appear as list items, merging a completed-list entry with its table row', () => {
    expect(task('B-085')).toMatchObject({
      title: 'Vector Graph Foundation Research',
      points: 5,
      source: { line: 814 },
    });
    expect(task('C-033')).toMatchObject({
      title: 'n8n Workflow Integration Implementation',
      points: 1,
      completionDate: '2024-08-06',
      source: { line: 647 },
    });
  });

  it("builds the same P0 lane as the file's own P0 lane section", () => {
    const { text, result } = loadFixture(NAME);
    const lane = text.split('## P0 Lane')[1]?.split('## P1 Lane')[0] ?? '';
    const written = [...lane.matchAll(/^- (B[‑-]\S+) —/gm)].map((match) => (match[1] as string).replace(/‑/g, '-'));
    expect(written).toHaveLength(5);
    expect(priorityLanes(result.tasks).p0).toEqual(written);
  });

  it("orders multi-level dependency chains, finds no cycles, and has an empty AI queue like the file's own", () => {
    const { tasks } = loadFixture(NAME).result;
    const graph = buildDependencyGraph(tasks);
    expect(findDependencyCycles(graph)).toEqual([]);
    expect(graph.pendingDependenciesOf('B-080')).toEqual(['B-077']);
    expect(executionOrder(graph).order.indexOf('B-077')).toBeLessThan(executionOrder(graph).order.indexOf('B-080'));
    expect(aiExecutableQueue(tasks)).toEqual([]);
  });
});
