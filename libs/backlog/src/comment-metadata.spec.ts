import { joinValueLines, readComments } from './comment-metadata';

const never = (): boolean => false;

describe('comment metadata', () => {
  it('reads one key and value, normalising the key', () => {
    const block = readComments(['<!-- Default_Executor: 003_process-task-list.md -->'], 0, never);
    expect(block).toEqual({
      closed: true,
      endIndex: 0,
      entries: [{ key: 'default_executor', rawKey: 'Default_Executor', value: '003_process-task-list.md', line: 1 }],
    });
  });

  it('reads several comments written on one line', () => {
    const block = readComments(['<!--score_total: 5.7--> <!-- est_hours: 2 -->'], 0, never);
    expect(block.entries.map(({ key, value }) => [key, value])).toEqual([
      ['score_total', '5.7'],
      ['est_hours', '2'],
    ]);
  });

  it("follows a comment over lines and joins a formatter's soft wraps with spaces", () => {
    const lines = [
      '<!--progress: C-2 completed (retry_wrapper.py),',
      'C-5 completed',
      '(secrets_management)-->',
      '| next |',
    ];
    const block = readComments(lines, 0, never);
    expect(block.endIndex).toBe(2);
    expect(block.entries[0]?.value).toBe('C-2 completed (retry_wrapper.py), C-5 completed (secrets_management)');
  });

  it('keeps line breaks of lists, indented lines and paragraphs', () => {
    expect(joinValueLines(['', 'PHASE 1 — Setup', '1) Install', '2) Lock', '   class X', '', 'ROLLBACK'])).toBe(
      'PHASE 1 — Setup\n1) Install\n2) Lock\n   class X\n\nROLLBACK',
    );
  });

  it('stops an unclosed comment before a terminator line and says so', () => {
    const lines = ['<!-- implementation_plan:', 'PHASE 0 — Flags', '', '| B-1054 | Cache |', '<!-- x: 1 -->'];
    const block = readComments(lines, 0, (line) => line.startsWith('| B-'));
    expect(block).toMatchObject({
      closed: false,
      endIndex: 2,
      entries: [{ key: 'implementation_plan', value: 'PHASE 0 — Flags' }],
    });
  });

  it('ignores comments that are not key: value', () => {
    expect(readComments(['<!-- AI-BACKLOG-META', 'next: | x -->'], 0, never).entries).toEqual([]);
    expect(readComments(['<!-- just a note -->'], 0, never).entries).toEqual([]);
  });
});
