/** Where a JSON text first goes wrong, and what was expected there. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  problem: string;
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'after-value';

/** A problem at an offset; turned into a line and column at the end. */
type Problem = { at: number; problem: string };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[^\s,:[\]{}"]{1,20}/y;

const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
};

const found = (text: string, at: number): string => {
  if (at >= text.length) return 'end of file';
  WORD.lastIndex = at;
  return JSON.stringify(WORD.exec(text)?.[0] ?? text[at]);
};

/** The end of the string that opens at `at`, or where it goes wrong. */
const scanString = (text: string, at: number): { end: number } | Problem => {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (text[i] === '"') return { end: i + 1 };
    if (code < 0x20) return { at: i, problem: 'a line break or control character inside a string' };
    if (text[i] !== '\\') continue;
    const escape = text[i + 1] ?? '';
    if (escape === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !'"\\/bfnrt'.includes(escape || 'x')) {
      return { at: i, problem: 'an invalid escape sequence in a string' };
    }
    i += escape === 'u' ? 5 : 1;
  }
  return { at, problem: 'a string that is never closed' };
};

/** The end of the number, string or literal value at `at`; null when none starts there. */
const scanScalar = (text: string, at: number): number | Problem | null => {
  if (text[at] === '"') {
    const string = scanString(text, at);
    return 'end' in string ? string.end : string;
  }
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, at)) return at + literal.length;
  NUMBER.lastIndex = at;
  const number = NUMBER.exec(text);
  return number ? at + number[0].length : null;
};

interface Scan {
  text: string;
  at: number;
  expect: Expect;
  /** The open containers, innermost last. */
  open: string[];
}

const WHITESPACE = ' \t\n\r';

const skipWhitespace = (text: string, at: number): number => {
  while (at < text.length && WHITESPACE.includes(text.charAt(at))) at++;
  return at;
};

const afterValue = (scan: Scan, char: string): Problem | null => {
  const closer = scan.open.at(-1) === '{' ? '}' : ']';
  if (scan.open.length === 0)
    return { at: scan.at, problem: `unexpected ${found(scan.text, scan.at)} after the end of the JSON value` };
  if (char === ',') scan.expect = closer === '}' ? 'key' : 'value';
  else if (char === closer) scan.open.pop();
  else return { at: scan.at, problem: `unexpected ${found(scan.text, scan.at)}; expected "," or "${closer}"` };
  scan.at++;
  return null;
};

const key = (scan: Scan, char: string): Problem | null => {
  if (char === '}' && scan.expect === 'key-or-close') {
    scan.open.pop();
    scan.expect = 'after-value';
    scan.at++;
    return null;
  }
  const unexpected = `unexpected ${found(scan.text, scan.at)}`;
  if (char !== '"') return { at: scan.at, problem: `${unexpected}; expected a property name in double quotes` };
  const name = scanString(scan.text, scan.at);
  if (!('end' in name)) return name;
  scan.at = skipWhitespace(scan.text, name.end);
  if (scan.text[scan.at] !== ':')
    return { at: scan.at, problem: `unexpected ${found(scan.text, scan.at)}; expected ":" after the property name` };
  scan.expect = 'value';
  scan.at++;
  return null;
};

const value = (scan: Scan, char: string): Problem | null => {
  if (char === ']' && scan.expect === 'value-or-close') {
    scan.open.pop();
    scan.expect = 'after-value';
  } else if (char === '{' || char === '[') {
    scan.open.push(char);
    scan.expect = char === '{' ? 'key-or-close' : 'value-or-close';
  } else {
    const end = scanScalar(scan.text, scan.at);
    if (end === null) return { at: scan.at, problem: `unexpected ${found(scan.text, scan.at)}; expected a value` };
    if (typeof end !== 'number') return end;
    scan.expect = 'after-value';
    scan.at = end;
    return null;
  }
  scan.at++;
  return null;
};

/** The first problem of the text; null when it is valid JSON. Iterative: any nesting depth is fine. */
const firstProblem = (text: string): Problem | null => {
  const scan: Scan = { text, at: 0, expect: 'value', open: [] };
  for (;;) {
    scan.at = skipWhitespace(text, scan.at);
    if (scan.at >= text.length) {
      const complete = scan.expect === 'after-value' && scan.open.length === 0;
      return complete ? null : { at: scan.at, problem: 'unexpected end of file' };
    }
    const char = text.charAt(scan.at);
    const step = scan.expect === 'after-value' ? afterValue : scan.expect.startsWith('key') ? key : value;
    const problem = step(scan, char);
    if (problem) return problem;
  }
};

/**
 * Where a text JSON.parse refused first goes wrong: line and column (1-based), and what was
 * expected there. Null if the text is valid after all.
 */
export const jsonSyntaxError = (text: string): JsonSyntaxError | null => {
  const problem = firstProblem(text);
  return problem && { ...lineAndColumn(text, problem.at), problem: problem.problem };
};
