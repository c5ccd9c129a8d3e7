export { buildApp, apiRoutes } from './app';
export type { ApiOptions } from './app';
export { apiMetrics, buildMetricsApp } from './api-metrics';
export type { ApiMetrics } from './api-metrics';
