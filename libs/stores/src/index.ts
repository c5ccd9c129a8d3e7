export { openStores, openStoresWhenAvailable } from './open-stores';
export { retryWhileUnavailable } from './connect-retry';
export type { RetryOptions } from './connect-retry';
export type { Stores, OpenStoresOptions } from './open-stores';
export {
  selectProjections,
  projectionRuntime,
  catchUpReadModels,
  prepareAsOf,
  PARALLEL_CATCH_UP_ABOVE,
} from './read-models';
export type { RuntimeSettings, CatchUpSettings } from './read-models';
export { catchUpInParallel } from './parallel/parallel-catch-up';
export type { ParallelCatchUpOptions, ParallelProgress } from './parallel/parallel-catch-up';
export type { ThreadTime } from './parallel/thread-time';
