import { defined, TaskledgerError } from '@taskledger/errors';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

import { parseConfigJson } from './config-json';
import { LogLevel, logLevelSetting } from './log-level';
import {
  defaultReadStore,
  DEFAULT_LEDGER_PATH,
  EventStoreConfig,
  EVENT_STORE_FORMS,
  parseEventStoreUrl,
  parseReadStoreUrl,
  ReadStoreConfig,
  READ_STORE_FORMS,
} from './store-url';

export { TaskledgerError };

export const CONFIG_FILE_NAME = 'taskledger.config.json';

/** The optional taskledger.config.json. Unknown keys are errors, so a typo never passes silently. */
export const ConfigFile = z.strictObject({
  $schema: z.string().optional(),
  /** Same forms as TASKLEDGER_EVENT_STORE. */
  eventStore: z.string().optional(),
  /** Same forms as TASKLEDGER_READ_STORE. */
  readStore: z.string().optional(),
  /** The backlog `parse` reads when no file is given. Default `000_backlog.md`. */
  backlog: z.string().optional(),
  /** Which command runs which task (validated by the runner, which names the exact field). */
  executors: z.unknown().optional(),
  /** Per-category retry policy overrides (validated by the execution domain). */
  retryPolicies: z.unknown().optional(),
  /** Defaults for `run` / `execute`: leases, timeouts, scratch directories (validated by the runner). */
  run: z.unknown().optional(),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

export interface ApiConfig {
  /** TASKLEDGER_API_HOST; default 127.0.0.1 (loopback only). */
  host: string;
  /** TASKLEDGER_API_PORT; default 3000. */
  port: number;
  /** TASKLEDGER_API_TOKEN: when set, every route but /health needs `Authorization: Bearer <token>`. */
  token: string | null;
  /** TASKLEDGER_API_METRICS_PORT: a second port (same host) serving GET /metrics with no token; default none. */
  metricsPort: number | null;
}

export interface ProjectorConfig {
  /** TASKLEDGER_PROJECTOR_HOST; default 127.0.0.1. */
  host: string;
  /** TASKLEDGER_PROJECTOR_PORT for health and lag; default 3001. */
  port: number;
}

export interface TaskledgerConfig {
  eventStore: EventStoreConfig;
  readStore: ReadStoreConfig;
  /** Absolute path of the backlog to parse when none is given. */
  backlogPath: string;
  api: ApiConfig;
  projector: ProjectorConfig;
  /** TASKLEDGER_LOG_LEVEL for the projector's and the query API's JSON logs; default info. */
  logLevel: LogLevel;
  /** The config file that was read, if any. */
  configFile: string | null;
  file: ConfigFile;
}

export interface LoadConfigInput {
  env?: Record<string, string | undefined>;
  /** `--config <file>`; otherwise TASKLEDGER_CONFIG, otherwise ./taskledger.config.json when present. */
  configPath?: string;
  cwd?: string;
}

/** Reads configuration once: flags over environment over config file over defaults. */
export const loadConfig = ({
  env = process.env,
  configPath,
  cwd = process.cwd(),
}: LoadConfigInput = {}): TaskledgerConfig => {
  const configFile = locateConfigFile(configPath ?? env['TASKLEDGER_CONFIG'], cwd);
  const file = configFile ? readConfigFile(configFile) : {};
  const eventStoreValue = env['TASKLEDGER_EVENT_STORE'] ?? file.eventStore ?? `sqlite:${DEFAULT_LEDGER_PATH}`;
  const eventStoreSource =
    env['TASKLEDGER_EVENT_STORE'] !== undefined ? 'TASKLEDGER_EVENT_STORE' : `${configFile}: eventStore`;
  const eventStore = parseEventStoreUrl(eventStoreValue, cwd);
  if (!eventStore) throw badSetting(eventStoreSource, eventStoreValue, EVENT_STORE_FORMS);
  const readStoreValue = env['TASKLEDGER_READ_STORE'] ?? file.readStore;
  const readStore =
    readStoreValue === undefined ? defaultReadStore(eventStore, cwd) : parseReadStoreUrl(readStoreValue, cwd);
  if (!readStore) {
    const source = env['TASKLEDGER_READ_STORE'] !== undefined ? 'TASKLEDGER_READ_STORE' : `${configFile}: readStore`;
    throw badSetting(source, readStoreValue ?? '', READ_STORE_FORMS);
  }
  return {
    eventStore,
    readStore,
    backlogPath: resolve(cwd, file.backlog ?? '000_backlog.md'),
    api: apiConfig(env),
    projector: {
      host: env['TASKLEDGER_PROJECTOR_HOST'] || '127.0.0.1',
      port: portSetting(env, 'TASKLEDGER_PROJECTOR_PORT', 3001),
    },
    logLevel: logLevelSetting(env),
    configFile,
    file,
  };
};

const portSetting = (env: Record<string, string | undefined>, setting: string, fallback: number): number => {
  const text = env[setting] ?? String(fallback);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new TaskledgerError(
      'InvalidConfig',
      `${setting}="${text}" is not valid; accepted forms: a port number 0-65535 (default ${fallback})`,
    );
  }
  return port;
};

const apiConfig = (env: Record<string, string | undefined>): ApiConfig => {
  const token = env['TASKLEDGER_API_TOKEN'];
  return {
    host: env['TASKLEDGER_API_HOST'] || '127.0.0.1',
    port: portSetting(env, 'TASKLEDGER_API_PORT', 3000),
    token: token ? token : null,
    metricsPort: env['TASKLEDGER_API_METRICS_PORT'] ? portSetting(env, 'TASKLEDGER_API_METRICS_PORT', 0) : null,
  };
};

const badSetting = (setting: string, value: string, forms: string) =>
  new TaskledgerError('InvalidConfig', `${setting}="${value}" is not valid; accepted forms: ${forms}`);

const locateConfigFile = (explicit: string | undefined, cwd: string): string | null => {
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new TaskledgerError('InvalidConfig', `config file ${path} does not exist`);
    return path;
  }
  const implicit = resolve(cwd, CONFIG_FILE_NAME);
  return existsSync(implicit) ? implicit : null;
};

const readConfigFile = (path: string): ConfigFile => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TaskledgerError('InvalidConfig', `config file ${path} cannot be read: ${(error as Error).message}`);
  }
  const json = parseConfigJson(path, text);
  const parsed = ConfigFile.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = defined(parsed.error.issues[0], 'the first config issue');
  const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
  throw new TaskledgerError('InvalidConfig', `config file ${path}: ${field}: ${issue.message}`);
};
