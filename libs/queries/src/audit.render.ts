import type { ReclassificationExample, WhatIfReport, WhatIfTally } from '@taskledger/execution';
import { seconds, textTable } from './format';
import type { ReclassifyResult } from './reclassify.query';

const classification = (c: ReclassificationExample['from']): string => `${c.category}/${c.severity} (${c.ruleId})`;

const headline = (result: ReclassifyResult): string => {
  const rules = `Rules ${result.rules.hash.slice(0, 12)} (version ${result.rules.version}, ${result.rules.count} rules)`;
  const found = `${result.failures} failures examined, ${result.changed} classified otherwise`;
  if (result.changed === 0) return `${rules}: ${found}; nothing to change.`;
  if (result.dryRun) return `${rules}: ${found}. Dry run: nothing written.`;
  return `${rules}: ${found}; ${result.appended} ErrorReclassified events appended.`;
};

/** `reclassify` as text: the headline, old -> new category and severity counts, examples. */
export const renderReclassifyText = (result: ReclassifyResult): string => {
  const lines = [headline(result)];
  if (result.categories.length > 0) {
    lines.push('', 'Categories (old -> new):');
    const rows = result.categories.map((t) => [`${t.from} -> ${t.to}`, String(t.count)]);
    lines.push(...textTable(['CHANGE', 'FAILURES'], rows).map((line) => `  ${line}`));
  }
  if (result.severities.length > 0) {
    lines.push('', 'Severities (old -> new):');
    lines.push(...result.severities.map((t) => `  ${t.from} -> ${t.to}: ${t.count}`));
  }
  if (result.examples.length > 0) {
    lines.push('', 'Examples:');
    for (const example of result.examples) {
      lines.push(
        `  ${example.taskId} attempt ${example.attempt}: ${classification(example.from)} -> ${classification(example.to)}`,
        `    ${example.message.split('\n')[0] ?? ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
};

const tallyRow = (label: string, recorded: WhatIfTally, replayed: WhatIfTally): string[] => [
  label,
  `${recorded.retries} -> ${replayed.retries}`,
  `${recorded.succeeded} -> ${replayed.succeeded}`,
  `${recorded.failed} -> ${replayed.failed}`,
  String(replayed.unknown),
  `${seconds(recorded.waitMs)} -> ${seconds(replayed.waitMs)}`,
];

/** `what-if` as text: recorded -> replayed per category and in total, then the executions that change. */
export const renderWhatIfText = (report: WhatIfReport): string => {
  const { recorded, replayed } = report.total;
  const lines = [
    `Replayed ${recorded.executions} recorded executions under the given retry policies (recorded -> what if).`,
    '',
    ...textTable(
      ['CATEGORY', 'RETRIES', 'SUCCEEDED', 'FAILED', 'UNKNOWN', 'WAITING'],
      [
        ...report.byCategory.map((row) => tallyRow(row.category, row.recorded, row.replayed)),
        tallyRow('total', recorded, replayed),
      ],
    ),
  ];
  if (replayed.unknown > 0) {
    lines.push(
      '',
      `Unknown: ${replayed.unknown} executions would retry after their last recorded attempt; the ledger cannot say how they would end.`,
    );
  }
  if (report.changes.length > 0) {
    lines.push('', 'Executions that end otherwise:');
    for (const change of report.changes) {
      const what =
        change.change === 'stopped-earlier'
          ? `would stop after attempt ${change.replayed.attempts} (${change.replayed.outcome}); recorded ${change.recorded.attempts} attempts, ${change.recorded.outcome}`
          : `would need more than the ${change.recorded.attempts} recorded attempts (recorded ${change.recorded.outcome}); outcome unknown`;
      lines.push(`  ${change.taskId} ${change.executionId}: ${what}`);
    }
  }
  const tasks = report.tasksWithChangedOutcome;
  lines.push('', `Tasks whose outcome changes: ${tasks.length === 0 ? 'none' : tasks.join(', ')}`);
  return `${lines.join('\n')}\n`;
};
