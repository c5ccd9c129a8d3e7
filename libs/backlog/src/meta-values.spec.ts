import { parseBacklog } from './backlog-parser';
import type { JsonValue, ParsedTask } from './backlog.types';
import { MAX_META_DEPTH, MAX_META_VALUE_BYTES } from './meta-values';

const ROW = '| B-1 | One | 🔥 | 3 | todo | P | T | None |';
const parse = (...lines: string[]) => parseBacklog(lines.join('\n'), 'backlog.md');
const metaOf = (task: ParsedTask | undefined, key: string): JsonValue | undefined => task?.meta[key];
const arrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const objects = (depth: number): string => `${'{"a": '.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

/** Nesting depth of `[[...]]` / `{"a": {...}}` values, read without recursion. */
const depthOf = (value: JsonValue | undefined): number => {
  let depth = 0;
  let at: JsonValue | undefined = value;
  while (at !== null && typeof at === 'object') {
    depth += 1;
    at = Array.isArray(at) ? at[0] : at['a'];
  }
  return depth;
};

describe('parseBacklog: nesting depth of metadata values', () => {
  it(`reads a value nested ${MAX_META_DEPTH} deep as JSON, without a warning`, () => {
    expect(MAX_META_DEPTH).toBe(32);
    const { tasks, warnings } = parse(ROW, `<!-- meta_x: ${arrays(32)} -->`, `<!-- meta_y: ${objects(32)} -->`);
    expect([depthOf(metaOf(tasks[0], 'meta_x')), depthOf(metaOf(tasks[0], 'meta_y'))]).toEqual([32, 32]);
    expect(warnings).toEqual([]);
  });

  it('keeps a value nested one level deeper as the text written, with a warning naming the line and key', () => {
    const { tasks, warnings } = parse(ROW, '', `<!-- meta_x: ${arrays(33)} -->`);
    expect(metaOf(tasks[0], 'meta_x')).toBe(arrays(33));
    expect(warnings).toEqual([
      {
        line: 3,
        code: 'META_VALUE_TOO_DEEP',
        message: 'B-1: meta_x is nested more than 32 levels deep; kept as text',
      },
    ]);
  });

  it('counts only brackets outside quoted strings', () => {
    const value = `{"text": "${'['.repeat(100)}", "list": ["a\\"[[["]}`;
    const { tasks, warnings } = parse(ROW, `<!-- notes: ${value} -->`);
    expect(metaOf(tasks[0], 'notes')).toEqual({ text: '['.repeat(100), list: ['a"[[['] });
    expect(warnings).toEqual([]);
  });

  it('reads values nested 5,000 deep in a comment, a section field and an extra column as text', () => {
    const deep = arrays(5000);
    const { tasks, warnings } = parse(
      '| ID | Title | Notes |',
      '|---|---|---|',
      `| B-1 | One | ${objects(5000)} |`,
      `<!-- meta_x: ${deep} -->`,
      '### B-2: Two',
      `- **Plan**: ${deep}`,
    );
    expect(metaOf(tasks[0], 'notes')).toBe(objects(5000));
    expect(metaOf(tasks[0], 'meta_x')).toBe(deep);
    expect(metaOf(tasks[1], 'plan')).toBe(deep);
    expect(warnings.map(({ line, code }) => `${line}:${code}`)).toEqual([
      '3:META_VALUE_TOO_DEEP',
      '4:META_VALUE_TOO_DEEP',
      '6:META_VALUE_TOO_DEEP',
    ]);
  });

  it('compares two different values nested 5,000 deep under one key without overflowing the stack', () => {
    const { tasks, warnings } = parse(ROW, `<!-- meta_x: ${arrays(5000)} -->`, `<!-- meta_x: ${arrays(4999)} -->`);
    expect(metaOf(tasks[0], 'meta_x')).toBe(arrays(5000));
    expect(warnings.map(({ line, code }) => `${line}:${code}`)).toEqual([
      '2:META_VALUE_TOO_DEEP',
      '3:META_VALUE_TOO_DEEP',
      '3:META_CONFLICT',
    ]);
  });
});

describe('parseBacklog: size of metadata values', () => {
  const limit = MAX_META_VALUE_BYTES;

  it('keeps a value of exactly the byte limit', () => {
    const value = 'x'.repeat(limit);
    const { tasks, warnings } = parse(ROW, `<!-- notes: ${value} -->`);
    expect(metaOf(tasks[0], 'notes')).toBe(value);
    expect(warnings).toEqual([]);
  });

  it('drops a value over the byte limit, counting UTF-8 bytes, with a warning naming the line, key and limit', () => {
    expect(limit).toBe(65_536);
    const value = '€'.repeat(Math.floor(limit / 3) + 1);
    const { tasks, warnings } = parse(ROW, `<!-- notes: ${value} -->`, '<!-- other: kept -->');
    expect(tasks[0]?.meta).toEqual({ other: 'kept' });
    expect(warnings).toEqual([
      {
        line: 2,
        code: 'META_VALUE_TOO_LARGE',
        message: 'B-1: notes is 65538 bytes, over the 65536-byte limit for one value; dropped',
      },
    ]);
  });

  it('drops a huge JSON value, a huge score and huge unreadable text instead of keeping them', () => {
    const huge = `[${'[1],'.repeat(1_000_000)}[1]]`;
    const { tasks, warnings } = parse(
      ROW,
      `<!-- matrix: ${huge} -->`,
      `<!-- score: {bv: 5, deps: ${huge}} -->`,
      `<!-- est_hours: ${huge} -->`,
    );
    expect(tasks[0]).toMatchObject({ score: null, estHours: null, meta: {} });
    expect(warnings.map(({ line, code }) => `${line}:${code}`)).toEqual([
      '2:META_VALUE_TOO_LARGE',
      '3:META_VALUE_TOO_LARGE',
      '4:META_VALUE_TOO_LARGE',
    ]);
  });
});
