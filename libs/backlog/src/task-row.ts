import type { ParseWarning } from './backlog.types';
import { cellAt, isTaskTable, STANDARD_HEADER, splitCells, type TableHeader } from './markdown-tables';
import { newSighting, setMeta, type Sighting } from './sighting';
import { addMeta } from './meta-values';
import { applyEntry } from './sighting-entries';
import { isTaskId, normaliseTaskId, stripBold, unwrapEmphasis } from './task-ids';

/** The header a task row is read with: its table's, or the standard column order when there is none. */
export const taskHeaderFor = (header: TableHeader | null): TableHeader =>
  isTaskTable(header) ? header : STANDARD_HEADER;

/** The id written in a row's id column (after an accidental extra leading pipe), or null. */
export const rowIdOf = (cells: readonly string[], header: TableHeader): string | null => {
  const cell = unwrapEmphasis(cells[header.idColumn] ?? '');
  if (isTaskId(cell)) return cell;
  if (header.idColumn === 0 && cells[0] === '') {
    const shifted = unwrapEmphasis(cells[1] ?? '');
    if (isTaskId(shifted)) return shifted;
  }
  return null;
};

/** {@link rowIdOf} on the raw row text, reading only the cells it needs. */
export const rowIdIn = (row: string, header: TableHeader): string | null => {
  const cell = unwrapEmphasis(cellAt(row, header.idColumn) ?? '');
  if (isTaskId(cell)) return cell;
  if (header.idColumn !== 0 || cellAt(row, 0) !== '') return null;
  const shifted = unwrapEmphasis(cellAt(row, 1) ?? '');
  return isTaskId(shifted) ? shifted : null;
};

/** True when a line starts a new task row (used to stop joining wrapped lines). */
export const startsTaskRow = (trimmed: string, header: TableHeader | null): boolean =>
  trimmed.startsWith('|') && rowIdIn(trimmed, taskHeaderFor(header)) !== null;

const columnsFor = (cells: readonly string[], header: TableHeader): TableHeader =>
  header !== STANDARD_HEADER &&
  cells.length !== header.columns.length &&
  cells.length === STANDARD_HEADER.columns.length &&
  rowIdOf(cells, STANDARD_HEADER) !== null
    ? STANDARD_HEADER
    : header;

const STANDARD_ORDER =
  'the standard column order (ID, Title, Priority, Points, Status, Description, Tech Footprint, Dependencies)';

const mismatchMessage = (rawId: string, cells: number, header: TableHeader, rowHeader: TableHeader): string | null => {
  if (header !== rowHeader)
    return `${rawId}: row has ${cells} cells but the header at line ${rowHeader.line} has ${rowHeader.columns.length}; read in ${STANDARD_ORDER}`;
  if (cells === header.columns.length) return null;
  if (header === STANDARD_HEADER)
    return `${rawId}: row has ${cells} cells and no recognised header; read in ${STANDARD_ORDER}`;
  return `${rawId}: row has ${cells} cells but the header at line ${header.line} has ${header.columns.length}; read by position`;
};

/**
 * Builds a sighting from a complete (joined) task row, read with `rowHeader` (its table's header or
 * {@link STANDARD_HEADER}). Columns are mapped by header name; extra cells beyond the header are kept
 * in `meta.extra_cells`. An 8-cell task row that does not fit its table's header is read in the standard column order.
 */
export const rowSighting = (
  rowText: string,
  rowHeader: TableHeader,
  line: number,
  warnings: ParseWarning[],
): Sighting | null => {
  let cells = splitCells(rowText);
  const header = columnsFor(cells, rowHeader);
  const rawId = rowIdOf(cells, header);
  if (rawId === null) return null;
  if (header.idColumn === 0 && cells[0] === '') {
    cells = cells.slice(1);
    warnings.push({
      line,
      code: 'EXTRA_LEADING_PIPE',
      message: `${rawId}: row starts with an empty cell; read from the next cell`,
    });
  }
  const sighting = newSighting('table', line, normaliseTaskId(rawId), rawId, null);
  const mismatch = mismatchMessage(rawId, cells.length, header, rowHeader);
  if (mismatch !== null) warnings.push({ line, code: 'COLUMN_COUNT_MISMATCH', message: mismatch });
  header.columns.forEach((column, i) => {
    const cell = cells[i];
    if (cell === undefined || cell === '') return;
    if (column.target === 'title') sighting.title = stripBold(cell);
    else if (column.target === null) addMeta(sighting, column.key, cell, line, warnings);
    else applyEntry(sighting, column.key, cell, line, warnings, 'column');
  });
  const extra =
    cells.length > header.columns.length ? cells.slice(header.columns.length).filter((cell) => cell !== '') : [];
  if (extra.length > 0) setMeta(sighting, 'extra_cells', extra, line, warnings);
  return sighting;
};
