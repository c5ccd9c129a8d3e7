import fc from 'fast-check';
import { jsonSyntaxError } from './json-syntax';

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** JSON texts, some intact and some with a character dropped, replaced or inserted. */
const jsonish = fc
  .tuple(
    fc.json(),
    fc.nat(),
    fc.constantFrom('drop', 'replace', 'insert', 'keep'),
    fc.constantFrom(...',:[]{}"\\ 1a-.\n'),
  )
  .map(([text, index, edit, char]) => {
    const at = text.length === 0 ? 0 : index % text.length;
    if (edit === 'drop') return text.slice(0, at) + text.slice(at + 1);
    if (edit === 'replace') return text.slice(0, at) + char + text.slice(at + 1);
    if (edit === 'insert') return text.slice(0, at) + char + text.slice(at);
    return text;
  });

describe('locating a JSON syntax error', () => {
  it('finds an error exactly when JSON.parse refuses the text', () =>
    fc.assert(
      fc.property(jsonish, (text) => expect(jsonSyntaxError(text) === null).toBe(parses(text))),
      {
        numRuns: 2_000,
      },
    ));

  it('points inside the text, or just past its end', () =>
    fc.assert(
      fc.property(jsonish, (text) => {
        const error = jsonSyntaxError(text);
        if (error === null) return;
        const lines = text.split('\n');
        expect(error.line).toBeLessThanOrEqual(lines.length);
        expect(error.column).toBeLessThanOrEqual(lines[error.line - 1]!.length + 1);
      }),
    ));

  it('copes with any nesting depth', () => {
    expect(jsonSyntaxError(`${'['.repeat(500_000)}1,]${']'.repeat(499_999)}`)).toEqual({
      line: 1,
      column: 500_003,
      problem: 'unexpected "]"; expected a value',
    });
  });
});
