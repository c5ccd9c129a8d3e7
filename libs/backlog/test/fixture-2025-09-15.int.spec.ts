import type { ParsedTask, WarningCode } from '../src/index';
import { describeFixture, loadFixture } from './fixture-files';

const NAME = 'ai-dev-tasks-2025-09-15.md';

const task = (id: string): ParsedTask => {
  const found = loadFixture(NAME).result.tasks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`${id} not parsed`);
  return found;
};

const warning = (line: number, code: WarningCode): string => {
  const found = loadFixture(NAME).result.warnings.find(
    (candidate) => candidate.line === line && candidate.code === code,
  );
  if (!found) throw new Error(`no ${code} at line ${line}`);
  return found.message;
};

describeFixture(NAME, 'the 2025-09-15 backlog', () => {
  it('given the whole file, when parsed, then it yields 157 tasks and 154 warnings', () => {
    const { tasks, warnings } = loadFixture(NAME).result;
    expect(tasks).toHaveLength(157);
    expect(warnings).toHaveLength(154);
    const counts = warnings.reduce<Record<string, number>>(
      (all, { code }) => ({ ...all, [code]: (all[code] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({
      INVALID_TASK_ID: 1,
      UNRESOLVED_DEPENDENCY: 35,
      META_CONFLICT: 62,
      ID_COLLISION: 33,
      UNCLOSED_COMMENT: 1,
      COLUMN_COUNT_MISMATCH: 1,
      ROW_INCOMPLETE: 1,
      EXTRA_LEADING_PIPE: 1,
      FIELD_CONFLICT: 17,
      ROW_WITHOUT_ID: 1,
      UNCLOSED_CODE_FENCE: 1,
    });
  });

  it('reads a task written as a section, filling its tech footprint from a headerless table row', () => {
    expect(task('B-1061')).toMatchObject({
      title:
        'Memory System Integration: Heuristic Extractor + Multi-Signal Guard for Overflow Compaction & Knowledge Graph Enhancement',
      priority: 'critical',
      priorityIcon: '🔥',
      points: 5,
      backlogStatus: 'todo',
      backlogStatusRaw: '🆕 **NEW** - Ready for PRD creation and implementation planning',
      dependencies: ['B-1060', 'B-1045'],
      unresolvedDependencies: [],
      techFootprint:
        'Heuristic Extractor + Multi-Signal Guard + Memory Overflow + Knowledge Graph + Academic Provenance',
      source: { line: 28 },
    });
  });

  it('keeps 🟡 as an unknown priority and reads a blocked section status', () => {
    expect(task('B-1062')).toMatchObject({
      priority: 'unknown',
      priorityIcon: '🟡',
      points: 12,
      backlogStatus: 'blocked',
      dependencies: ['B-1063', 'B-1059', 'B-1003', 'B-1049'],
    });
    expect(task('B-1072')).toMatchObject({
      unresolvedDependencies: ['Existing LTST memory system', 'DSPy agents', 'multi-agent chat bridge'],
    });
  });

  it('reads a lane list item with nested field bullets and an id-plus-title dependency', () => {
    expect(task('B-1058')).toMatchObject({
      title: 'End-to-End System Audit & Industry Standards Compliance',
      scoreTotal: 9.5,
      points: 9,
      priority: 'critical',
      backlogStatus: 'unknown',
      backlogStatusRaw: '🔴 **CRITICAL - IMMEDIATE ACTION REQUIRED**',
      dependencies: ['B-1054'],
      meta: { estimated_effort: '3-5 days (comprehensive audit and fixes)' },
    });
  });

  it('reads lane items carrying comment metadata, and reports the table row reusing the id', () => {
    expect(task('B-1054')).toMatchObject({
      rawId: 'B‑1054',
      title: 'Schema Inspection & Drift Detection: Repo-Native Schema Management',
      backlogStatus: 'done',
      scoreTotal: 7.5,
      estHours: 8,
      techFootprint:
        'Schema Inspection + Drift Detection + Pydantic Integration + Database Schema + Baseline Management',
    });
    expect(warning(1508, 'ID_COLLISION')).toMatch(
      /collides with "Schema Inspection & Drift Detection: Repo-Native Schema Management" at line 376/,
    );
  });

  it('joins a wrapped row, and reports the status a stale duplicate row disagrees on', () => {
    expect(task('B-062')).toMatchObject({
      description: 'Create regen_guide.py to auto-generate context priority guide from file headers',
      dependencies: ['B-060'],
      points: 0.5,
      backlogStatus: 'done',
      source: { line: 372 },
    });
    expect(warning(2774, 'FIELD_CONFLICT')).toMatch(/status todo differs from ✅ \*\*COMPLETE\*\* at line 372/);
  });

  it('reads what it can of a row broken by comments, with warnings', () => {
    expect(task('B-1009')).toMatchObject({
      backlogStatus: 'in_progress',
      backlogStatusRaw: '🔄 in_progress',
      points: 8,
      completionDate: '2025-01-28',
      description: 'Implement comprehensive AsyncIO integration across entire memory ecosystem',
      dependencies: ['B-1006-A', 'B-1007'],
    });
    expect(warning(2047, 'ROW_INCOMPLETE')).toBeTruthy();
    expect(warning(2047, 'COLUMN_COUNT_MISMATCH')).toMatch(/6 cells but the header at line 1418 has 8/);
  });

  it('reads a row with an extra leading pipe and rows with unusual icons and suffixed ids', () => {
    expect(task('B-100')).toMatchObject({
      title: 'Coder Role Implementation for Memory Rehydration System',
      priority: 'critical',
      points: 5,
      scoreTotal: 4.6,
    });
    expect(warning(2368, 'EXTRA_LEADING_PIPE')).toBeTruthy();
    expect(task('B-190')).toMatchObject({ priority: 'unknown', priorityIcon: '🛡️', completionDate: '2025-08-18' });
    expect(task('B-1046')).toMatchObject({
      priority: 'unknown',
      priorityIcon: '⚡',
      backlogStatusRaw: '✅ **COMPLETED**',
      backlogStatus: 'done',
    });
    expect(task('B-1004-QG')).toMatchObject({ rawId: 'B-1004-QG', points: 6, dependencies: ['B-1003'] });
    expect(task('B-096')).toMatchObject({ backlogStatus: 'in_progress', backlogStatusRaw: 'in-progress' });
  });

  it('reports conflicting duplicated comments under one task and keeps the first', () => {
    expect(task('B-1040')).toMatchObject({ scoreTotal: 6.5, estHours: 16 });
    expect(warning(586, 'META_CONFLICT')).toMatch(/score_total 7\.5 differs from 6\.5 given at line 527/);
    expect(task('B-1001').scoreTotal).toBe(5.5);
    expect(warning(761, 'META_CONFLICT')).toMatch(/score_total 7\.5 differs from 5\.5/);
  });

  it('cuts an unclosed comment at the next task row instead of swallowing it', () => {
    expect(warning(1504, 'UNCLOSED_COMMENT')).toMatch(/before line 1508/);
    expect(warning(1508, 'ID_COLLISION')).toMatch(/^B-1054 "Generation Cache Implementation/);
  });

  it('reports what looks like a task but cannot be one', () => {
    expect(warning(14, 'INVALID_TASK_ID')).toMatch(/^B-XXXX looks like a task id/);
    expect(warning(2486, 'ROW_WITHOUT_ID')).toMatch(/Phase 6/);
    expect(warning(3150, 'UNCLOSED_CODE_FENCE')).toBeTruthy();
  });
});
