const NONE = new Set(['none', 'n/a', 'na', '-', '—', '–', 'nil', 'no dependencies', 'no deps', 'tbd']);

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** `None`, `n/a`, `-` and friends mean "no dependency". */
/** First characters a "no dependency" word can start with (cheap pre-check before the lookup). */
const NONE_STARTS = new Set(['n', 'N', 't', 'T', '-', '—', '–', '*', '_', '`']);

export const isNoDependency = (text: string): boolean =>
  text.length <= 20 && NONE_STARTS.has(text[0] as string) && NONE.has(text.replace(/[*_`]/g, '').trim().toLowerCase());

const keep = (parts: readonly string[]): string[] =>
  parts.map((part) => part.trim()).filter((part) => part !== '' && !isNoDependency(part));

/**
 * Splits a written dependency list on commas/semicolons that are not inside brackets:
 * `B-1060 (Gates, v2), B-1045` → [`B-1060 (Gates, v2)`, `B-1045`]. Entries are trimmed, "None" is dropped.
 */
export const splitDependencyText = (text: string): string[] => {
  if (!/[([{]/.test(text)) return keep(text.split(/[,;]/));
  const parts: string[] = [];
  const closers: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const closer = OPENERS[char];
    if (closer !== undefined) closers.push(closer);
    else if (char === closers[closers.length - 1]) closers.pop();
    else if ((char === ',' || char === ';') && closers.length === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return keep(parts);
};
