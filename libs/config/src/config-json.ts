import { TaskledgerError } from '@taskledger/errors';
import { jsonSyntaxError } from './json-syntax';

/** Deeper than any setting nests (executors.byTask.<id>.env.<name> is 5): anything past it is not a config. */
export const MAX_CONFIG_DEPTH = 32;

const notJson = (path: string, text: string, error: Error): TaskledgerError => {
  const where = jsonSyntaxError(text);
  return where
    ? new TaskledgerError(
        'InvalidConfig',
        `config file ${path} is not valid JSON at line ${where.line}, column ${where.column}: ${where.problem}`,
      )
    : new TaskledgerError('InvalidConfig', `config file ${path} is not valid JSON: ${error.message}`);
};

/** The top-level setting under which `value` nests deeper than MAX_CONFIG_DEPTH; null when it does not. */
const tooDeep = (value: unknown): string | null => {
  const pending: { value: unknown; depth: number; setting: string }[] = [{ value, depth: 0, setting: '(root)' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= MAX_CONFIG_DEPTH) return next.setting;
    for (const [key, child] of Object.entries(next.value)) {
      pending.push({ value: child, depth: next.depth + 1, setting: next.depth === 0 ? key : next.setting });
    }
  }
  return null;
};

/**
 * Parses the text of a config file. A syntax error names the file, line and column; a value
 * nested absurdly deep is refused here, before anything walks it recursively.
 */
export const parseConfigJson = (path: string, text: string): unknown => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw notJson(path, text, error as Error);
  }
  const setting = tooDeep(json);
  if (setting !== null) {
    throw new TaskledgerError(
      'InvalidConfig',
      `config file ${path}: ${setting}: nested more than ${MAX_CONFIG_DEPTH} levels deep; no setting needs more than a few`,
    );
  }
  return json;
};
