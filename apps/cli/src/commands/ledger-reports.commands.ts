import { Command } from 'commander';
import {
  errorReport,
  EXPORT_KINDS,
  exportFile,
  ExportFormat,
  ExportKind,
  ledgerStatus,
  performanceStats,
  renderErrorsText,
  renderHistoryText,
  renderJson,
  renderMetricsCsv,
  renderStatsText,
  renderStatusText,
  taskHistory,
} from '@taskledger/queries';
import { CliContext } from '../cli-context';
import { withLog, withReadModels } from '../read-models';
import { writeOutputFile } from './output-file';
import { asOfOption, formatOption } from './cli-options';

/** Writes a report file next to the user's working directory and says where it went. */
const writeReport = (context: CliContext, option: string, file: string, body: string, what: string): void => {
  const path = writeOutputFile(context.io.cwd, option, file, body);
  context.warn(`${what} written to ${path}`);
};

const registerStatus = (program: Command, context: CliContext) =>
  program
    .command('status')
    .description('execution status: totals, status breakdown, recent executions, success rate, lag')
    .addOption(formatOption())
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger status\n  taskledger status --format json\n  taskledger status --as-of 2026-03-01',
    )
    .action(async (options: { format: 'text' | 'json'; asOf?: string }) => {
      await withReadModels(
        context,
        async (stores) => {
          const status = await ledgerStatus(stores);
          if (options.format === 'json') context.printJson(status);
          else context.io.stdout.write(renderStatusText(status));
        },
        options,
      );
    });

const registerStats = (program: Command, context: CliContext) =>
  program
    .command('stats')
    .description('performance: average / median / p95 execution time, success rate, retries, per task')
    .option('--export-csv <file>', 'also write one CSV row per task (RFC 4180)')
    .addOption(formatOption())
    .addOption(asOfOption())
    .addHelpText('after', '\nExample:\n  taskledger stats --export-csv metrics.csv')
    .action(async (options: { exportCsv?: string; format: 'text' | 'json'; asOf?: string }) => {
      await withReadModels(
        context,
        async (stores) => {
          const stats = await performanceStats(stores.readStore);
          if (options.format === 'json') context.printJson(stats);
          else context.io.stdout.write(renderStatsText(stats));
          if (options.exportCsv)
            writeReport(context, '--export-csv', options.exportCsv, renderMetricsCsv(stats), 'metrics CSV');
        },
        options,
      );
    });

const registerErrors = (program: Command, context: CliContext) =>
  program
    .command('errors')
    .description('error analysis: categories, severities, recovery, retry patterns, trends, top fingerprints')
    .option('--export-report <file>', 'also write the full report as JSON')
    .addOption(formatOption())
    .addOption(asOfOption())
    .addHelpText('after', '\nExample:\n  taskledger errors --export-report error_analysis.json')
    .action(async (options: { exportReport?: string; format: 'text' | 'json'; asOf?: string }) => {
      await withReadModels(
        context,
        async (stores) => {
          const report = await errorReport(stores.readStore);
          if (options.format === 'json') context.printJson(report);
          else context.io.stdout.write(renderErrorsText(report));
          if (options.exportReport)
            writeReport(context, '--export-report', options.exportReport, renderJson(report), 'error report');
        },
        options,
      );
    });

const registerHistory = (program: Command, context: CliContext) =>
  program
    .command('history')
    .description("a task's audit trail, straight from its event stream: every event with time, actor and key facts")
    .argument('<task>', 'task id, e.g. B-049')
    .addOption(formatOption())
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger history B-049\n  taskledger history B-049 --format json\n  taskledger history B-049 --as-of position:120',
    )
    .action(async (task: string, options: { format: 'text' | 'json'; asOf?: string }) => {
      await withLog(context, options, async (stores) => {
        const history = await taskHistory(stores.eventStore, task);
        if (options.format === 'json') context.printJson({ task: history.task, events: history.events });
        else context.io.stdout.write(renderHistoryText(history));
      });
    });

const registerExport = (program: Command, context: CliContext) =>
  program
    .command('export')
    .description('export tasks, metrics or errors; the same read models always give the same bytes')
    .addArgument(new Command().createArgument('<kind>', 'what to export').choices([...EXPORT_KINDS]))
    .addOption(formatOption(['json', 'csv'], 'file format'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addOption(asOfOption())
    .addHelpText(
      'after',
      '\nExamples:\n  taskledger export metrics --format csv -o metrics.csv\n  taskledger export tasks > tasks.json',
    )
    .action(async (kind: ExportKind, options: { format: ExportFormat; output?: string; asOf?: string }) => {
      await withReadModels(
        context,
        async (stores) => {
          const file = await exportFile(stores.readStore, kind, options.format);
          const body = context.asOf && options.format === 'json' ? withAsOf(file.body, context.asOf) : file.body;
          if (options.output)
            writeReport(
              context,
              '--output',
              options.output,
              body,
              `${kind} export (ledger position ${file.ledgerPosition ?? 'none'})`,
            );
          else context.io.stdout.write(body);
        },
        { ...options, format: options.output ? 'csv' : options.format },
      );
    });

/** A JSON export with `asOf` first, as every JSON answer under `--as-of` has it. */
const withAsOf = (body: string, asOf: unknown): string =>
  renderJson({ asOf, ...(JSON.parse(body) as Record<string, unknown>) });

/** status, stats, errors, history, export: reports from the read models, through the query functions the API shares. */
export const registerReportCommands = (program: Command, context: CliContext): void => {
  registerStatus(program, context);
  registerStats(program, context);
  registerErrors(program, context);
  registerHistory(program, context);
  registerExport(program, context);
};
