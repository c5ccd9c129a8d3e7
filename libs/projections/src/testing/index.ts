export { arbitraryHistory, buildHistory, regularHistory } from './history.generator';
export type { HistoryOptions } from './history.generator';
export type { HistoryStep } from './history-sim.types';
export { deepFreeze, foldAll, foldInBatches, serialiseDocs } from './fold-harness';
export { at, toProjected } from './projected-events';
export type { ProjectedOptions, TimedEvent } from './projected-events';
