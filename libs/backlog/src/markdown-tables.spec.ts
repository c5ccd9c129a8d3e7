import { cellAt, headerFromCells, splitCells } from './markdown-tables';
import { joinRow } from './row-joining';

describe('markdown tables', () => {
  it('splits cells with or without outer pipes, unescaping \\|', () => {
    expect(splitCells('| B-1 | a \\| b |  |')).toEqual(['B-1', 'a | b', '']);
    expect(splitCells('B-1 | x')).toEqual(['B-1', 'x']);
    expect(splitCells('|| B-100 | x |')).toEqual(['', 'B-100', 'x']);
  });

  it('reads one cell without splitting the row', () => {
    expect(cellAt('| B-1 | Title | 🔥 |', 0)).toBe('B-1');
    expect(cellAt('| B-1 | Title | 🔥 |', 2)).toBe('🔥');
    expect(cellAt('| B-1 |', 4)).toBeNull();
  });

  it('maps header names to fields; duplicates and unknown names become meta columns', () => {
    const header = headerFromCells(['Dependencies', '🎯Points', 'ID', 'Problem', 'Description', 'Setup Required'], 3);
    expect(header.idColumn).toBe(2);
    expect(header.columns.map(({ key, target }) => [key, target])).toEqual([
      ['dependencies', 'dependencies'],
      ['points', 'points'],
      ['id', 'id'],
      ['problem', null],
      ['description', 'description'],
      ['setup_required', null],
    ]);
  });

  it('joins a row wrapped over lines until it has its cells and a closing pipe', () => {
    const lines = [
      '| B-62 | Title | 🔧 | 0.5 | done | Create regen_guide.py to auto-generate context',
      'priority guide | Guide | B-060 Documentation',
      '|',
      '| B-63 |',
    ];
    expect(joinRow(lines, 0, 8, (line) => line.startsWith('| B-63'))).toEqual({
      text: '| B-62 | Title | 🔧 | 0.5 | done | Create regen_guide.py to auto-generate context priority guide | Guide | B-060 Documentation |',
      endIndex: 2,
      complete: true,
      closed: true,
    });
  });

  it('joins a row that ends with a pipe but still lacks cells', () => {
    const lines = ['| B‑020 | Tokenizer | 🔧 | 2 | todo | Improve text | SentencePiece |', 'Tokenizer |'];
    expect(joinRow(lines, 0, 8, () => false)).toMatchObject({ endIndex: 1, complete: true });
  });

  it('stops at a comment, a blank line or a new task and reports the row incomplete', () => {
    for (const stop of ['<!-- started_at: x -->', '', '| B-2 | next |', '## Heading']) {
      expect(joinRow(['| B-1 | cut here', stop], 0, 8, (line) => line.startsWith('| B-2'))).toEqual({
        text: '| B-1 | cut here',
        endIndex: 0,
        complete: false,
        closed: false,
      });
    }
  });
});
