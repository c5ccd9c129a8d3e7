import { TaskledgerError } from '@taskledger/errors';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** TASKLEDGER_LOG_LEVEL: the least severe level the services log; default `info`. */
export const logLevelSetting = (env: Record<string, string | undefined>): LogLevel => {
  const text = env['TASKLEDGER_LOG_LEVEL'] || 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === text.toLowerCase());
  if (!level)
    throw new TaskledgerError(
      'InvalidConfig',
      `TASKLEDGER_LOG_LEVEL="${text}" is not valid; accepted forms: ${LOG_LEVELS.join(', ')} (default info)`,
    );
  return level;
};
