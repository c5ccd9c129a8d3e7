import type { z } from 'zod';

/** Where an input file first goes wrong: a JSON path (`rules[3].match.text`; '' for the top level) and the problem in plain words. */
export interface InputIssue {
  path: string;
  problem: string;
}

const jsonPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`),
    '',
  );

const problemOf = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item(s)`
        : `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
};

/** The first issue of a failed zod parse, for a message that names the field to fix. */
export const firstInputIssue = (error: z.ZodError): InputIssue => {
  const issue = error.issues[0];
  if (issue === undefined) return { path: '', problem: 'is not valid' };
  return { path: jsonPath(issue.path), problem: problemOf(issue) };
};
