/**
 * Binary string order: by Unicode code point, which is the byte order of UTF-8 (SQLite's
 * BINARY collation, MongoDB's default). JavaScript's `<` compares UTF-16 code units instead,
 * which puts astral characters (surrogate pairs) before U+E000..U+FFFF.
 */
export const compareStrings = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
};

/** Moves surrogates (D800..DFFF) above E000..FFFF, keeping the order inside each group. */
const codePointRank = (unit: number): number => {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
};

/**
 * The order of JSON types in sorts, MongoDB's BSON order: null (and missing) < numbers <
 * strings < objects < arrays < booleans.
 */
export const JSON_TYPE_ORDER = ['null', 'number', 'string', 'object', 'array', 'boolean'] as const;
export type JsonTypeName = (typeof JSON_TYPE_ORDER)[number];

export const jsonTypeOf = (value: unknown): JsonTypeName => {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'number' || type === 'string' || type === 'boolean' ? type : 'object';
};

export const compareValues = (a: unknown, b: unknown): number => {
  const typeA = jsonTypeOf(a);
  const typeB = jsonTypeOf(b);
  if (typeA !== typeB) return JSON_TYPE_ORDER.indexOf(typeA) - JSON_TYPE_ORDER.indexOf(typeB);
  switch (typeA) {
    case 'null':
      return 0;
    case 'number':
    case 'boolean':
      return Number(a) - Number(b);
    case 'string':
      return compareStrings(a as string, b as string);
    default:
      return compareStrings(JSON.stringify(a), JSON.stringify(b));
  }
};
