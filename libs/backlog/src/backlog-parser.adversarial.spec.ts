import { parseBacklog } from './backlog-parser';

/** Inputs shaped to hit quadratic or backtracking paths; a non-linear parser would blow the test timeout. */
describe('parseBacklog on adversarial input', () => {
  it('reads a 1 MB line of pipes and escaped pipes', () => {
    const line = `| B-1 | ${'a \\| '.repeat(100_000)}${'|'.repeat(200_000)}`;
    expect(parseBacklog(line, 'pipes.md').tasks).toHaveLength(1);
  });

  it('reads an unclosed comment followed by 100,000 lines, and drops the 2 MB value it swallowed', () => {
    const markdown = `| B-1 | T | 🔥 | 1 | todo | P | T | None |\n<!-- implementation_plan:\n${'1) step and more words\n'.repeat(100_000)}`;
    const { tasks, warnings } = parseBacklog(markdown, 'comment.md');
    expect(tasks[0]?.meta).toEqual({});
    expect(warnings.map((warning) => warning.code)).toEqual(['UNCLOSED_COMMENT', 'META_VALUE_TOO_LARGE']);
    expect(warnings[1]?.message).toMatch(/^B-1: implementation_plan is 2\d{6} bytes, over the 65536-byte limit/);
  });

  it('reads 50,000 sightings of one id and a cell with 50,000 dependencies', () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `| B-1 | Same title | 🔥 | 1 | todo | P | T | B-${i % 1000} |`,
    ).join('\n');
    const deps = Array.from({ length: 50_000 }, (_, i) => `B-${i}`).join(', ');
    expect(parseBacklog(`${rows}\n| B-2 | Other | 🔥 | 1 | todo | P | T | ${deps} |`, 'same.md').tasks).toHaveLength(2);
  });

  it('reads long runs of id-like tokens, headings and separators', () => {
    const markdown = [
      `### **B-${'1-a'.repeat(50_000)}`,
      `|${'-|'.repeat(100_000)}x`,
      `- ${'B-1-'.repeat(50_000)}!`,
      `${'#'.repeat(100_000)} x`,
    ].join('\n');
    expect(parseBacklog(markdown, 'odd.md').tasks.length).toBeLessThanOrEqual(2);
  });
});
