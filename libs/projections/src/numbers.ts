/** Rounds to a fixed number of decimals, so derived numbers serialise the same every time. */
export const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
};

/** `part / whole` rounded to 4 decimals, or null when there is nothing to divide. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole, 4) : null);

/** Cuts text to `max` characters (an ellipsis marks the cut). */
export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;
