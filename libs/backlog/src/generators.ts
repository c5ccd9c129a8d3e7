export { renderBacklog } from './backlog-renderer';
export type { DependencyStyle, RenderableTask, RenderColumn, RenderOptions } from './backlog-renderer';
export { generateBacklog } from './backlog-generator';
