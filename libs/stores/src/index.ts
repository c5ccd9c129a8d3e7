export { openStores } from './open-stores';
export type { Stores, OpenStoresOptions } from './open-stores';
export { selectProjections, projectionRuntime, catchUpReadModels } from './read-models';
export type { RuntimeSettings } from './read-models';
