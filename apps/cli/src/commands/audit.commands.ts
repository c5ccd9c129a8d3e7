import { Command } from 'commander';
import { reclassify, renderReclassifyText, renderWhatIfText, whatIfRetryPolicies } from '@taskledger/queries';
import { CliContext } from '../cli-context';
import { readRetryPoliciesFile, readRulesFile } from './audit-input';
import { formatOption } from './cli-options';

const RULES_FORMAT = `
Rules file: a classifier table in the format of the built-in one (first matching rule wins):
  { "version": 3,
    "rules": [
      { "id": "flaky-network", "description": "why the rule exists",
        "match": { "text": "ECONNRESET|socket hang up" }, "category": "network", "severity": "medium" },
      { "id": "fallback", "description": "", "match": {}, "category": "unknown", "severity": "medium" } ] }
  match (every criterion given must hold; a list matches any of its values; {} matches all):
    errorTypes ["process","spawn","store","manual","interrupted","abandoned"], exitCodes [126],
    nonZeroExit true, signals ["SIGKILL"], timedOut true, spawnErrorCodes ["ENOENT"],
    errorCodes ["SQLITE_BUSY"], text "a regular expression" (case-insensitive, message + stderr tail)
  category: network, file_system, database, permission, timeout, validation, execution, unknown
  severity: low, medium, high, critical (critical is never retried)
  No matching rule: unknown / medium. Ids must be unique; bump "version" when a rule changes.
`;

const POLICIES_FORMAT = `
Policies file: overrides per category of the built-in retry policies, as the config file's
"retryPolicies" section (a whole taskledger.config.json is read for that section):
  { "network": { "maxRetries": 1, "baseDelayMs": 500, "multiplier": 2, "maxDelayMs": 5000, "jitter": false },
    "permission": { "maxRetries": 0 } }
  Categories: network, file_system, database, permission, timeout, validation, execution, unknown.
  Delays are replayed without jitter (a jittered policy waits between half of that and that).
`;

const registerReclassify = (program: Command, context: CliContext) =>
  program
    .command('reclassify')
    .description(
      'classify every recorded failure again with another rule table; appends ErrorReclassified events (history is never rewritten)',
    )
    .requiredOption('--rules <file>', 'classifier table (JSON) to apply; format below')
    .option('--dry-run', 'only show what would change; append nothing')
    .addOption(formatOption())
    .addHelpText(
      'after',
      `\nExamples:\n  taskledger reclassify --rules rules.json --dry-run\n  taskledger reclassify --rules rules.json --format json\n${RULES_FORMAT}`,
    )
    .action(async (options: { rules: string; dryRun?: boolean; format: 'text' | 'json' }) => {
      const table = readRulesFile(context.io.cwd, options.rules);
      await context.withStores(async (stores) => {
        const dryRun = options.dryRun === true;
        const result = await reclassify(stores.eventStore, table, { dryRun, context: context.eventContext() });
        if (options.format === 'json') context.printJson(result);
        else context.io.stdout.write(renderReclassifyText(result));
      });
    });

const registerWhatIf = (program: Command, context: CliContext) =>
  program
    .command('what-if')
    .description(
      'replay every recorded execution under other retry policies: retries, waiting, outcomes that change (reads only)',
    )
    .requiredOption('--retry-policies <file>', 'retry policy overrides (JSON); format below')
    .addOption(formatOption())
    .addHelpText(
      'after',
      `\nExamples:\n  taskledger what-if --retry-policies policies.json\n  taskledger what-if --retry-policies policies.json --format json\n${POLICIES_FORMAT}`,
    )
    .action(async (options: { retryPolicies: string; format: 'text' | 'json' }) => {
      const overrides = readRetryPoliciesFile(context.io.cwd, options.retryPolicies);
      await context.withStores(async (stores) => {
        const report = await whatIfRetryPolicies(stores.eventStore, overrides);
        if (options.format === 'json') context.printJson(report);
        else context.io.stdout.write(renderWhatIfText(report));
      });
    });

/** reclassify and what-if: audits that replay recorded failures under other rules or policies. */
export const registerAuditCommands = (program: Command, context: CliContext): void => {
  registerReclassify(program, context);
  registerWhatIf(program, context);
};
