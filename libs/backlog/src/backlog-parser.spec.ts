import { parseBacklog } from './backlog-parser';
import type { ParsedTask } from './backlog.types';

const parse = (lines: readonly string[]) => parseBacklog(lines.join('\n'), 'backlog.md');
const only = (lines: readonly string[]): ParsedTask => {
  const { tasks } = parse(lines);
  expect(tasks).toHaveLength(1);
  return tasks[0] as ParsedTask;
};
const codes = (lines: readonly string[]) => parse(lines).warnings.map(({ line, code }) => `${line}:${code}`);

const SEED = '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |';
const RULE = '|---|---|---|---|---|---|---|---|';

describe('parseBacklog: tables', () => {
  it('maps columns by header name, not by position', () => {
    const task = only([
      '| Status | Dependencies | Title | ID | 🎯Points | 🔥P |',
      '|---|---|---|---|---|---|',
      '| ✅ done | None | Ship it | B‑7 | 0.5 | 📈 |',
    ]);
    expect(task).toMatchObject({
      id: 'B-7',
      rawId: 'B‑7',
      title: 'Ship it',
      points: 0.5,
      priority: 'high',
      backlogStatus: 'done',
      source: { path: 'backlog.md', line: 3 },
    });
  });

  it('reads a task row under no recognised header in the standard column order', () => {
    const task = only(['Some text.', '', '| B-9 | Title | ⭐ | 2 | todo | Problem | Tech | None |']);
    expect(task).toMatchObject({
      title: 'Title',
      priority: 'medium',
      points: 2,
      backlogStatus: 'todo',
      description: 'Problem',
      techFootprint: 'Tech',
      dependencies: [],
    });
  });

  it('warns when a headerless task row does not fit the standard column order, but still reads it', () => {
    expect(codes(['| B-9 | Title | ⭐ |'])).toEqual(['1:COLUMN_COUNT_MISMATCH']);
    expect(only(['| B-9 | Title | ⭐ |'])).toMatchObject({ title: 'Title', priority: 'medium' });
  });

  it('keeps extra cells and extra columns in meta', () => {
    const task = only(['| ID | Title | Setup Required |', '|---|---|---|', '| S‑1 | Install | API key | stray |']);
    expect(task.meta).toEqual({ setup_required: 'API key', extra_cells: ['stray'] });
  });

  it('joins rows wrapped by a formatter', () => {
    const task = only([
      SEED,
      RULE,
      '| B-62 | Context Guide | 🔧 | 0.5 | todo | Create the guide from',
      'file headers | Guide Generation | None',
      '|',
    ]);
    expect(task).toMatchObject({
      description: 'Create the guide from file headers',
      techFootprint: 'Guide Generation',
    });
  });

  it('keeps the table header across blank lines and breaks, and drops it at the next heading', () => {
    const { tasks } = parse([
      '| ID | Title | Completion Date |',
      '|---|---|---|',
      '| C-1 | One | 2024-08-05 |',
      '',
      '- --',
      '| C-2 | Two | 2024-08-06 |',
      '## Next',
      '| C-3 | Three | ⭐ | 1 | todo | P | T | None |',
    ]);
    expect(tasks.map((task) => [task.id, task.completionDate, task.backlogStatus, task.priority])).toEqual([
      ['C-1', '2024-08-05', 'done', 'unknown'],
      ['C-2', '2024-08-06', 'done', 'unknown'],
      ['C-3', null, 'todo', 'medium'],
    ]);
  });

  it("reads an 8-cell task row that does not fit its table's header in the standard column order, and says so", () => {
    const lines = [
      '| ID | Title | Completion Date |',
      '|---|---|---|',
      '| B-5 | Late | ⭐ | 2 | todo | P | T | None |',
    ];
    expect(only(lines)).toMatchObject({ title: 'Late', priority: 'medium', points: 2, completionDate: null });
    expect(parse(lines).warnings[0]?.message).toMatch(
      /8 cells but the header at line 1 has 3; read in the standard column order/,
    );
  });

  it('reports rows of a task table without an id and ids that are not ids', () => {
    expect(codes(['| ID | Title |', '|---|---|', '| Phase 6 | Eval |', '| B-XXXX | Placeholder |'])).toEqual([
      '3:ROW_WITHOUT_ID',
      '4:INVALID_TASK_ID',
    ]);
  });

  it('reads a row with an accidental extra leading pipe', () => {
    const { tasks, warnings } = parse([SEED, RULE, '|| B-100 | Coder | 🔥 | 5 | todo | P | T | None |']);
    expect(tasks[0]).toMatchObject({ id: 'B-100', title: 'Coder', points: 5 });
    expect(warnings.map((warning) => warning.code)).toEqual(['EXTRA_LEADING_PIPE']);
  });
});

