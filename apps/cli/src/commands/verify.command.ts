import { Command } from 'commander';
import { EXIT_PROBLEM } from '@taskledger/errors';
import { CheckpointOutcome, writeLedgerCheckpoint } from '@taskledger/event-store';
import { ledgerVerification, renderVerifyText } from '@taskledger/queries';
import { CliContext } from '../cli-context';
import { formatOption } from './cli-options';

const checkpointLine = (outcome: CheckpointOutcome): string =>
  outcome.written
    ? `checkpoint ${outcome.revision} written: ${outcome.heads} stream heads up to position ${outcome.upTo}\n`
    : 'no checkpoint written: no events since the last one\n';

/** `taskledger verify`: tamper evidence from the hash chains and ledger checkpoints. */
export const registerVerify = (program: Command, context: CliContext) =>
  program
    .command('verify')
    .description(
      "tamper evidence: recompute every stream's hash chain and the ledger checkpoints; exit 1 on a broken link",
    )
    .option('--stream <name>', 'verify one stream only, e.g. task-B-049')
    .option(
      '--checkpoint',
      'after a clean verify, write a ledger checkpoint (the heads of the streams that moved since the last one)',
    )
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nEvents written before hash chaining are counted as unchained, never as broken.\n' +
        'Exit codes: 0 every link holds, 1 a broken link (the first is named), 2 usage error.\n' +
        '\nExamples:\n  taskledger verify\n  taskledger verify --stream task-B-049 --format json\n  taskledger verify --checkpoint',
    )
    .action(async (options: { stream?: string; checkpoint?: boolean; format: 'text' | 'json' }) => {
      await context.withStores(async (stores) => {
        const report = await ledgerVerification(stores.eventStore, { stream: options.stream });
        const checkpoint = options.checkpoint && report.ok ? await writeLedgerCheckpoint(stores.eventStore) : undefined;
        if (options.format === 'json') context.printJson(checkpoint ? { ...report, checkpoint } : report);
        else context.io.stdout.write(renderVerifyText(report) + (checkpoint ? checkpointLine(checkpoint) : ''));
        if (!report.ok) context.exitCode = EXIT_PROBLEM;
      });
    });
