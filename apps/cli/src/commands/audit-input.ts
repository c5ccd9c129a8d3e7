import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonSyntaxError } from '@taskledger/config';
import { TaskledgerError } from '@taskledger/errors';
import { ClassifierTable, firstInputIssue, InputIssue, RetryPoliciesConfig } from '@taskledger/execution';

const fail = (message: string) => new TaskledgerError('InvalidArgument', message);

/** Reads and parses a JSON file named on the command line; a problem names the file (and line) and what to do. */
const readJson = (cwd: string, option: string, file: string, help: string): { path: string; json: unknown } => {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fail(`${option} ${file}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); ${help}`);
  }
  try {
    return { path, json: JSON.parse(text) };
  } catch (error) {
    const where = jsonSyntaxError(text);
    const problem = where ? `line ${where.line}, column ${where.column}: ${where.problem}` : (error as Error).message;
    throw fail(`${path} is not valid JSON at ${problem}; fix the file (${help})`);
  }
};

const invalid = (path: string, prefix: string, issue: InputIssue, help: string) => {
  const where = [prefix, issue.path].filter((part) => part !== '').join('.') || '(the top level)';
  return fail(`${path}: ${where}: ${issue.problem}; fix that value (${help})`);
};

const RULES_HELP = 'see taskledger reclassify --help for the rules format';
const POLICIES_HELP = 'see taskledger what-if --help for the policies format';

/** `--rules <file>`: a classifier table in the format of the built-in one. */
export const readRulesFile = (cwd: string, file: string): ClassifierTable => {
  const { path, json } = readJson(cwd, '--rules', file, RULES_HELP);
  const parsed = ClassifierTable.safeParse(json);
  if (!parsed.success) throw invalid(path, '', firstInputIssue(parsed.error), RULES_HELP);
  return parsed.data;
};

/**
 * `--retry-policies <file>`: overrides per category, as the config file's `retryPolicies` section;
 * a whole config file is read for its `retryPolicies`.
 */
export const readRetryPoliciesFile = (cwd: string, file: string): RetryPoliciesConfig => {
  const { path, json } = readJson(cwd, '--retry-policies', file, POLICIES_HELP);
  const section = json !== null && typeof json === 'object' && 'retryPolicies' in json;
  const policies = section ? (json as { retryPolicies: unknown }).retryPolicies : json;
  const parsed = RetryPoliciesConfig.safeParse(policies);
  if (!parsed.success)
    throw invalid(path, section ? 'retryPolicies' : '', firstInputIssue(parsed.error), POLICIES_HELP);
  return parsed.data;
};
