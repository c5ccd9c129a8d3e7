import { entryTarget, type EntryTarget } from './sighting-entries';
import { normaliseKey } from './task-fields';

/** Number of unescaped `|` in a piece of a row. */
export const countPipes = (text: string): number => {
  let pipes = 0;
  for (let at = nextPipe(text, 0); at !== -1; at = nextPipe(text, at + 1)) pipes++;
  return pipes;
};

/** Index of the next unescaped `|` at or after `from`, or -1. */
const nextPipe = (text: string, from: number): number => {
  for (let at = text.indexOf('|', from); at !== -1; at = text.indexOf('|', at + 1)) {
    let backslashes = 0;
    for (let i = at - 1; i >= 0 && text.charCodeAt(i) === 92; i--) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
};

const cellText = (raw: string): string => (raw.includes('\\|') ? raw.replace(/\\\|/g, '|') : raw).trim();

/** `| a | b \| c |` → [`a`, `b | c`]; outer pipes optional, cells trimmed. */
export const splitCells = (row: string): string[] => {
  const text = row.trim();
  const cells: string[] = [];
  let start = text.startsWith('|') ? 1 : 0;
  for (let pipe = nextPipe(text, start); pipe !== -1; pipe = nextPipe(text, start)) {
    cells.push(cellText(text.slice(start, pipe)));
    start = pipe + 1;
  }
  if (start < text.length || cells.length === 0) cells.push(cellText(text.slice(start)));
  return cells;
};

/** The `index`-th cell of a row without splitting the whole row, or null when the row is shorter. */
export const cellAt = (row: string, index: number): string | null => {
  const text = row.trimStart();
  let start = text.startsWith('|') ? 1 : 0;
  for (let cell = 0; ; cell++) {
    const pipe = nextPipe(text, start);
    if (cell === index) return cellText(pipe === -1 ? text.slice(start) : text.slice(start, pipe));
    if (pipe === -1) return null;
    start = pipe + 1;
  }
};

export interface ColumnSpec {
  name: string;
  /** Normalised header name, used as the meta key for columns without a typed target. */
  key: string;
  target: EntryTarget | null;
}

export interface TableHeader {
  columns: ColumnSpec[];
  /** Index of the ID column, -1 when the table has none (not a task table). */
  idColumn: number;
  line: number;
}

export const headerFromCells = (cells: readonly string[], line: number): TableHeader => {
  const used = new Set<EntryTarget>();
  const columns = cells.map((name): ColumnSpec => {
    const key = normaliseKey(name);
    const target = entryTarget(key);
    if (target === null || used.has(target)) return { name, key, target: null };
    used.add(target);
    return { name, key, target };
  });
  return { columns, idColumn: columns.findIndex((column) => column.target === 'id'), line };
};

/** The standard column order, used for task rows under no recognised header. */
export const STANDARD_HEADER: TableHeader = headerFromCells(
  ['ID', 'Title', 'Priority', 'Points', 'Status', 'Description', 'Tech Footprint', 'Dependencies'],
  0,
);

export const isTaskTable = (header: TableHeader | null): header is TableHeader =>
  header !== null && header.idColumn >= 0;
