import type { Condition, ParsedQuery, ParsedSortKey, RangeOp } from './query';
import { encodeCursor, sortSignature } from './query-cursor';
import { compareStrings, compareValues } from './value-order';

export type PlainDoc = Readonly<Record<string, unknown>>;

const equals = (value: unknown, expected: unknown): boolean =>
  expected === null ? value === null || value === undefined : value === expected;

const withinBound = (value: number | string, op: RangeOp, bound: number | string): boolean => {
  const order = typeof value === 'number' ? value - (bound as number) : compareStrings(value, bound as string);
  if (op === 'gt') return order > 0;
  if (op === 'gte') return order >= 0;
  return op === 'lt' ? order < 0 : order <= 0;
};

/** The reference semantics of a filter condition; the other adapters translate the same rules. */
export const matchesCondition = (doc: PlainDoc, condition: Condition): boolean => {
  const value = doc[condition.field];
  switch (condition.kind) {
    case 'eq':
      return equals(value, condition.value);
    case 'in':
      return condition.values.some((expected) => equals(value, expected));
    case 'range':
      return (
        typeof value === condition.type && condition.bounds.every((b) => withinBound(value as never, b.op, b.value))
      );
  }
};

export const sortKeyOf = (doc: PlainDoc, sort: readonly ParsedSortKey[]): unknown[] =>
  sort.map((key) => doc[key.field] ?? null);

export const compareKeys = (a: readonly unknown[], b: readonly unknown[], sort: readonly ParsedSortKey[]): number => {
  for (let index = 0; index < sort.length; index += 1) {
    const order = compareValues(a[index], b[index]);
    if (order !== 0) return sort[index]?.direction === 'desc' ? -order : order;
  }
  return 0;
};

/** Filters, sorts and pages documents held in memory; returns the page and the next cursor. */
export const findInMemory = <R>(
  entries: Iterable<R>,
  docOf: (entry: R) => PlainDoc,
  query: ParsedQuery,
): { page: R[]; nextCursor: string | null } => {
  const rows: { entry: R; key: unknown[] }[] = [];
  const after = query.after === null ? null : [...query.after.values, query.after.id];
  for (const entry of entries) {
    const doc = docOf(entry);
    if (!query.conditions.every((condition) => matchesCondition(doc, condition))) continue;
    const key = sortKeyOf(doc, query.sort);
    if (after === null || compareKeys(key, after, query.sort) > 0) rows.push({ entry, key });
  }
  rows.sort((a, b) => compareKeys(a.key, b.key, query.sort));
  const limit = query.limit ?? rows.length;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor(sortSignature(query.sort), {
          values: last.key.slice(0, -1),
          id: String(last.key[last.key.length - 1]),
        })
      : null;
  return { page: page.map((row) => row.entry), nextCursor };
};
