export { buildApp, apiRoutes } from './app';
export type { ApiOptions } from './app';
