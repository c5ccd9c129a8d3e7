/** Line-level markdown shapes the scanner cares about. All checks are anchored and backtrack-free. */

export interface Heading {
  level: number;
  text: string;
}

const stripClosingHashes = (text: string): string => {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === text.length) return text;
  return end === 0 || /[ \t]/.test(text[end - 1] as string) ? text.slice(0, end).trimEnd() : text;
};

export const headingOf = (line: string): Heading | null => {
  const match = /^ {0,3}(#{1,6})(?=[ \t]|$)/.exec(line);
  if (!match) return null;
  const text = stripClosingHashes(line.slice(match[0].length).trim());
  return { level: (match[1] as string).length, text };
};

export interface Fence {
  char: string;
  length: number;
}

export const fenceOf = (line: string): Fence | null => {
  const match = /^ {0,3}(`{3,}|~{3,})/.exec(line);
  if (!match) return null;
  const marker = match[1] as string;
  return { char: marker[0] as string, length: marker.length };
};

export const closesFence = (line: string, fence: Fence): boolean => {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match !== null && (match[1] as string)[0] === fence.char && (match[1] as string).length >= fence.length;
};

/** `---`, `***`, `___`, and the formatter-mangled `- --`. */
export const isThematicBreak = (trimmed: string): boolean =>
  /^(?:-[ \t]*){3,}$|^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$/.test(trimmed);

export interface ListItem {
  indent: number;
  content: string;
}

export const listItemOf = (line: string): ListItem | null => {
  const match = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/.exec(line);
  if (!match) return null;
  return { indent: (match[1] as string).replace(/\t/g, '    ').length, content: (match[2] as string).trim() };
};

/** `|---|:--:|`, with or without outer pipes. */
export const isSeparatorRow = (trimmed: string): boolean =>
  trimmed.includes('-') && /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$/.test(trimmed);

export const startsComment = (trimmed: string): boolean => trimmed.startsWith('<!--');

/** Splits text into lines on LF, CRLF or CR. */
export const splitLines = (text: string): string[] =>
  text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
