import { fenceOf, headingOf, isSeparatorRow, isThematicBreak, startsComment } from './markdown-lines';
import { countPipes } from './markdown-tables';

/** A formatter wraps a row over a handful of lines; more than this is not a wrapped row. */
export const MAX_CONTINUATION_LINES = 50;

export interface JoinedRow {
  text: string;
  endIndex: number;
  /** True when the row reached a closing `|` and, when known, the expected number of cells. */
  complete: boolean;
  /** True when the joined row ends with a closing `|` (it may still lack cells). */
  closed: boolean;
}

const endsWithPipe = (text: string): boolean => text.endsWith('|') && !text.endsWith('\\|');

const stopsRow = (line: string, startsTask: (line: string) => boolean): boolean => {
  const trimmed = line.trim();
  return (
    trimmed === '' ||
    startsComment(trimmed) ||
    headingOf(line) !== null ||
    fenceOf(line) !== null ||
    isSeparatorRow(trimmed) ||
    isThematicBreak(trimmed) ||
    startsTask(line)
  );
};

/**
 * Joins the continuation lines of a row wrapped by a formatter (with single spaces) until it ends with
 * `|` and has at least `expectedCells` cells. Stops early at anything that cannot be a continuation:
 * a blank line, a comment, a heading, a fence, a new task.
 */
export const joinRow = (
  lines: readonly string[],
  start: number,
  expectedCells: number | null,
  startsTask: (line: string) => boolean,
): JoinedRow => {
  let text = (lines[start] as string).trim();
  let pipes = countPipes(text);
  let endIndex = start;
  const complete = (): boolean => endsWithPipe(text) && (expectedCells === null || pipes - 1 >= expectedCells);
  while (!complete() && endIndex - start < MAX_CONTINUATION_LINES) {
    const next = lines[endIndex + 1];
    if (next === undefined || stopsRow(next, startsTask)) break;
    const piece = next.trim();
    text += ` ${piece}`;
    pipes += countPipes(piece);
    endIndex++;
  }
  return { text, endIndex, complete: complete(), closed: endsWithPipe(text) };
};
