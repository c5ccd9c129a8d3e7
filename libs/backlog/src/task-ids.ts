/** Hyphen-like characters people and editors put inside ids: ASCII, U+2010..U+2013 (incl. non-breaking U+2011). */
export const HYPHENS = '-\u2010\u2011\u2012\u2013';

const ID_SOURCE = `[A-Z]{1,5}[${HYPHENS}]\\d+(?:[${HYPHENS}][A-Za-z0-9]+)*`;

/** A task id written at the start of a string, followed by a boundary. */
export const LEADING_ID = new RegExp(`^(${ID_SOURCE})(?![A-Za-z0-9])`);

const WHOLE_ID = new RegExp(`^${ID_SOURCE}$`);

/** Looks like an id someone meant (`B-XXXX`, `B-TBD`) but is not one. */
const ID_LIKE = new RegExp(`^[A-Z]{1,5}[${HYPHENS}][A-Z0-9?]+(?:[${HYPHENS}][A-Za-z0-9]+)*$`);

const HYPHEN_RUN = new RegExp(`[${HYPHENS}]`, 'g');

/** `B‑052‑d` → `B-052-d`. */
export const normaliseTaskId = (raw: string): string => raw.replace(HYPHEN_RUN, '-');

/** The whole (trimmed, unbolded) text is a task id. */
export const isTaskId = (text: string): boolean => WHOLE_ID.test(text);

/** The whole text is shaped like an id but is not a valid one (no digits after the prefix). */
export const isInvalidIdLike = (text: string): boolean => !WHOLE_ID.test(text) && ID_LIKE.test(text);

/** Removes markdown emphasis/strikethrough/code wrappers around a cell: `**B-1**` → `B-1`. */
export const unwrapEmphasis = (text: string): string =>
  /^[*_~`]|[*_~`]$/.test(text)
    ? text
        .replace(/^[*_~`]+/, '')
        .replace(/[*_~`]+$/, '')
        .trim()
    : text.trim();

/** `**Title**` → `Title`; other text unchanged. */
export const stripBold = (text: string): string => {
  if (!text.startsWith('**')) return text.trim();
  const match = /^\*\*([^*].*)\*\*$/.exec(text.trim());
  return match && !(match[1] as string).includes('**') ? (match[1] as string).trim() : text.trim();
};

const chunks = (id: string): string[] => id.match(/\d+|\D+/g) ?? [];

const compareChunk = (a: string, b: string): number => {
  const aNum = /^\d/.test(a);
  const bNum = /^\d/.test(b);
  if (aNum && bNum) return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
};

/** Natural order of ids: `B-52` < `B-052-d` < `B-1000`, `C-2` after every `B-`. Deterministic, locale-free. */
export const compareTaskIds = (a: string, b: string): number => {
  const left = chunks(a);
  const right = chunks(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareChunk(left[i] as string, right[i] as string);
    if (order !== 0) return order;
  }
  return left.length - right.length || (a < b ? -1 : a > b ? 1 : 0);
};
