import { parseBacklog } from './backlog-parser';

const parse = (lines: readonly string[]) => parseBacklog(lines.join('\n'), 'backlog.md');

describe('tasks written as sections', () => {
  it('reads a bold heading with a status trailer and its field bullets', () => {
    const { tasks } = parse([
      '### **B-1061: Memory Integration** 🆕 **NEW**',
      '- **Priority**: 🔥 **HIGH** - Essential',
      '- **Points**: 5 - High complexity',
      '- **Dependencies**: B-1060 (Citation Gates, v2), Unknown thing',
      '- **Description**: Integrate the extractor',
      '- **Success Criteria**: 0% degradation',
      '  - **Nested**: ignored',
      '### **B-1060: Citation Gates**',
    ]);
    expect(tasks[0]).toMatchObject({
      id: 'B-1061',
      title: 'Memory Integration',
      priority: 'critical',
      priorityIcon: '🔥',
      points: 5,
      backlogStatus: 'todo',
      backlogStatusRaw: '🆕 **NEW**',
      description: 'Integrate the extractor',
      dependencies: ['B-1060'],
      unresolvedDependencies: ['Unknown thing'],
      meta: { success_criteria: '0% degradation' },
    });
  });

  it('reads a plain heading with bold-key paragraph fields and keeps it open under deeper headings', () => {
    const { tasks } = parse([
      '### B-1024: Five-Layer Memory',
      '**Priority:** P0 (Critical)',
      '**Status:** Ready for Implementation',
      '**Dependencies:** None',
      '#### Phase 1',
      '<!-- est_hours: 16 -->',
      '## Elsewhere',
      '<!-- ANCHOR: x -->',
    ]);
    expect(tasks).toEqual([
      expect.objectContaining({
        id: 'B-1024',
        title: 'Five-Layer Memory',
        priority: 'critical',
        priorityIcon: 'P0 (Critical)',
        backlogStatus: 'todo',
        backlogStatusRaw: 'Ready for Implementation',
        dependencies: [],
        estHours: 16,
      }),
    ]);
  });

  it('reports a heading that looks like a task but has no valid id', () => {
    expect(parse(['### **B-XXXX: Lessons Engine - COMPLETED** 🎉']).warnings.map((warning) => warning.code)).toEqual([
      'INVALID_TASK_ID',
    ]);
  });
});

describe('tasks written as list items', () => {
  it('reads lane entries with score and status trailers, and their comments', () => {
    const { tasks } = parse([
      '## P1 Lane',
      '- B‑1054 — Schema Inspection & Drift (score 7.5) ✅ **COMPLETE**',
      '<!-- est_hours: 8 -->',
      '',
      '**Description**: Lean schema inspection',
      '- **Repo-Native**: not a field of a list task',
      '- B‑075 — Few-Shot Scaffolding (score 6.0) *(consider replacing with B-1025)*',
    ]);
    expect(
      tasks.map(({ id, rawId, title, scoreTotal, backlogStatus, estHours, description, meta }) => ({
        id,
        rawId,
        title,
        scoreTotal,
        backlogStatus,
        estHours,
        description,
        meta,
      })),
    ).toEqual([
      {
        id: 'B-1054',
        rawId: 'B‑1054',
        title: 'Schema Inspection & Drift',
        scoreTotal: 7.5,
        backlogStatus: 'done',
        estHours: 8,
        description: 'Lean schema inspection',
        meta: {},
      },
      {
        id: 'B-075',
        rawId: 'B‑075',
        title: 'Few-Shot Scaffolding',
        scoreTotal: 6,
        backlogStatus: 'unknown',
        estHours: null,
        description: null,
        meta: {},
      },
    ]);
  });

  it('reads bold-id entries: nested field bullets, points and status, priority, leading status icons', () => {
    const { tasks } = parse([
      '- **B-1058: System Audit** (score 9.5) 🔥 **CRITICAL**',
      '  - **Points**: 9 - Maximum complexity',
      '  - **Dependencies**: B-1054 Generation Cache (for context)',
      '* **B-085** — Code Review Upgrade - B-077 (3 points, todo)',
      '- **B-076**: DSPy Assertions (🔥 Priority)',
      '- ✅ **B‑065**: Troubleshooting Guide (✅ done)',
      '- **B-048**: Confidence Calibration (Blocked) (3 points)',
      '- B-1054 — Generation Cache',
    ]);
    expect(
      tasks.map(({ id, title, points, backlogStatus, priority, scoreTotal }) => [
        id,
        title,
        points,
        backlogStatus,
        priority,
        scoreTotal,
      ]),
    ).toEqual([
      ['B-1058', 'System Audit', 9, 'unknown', 'unknown', 9.5],
      ['B-085', 'Code Review Upgrade - B-077', 3, 'todo', 'unknown', null],
      ['B-076', 'DSPy Assertions', null, 'unknown', 'critical', null],
      ['B-065', 'Troubleshooting Guide', null, 'done', 'unknown', null],
      ['B-048', 'Confidence Calibration (Blocked)', 3, 'unknown', 'unknown', null],
      ['B-1054', 'Generation Cache', null, 'unknown', 'unknown', null],
    ]);
    expect(tasks[0]?.dependencies).toEqual(['B-1054']);
  });

  it('ignores list items that only mention an id', () => {
    expect(
      parse(['- **Phase 1 (B-085)**: Research', '- Requires B-077 (Hybrid Search) first', '- B-034 was merged']).tasks,
    ).toEqual([]);
  });
});
