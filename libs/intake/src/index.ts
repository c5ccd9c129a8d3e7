export { recordBacklog } from './record-backlog';
export type { BacklogInput, IntakeSummary } from './record-backlog';
export { backlogIdFor } from './backlog-id';
export { toDefinition, definitionChanges } from './task-definition';
