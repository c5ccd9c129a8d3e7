import { generateBacklog } from './backlog-generator';
import { parseBacklog } from './backlog-parser';

describe('generated benchmark backlogs', () => {
  it('are reproducible by seed and different across seeds', () => {
    expect(generateBacklog(50, 7)).toBe(generateBacklog(50, 7));
    expect(generateBacklog(50, 7)).not.toBe(generateBacklog(50, 8));
  });

  it('parse to exactly the generated number of tasks, with wrapped rows, U+2011 ids, comments and sections', () => {
    const markdown = generateBacklog(600, 42);
    const { tasks, warnings } = parseBacklog(markdown, 'generated.md');
    expect(tasks).toHaveLength(600);
    expect(markdown).toContain('\u2011');
    expect(markdown).toMatch(/^### \*\*B/m);
    expect(markdown).toMatch(/^[^|<#\n-][^\n]*\|$/m);
    expect(tasks.filter((task) => task.scoreTotal !== null)).toHaveLength(600);
    expect(
      warnings.filter((warning) => !['UNRESOLVED_DEPENDENCY', 'AMBIGUOUS_DEPENDENCY'].includes(warning.code)),
    ).toEqual([]);
  });
});
