import { parseBacklog } from './backlog-parser';
import { titlesCompatible } from './sightings-merge';

const parse = (lines: readonly string[]) => parseBacklog(lines.join('\n'), 'backlog.md');
const ROW = (id: string, title: string, rest = '🔥 | 3 | todo | P | T | None') => `| ${id} | ${title} | ${rest} |`;

describe('merging sightings of one id', () => {
  it('treats equal or prefix titles (any case, hyphen style) as the same task', () => {
    expect(titlesCompatible('General Query Agent Enhancement', 'general query agent enhancemen')).toBe(true);
    expect(titlesCompatible('B-011 Project File Cleanup', 'Research-Based DSPy Assertions')).toBe(false);
    expect(titlesCompatible(null, 'Anything')).toBe(true);
  });

  it("fills gaps from later sightings and keeps the first sighting's line", () => {
    const { tasks, warnings } = parse([
      '- B‑052‑d — CI GitHub Action (score 8.0)',
      '',
      ROW('B‑052‑d', 'CI GitHub Action', '🔧 | 0.5 | todo | Add a gate | Actions | B-052-a'),
      '<!-- est_hours: 2 -->',
      ROW('B-052-a', 'Safety Tests', '🔧 | 1 | ✅ done | | | None'),
    ]);
    expect(tasks[0]).toMatchObject({
      id: 'B-052-d',
      rawId: 'B‑052‑d',
      scoreTotal: 8,
      points: 0.5,
      estHours: 2,
      dependencies: ['B-052-a'],
      source: { line: 1 },
    });
    expect(warnings).toEqual([]);
  });

  it('prefers a table title over an abbreviated list entry', () => {
    const { tasks } = parse([
      '- **B-036**: General Query Agent Enhancemen',
      ROW('B-036', 'General Query Agent Enhancement'),
    ]);
    expect(tasks[0]?.title).toBe('General Query Agent Enhancement');
  });

  it('reports values compatible sightings disagree on, with both lines, and keeps the first', () => {
    const { tasks, warnings } = parse([
      ROW('B-1', 'One', '🔥 | 2 | ✅ done | P | T | None'),
      '',
      '- --',
      '',
      ROW('B-1', 'One', '📈 | 2 | todo | P | T | None'),
    ]);
    expect(tasks[0]).toMatchObject({ priority: 'critical', backlogStatus: 'done' });
    expect(warnings.map(({ line, code, message }) => [line, code, message])).toEqual([
      [5, 'FIELD_CONFLICT', 'B-1: priority high differs from critical at line 1; kept the first'],
      [5, 'FIELD_CONFLICT', 'B-1: status todo differs from ✅ done at line 1; kept the first'],
    ]);
  });

  it('reports an id collision (different title) with both lines and never merges it', () => {
    const { tasks, warnings } = parse([
      ROW('B‑070', 'AI Constitution'),
      '<!--score_total: 5.7-->',
      ROW('B‑070', 'Deployment Guide'),
      '<!--score_total: 4.5-->',
    ]);
    expect(tasks).toEqual([expect.objectContaining({ id: 'B-070', title: 'AI Constitution', scoreTotal: 5.7 })]);
    expect(warnings).toEqual([
      {
        line: 3,
        code: 'ID_COLLISION',
        message:
          'B‑070 "Deployment Guide" collides with "AI Constitution" at line 1 (same id, different task); kept the first',
      },
    ]);
  });

  it('infers done for a task with a completion date and no status', () => {
    const { tasks } = parse(['| ID | Title | Completion Date |', '|---|---|---|', '| B‑011 | Agents | 2024-08-07 |']);
    expect(tasks[0]).toMatchObject({ backlogStatus: 'done', backlogStatusRaw: null, completionDate: '2024-08-07' });
  });
});
