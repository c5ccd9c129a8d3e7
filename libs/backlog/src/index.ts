export type {
  BacklogStatus,
  JsonObject,
  JsonValue,
  ParsedTask,
  ParseResult,
  ParseWarning,
  Priority,
  WarningCode,
} from './backlog.types';
export { parseBacklog, PARSER_VERSION } from './backlog-parser';
export { decodeBacklogInput, MAX_BACKLOG_BYTES } from './backlog-input';
export { MAX_META_DEPTH, MAX_META_VALUE_BYTES } from './meta-values';

export { compareTaskIds, normaliseTaskId } from './task-ids';
export type { DoneOptions } from './done-set';
export { buildDependencyGraph, findDependencyCycles, missingDependencies } from './dependency-graph';
export type { DependencyCycle, DependencyGraph, MissingDependency } from './dependency-graph';
export { executionOrder } from './dependency-order';
export type { ExecutionOrder } from './dependency-order';
export {
  aiExecutableQueue,
  compareByPriority,
  laneExclusions,
  priorityLanes,
  queueExclusions,
  sortByPriority,
} from './prioritisation';
export type {
  LaneExclusions,
  LaneOptions,
  PriorityLanes,
  QueuedTask,
  QueueExclusions,
  QueueOptions,
} from './prioritisation';
