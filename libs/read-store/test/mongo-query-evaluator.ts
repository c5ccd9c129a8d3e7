import { isDeepStrictEqual } from 'node:util';

/**
 * A small model of how MongoDB evaluates the query operators the adapter emits ($eq, $in,
 * ranges with type bracketing, $type, $not, $and, $or, array-element matching, null matching
 * missing fields), so the translation can be property-tested without a server.
 */
type Filter = Record<string, unknown>;

const bsonType = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'boolean' ? 'bool' : type === 'object' ? 'object' : type;
};

const candidates = (value: unknown): unknown[] => (Array.isArray(value) ? [value, ...value] : [value]);

const compareSameType = (a: unknown, b: unknown): number | null => {
  const type = bsonType(a);
  if (type !== bsonType(b) || !['number', 'string', 'bool'].includes(type ?? '')) return null;
  if (type === 'string') return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string));
  return Number(a) - Number(b);
};

const RANGE: Record<string, (order: number) => boolean> = {
  $gt: (order) => order > 0,
  $gte: (order) => order >= 0,
  $lt: (order) => order < 0,
  $lte: (order) => order <= 0,
};

const isOperators = (condition: unknown): condition is Filter =>
  typeof condition === 'object' &&
  condition !== null &&
  !Array.isArray(condition) &&
  Object.keys(condition).every((key) => key.startsWith('$'));

const matchOperator = (value: unknown, operator: string, argument: unknown): boolean => {
  if (operator === '$eq') {
    if (argument === null) return value === undefined || candidates(value).some((candidate) => candidate === null);
    return candidates(value).some((candidate) => isDeepStrictEqual(candidate, argument));
  }
  if (operator === '$in') return (argument as unknown[]).some((each) => matchOperator(value, '$eq', each));
  if (operator === '$not') return !matchField(value, argument);
  if (operator === '$type') {
    const types = ([] as unknown[]).concat(argument);
    return types.some((type) =>
      type === 'array' ? Array.isArray(value) : candidates(value).some((c) => bsonType(c) === type),
    );
  }
  const test = RANGE[operator];
  if (test === undefined) throw new Error(`the model does not know ${operator}`);
  return candidates(value).some((candidate) => {
    const order = compareSameType(candidate, argument);
    return order !== null && test(order);
  });
};

const matchField = (value: unknown, condition: unknown): boolean =>
  isOperators(condition)
    ? Object.entries(condition).every(([operator, argument]) => matchOperator(value, operator, argument))
    : matchOperator(value, '$eq', condition);

export const mongoMatches = (doc: Filter, filter: Filter): boolean =>
  Object.entries(filter).every(([key, condition]) => {
    if (key === '$or') return (condition as Filter[]).some((each) => mongoMatches(doc, each));
    if (key === '$and') return (condition as Filter[]).every((each) => mongoMatches(doc, each));
    return matchField(doc[key], condition);
  });
