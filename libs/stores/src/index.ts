export { openStores, openStoresWhenAvailable } from './open-stores';
export { retryWhileUnavailable } from './connect-retry';
export type { RetryOptions } from './connect-retry';
export type { Stores, OpenStoresOptions } from './open-stores';
export { selectProjections, projectionRuntime, catchUpReadModels } from './read-models';
export type { RuntimeSettings } from './read-models';
export { catchUpInParallel } from './parallel/parallel-catch-up';
export type { ParallelCatchUpOptions } from './parallel/parallel-catch-up';
