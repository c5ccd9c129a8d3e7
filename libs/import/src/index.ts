export { importLegacyState } from './import-legacy-state';
export type { LegacyImportOptions, LegacyImportSummary, PlannedEventLine } from './import-legacy-state';
export type { LegacyWarning } from './legacy-history';
export { LEGACY_ACTOR, LEGACY_BACKLOG_ID } from './legacy-plan';
export { machineTimeZone, checkTimeZone, naiveLocalToUtc } from './local-time';
export { derivedEventId } from './derived-id';
export { importGitHistory } from './import-git';
export type { GitImportOptions, GitImportSummary, GitImportWarning } from './import-git';