describe('parseBacklog: comment metadata', () => {
  const ROW = '| B-1 | One | 🔥 | 3 | todo | P | T | None |';

  it('attaches comments after a row, typed where the meaning is known, the rest in meta', () => {
    const task = only([
      ROW,
      '<!--score: {bv:5, tc:3, deps:[]}-->',
      '<!--score_total: 5.7-->',
      '<!-- human_required: true -->',
      '<!-- reason: needs keys -->',
      '<!-- default_executor: 003_process-task-list.md -->',
      '<!-- run: npm test -->',
      '<!-- est_hours: 4 -->',
      '<!-- blocked_by: infra -->',
      '<!-- lessons_applied: ["a.md#x"] -->',
      '',
      '<!-- review_on: 2025-01-01 -->',
    ]);
    expect(task).toMatchObject({
      score: { bv: 5, tc: 3, deps: [] },
      scoreTotal: 5.7,
      humanRequired: true,
      humanReason: 'needs keys',
      defaultExecutor: '003_process-task-list.md',
      runCommand: 'npm test',
      estHours: 4,
      meta: { blocked_by: 'infra', lessons_applied: ['a.md#x'], review_on: '2025-01-01' },
    });
  });

  it('merges identical duplicated comments silently and reports differing ones, keeping the first', () => {
    expect(codes([ROW, '<!--score_total: 5.7-->', '<!--score_total: 5.7-->'])).toEqual([]);
    expect(codes([ROW, '<!--score_total: 5.7-->', '<!--score_total: 6-->'])).toEqual(['3:META_CONFLICT']);
    expect(only([ROW, '<!--score_total: 5.7-->', '<!--score_total: 6-->']).scoreTotal).toBe(5.7);
  });

  it('stops attaching at the next heading and reports task metadata that belongs to nothing', () => {
    const lines = [ROW, '## Notes', '<!--score_total: 9-->', '<!-- ANCHOR: notes -->'];
    expect(only(lines).scoreTotal).toBeNull();
    expect(codes(lines)).toEqual(['3:ORPHAN_METADATA']);
  });

  it('reports values it cannot read and keeps them in meta', () => {
    const task = only([
      ROW,
      '<!--score_total: high-->',
      '<!--score: {bv 5}-->',
      '<!-- human_required: maybe -->',
      '<!-- sizes: [1e999] -->',
    ]);
    expect(task).toMatchObject({
      scoreTotal: null,
      score: null,
      humanRequired: false,
      meta: { score_total: 'high', score: '{bv 5}', human_required: 'maybe', sizes: '[1e999]' },
    });
    expect(codes([ROW, '<!--score_total: high-->', '<!--score: {bv 5}-->'])).toEqual([
      '2:INVALID_META_VALUE',
      '3:INVALID_SCORE',
    ]);
  });

  it('does not let an unclosed comment swallow the next task row', () => {
    const { tasks, warnings } = parse([
      ROW,
      '<!-- implementation_plan:',
      'PHASE 0',
      '',
      '| B-2 | Two | 🔧 | 1 | todo | P | T | None |',
      '<!-- est_hours: 3 -->',
    ]);
    expect(tasks.map((task) => [task.id, task.meta['implementation_plan'] ?? null, task.estHours])).toEqual([
      ['B-1', 'PHASE 0', null],
      ['B-2', null, 3],
    ]);
    expect(warnings.map(({ line, code }) => `${line}:${code}`)).toEqual(['2:UNCLOSED_COMMENT']);
  });
});

describe('parseBacklog: code blocks and robustness', () => {
  it('does not read tasks inside fenced code but reports them', () => {
    const lines = [
      '```md',
      '| B-1 | Example | 🔥 | 1 | todo | P | T | None |',
      '```',
      '| B-2 | Real | 🔥 | 1 | todo | P | T | None |',
    ];
    expect(parse(lines).tasks.map((task) => task.id)).toEqual(['B-2']);
    expect(codes(lines)).toEqual(['2:TASK_IN_CODE_BLOCK']);
    expect(codes(['```', 'code'])).toEqual(['1:UNCLOSED_CODE_FENCE']);
  });

  it('reads CRLF files like LF files and is deterministic', () => {
    const lines = [SEED, RULE, '| B-1 | One | 🔥 | 3 | todo | P | T | None |', '<!--score_total: 5.7-->'];
    const crlf = parseBacklog(lines.join('\r\n'), 'backlog.md');
    expect(crlf).toEqual(parse(lines));
    expect(JSON.parse(JSON.stringify(crlf))).toEqual(crlf);
  });

  it('returns nothing, without warnings, for an empty file', () => {
    expect(parseBacklog('', 'empty.md')).toEqual({ tasks: [], warnings: [] });
  });
});
