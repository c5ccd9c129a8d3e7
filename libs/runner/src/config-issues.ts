import { defined, TaskledgerError } from '@taskledger/errors';
import type { z } from 'zod';

const article = (noun: string): string => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/** One issue in the words a user of the config file understands. */
const issueText = (issue: z.core.$ZodIssue, input: unknown): string => {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(issue.expected)} (got ${describeValue(valueAt(input, issue.path))})`;
    case 'unrecognized_keys':
      return `unknown setting ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
};

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );

/**
 * Parses one section of the config file, or throws TaskledgerError('InvalidConfig') naming the file
 * and the exact field: `taskledger.config.json: executors.byTask.B-1.timeoutMs: expected a number`.
 */
export const parseSection = <S extends z.ZodType>(
  schema: S,
  input: unknown,
  file: string,
  section: string,
): z.infer<S> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = defined(parsed.error.issues[0], 'the first config issue');
  const path = [section, ...issue.path.map(String)].join('.');
  throw new TaskledgerError('InvalidConfig', `${file}: ${path}: ${issueText(issue, input)}`, { file, path });
};
