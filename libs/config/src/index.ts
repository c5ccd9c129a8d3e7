export { loadConfig, ConfigFile, CONFIG_FILE_NAME } from './config';
export type { TaskledgerConfig, LoadConfigInput, ApiConfig, ProjectorConfig } from './config';
export { DEFAULT_LEDGER_PATH, parseEventStoreUrl, parseReadStoreUrl } from './store-url';
export type { EventStoreConfig, ReadStoreConfig } from './store-url';
export { LOG_LEVELS } from './log-level';
export type { LogLevel } from './log-level';
export { jsonSyntaxError } from './json-syntax';
export type { JsonSyntaxError } from './json-syntax';
