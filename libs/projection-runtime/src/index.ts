export { ProjectionRuntime } from './projection-runtime';
export type { ProjectionRuntimeOptions, RuntimeProgress } from './projection-runtime';
export { projectionStatus } from './projection-status';
export type { ProjectionStatus, ProjectionState } from './projection-status';
export { DEAD_LETTERS } from './dead-letters';
export type { DeadLetterDoc } from './dead-letters';
export { shadowName } from './lanes';
export { startProjector } from './projector-service';
export type { ProjectorOptions, RunningProjector } from './projector-service';
