export { generateBacklog, renderBacklog } from '../generators';
export type { DependencyStyle, RenderableTask, RenderColumn, RenderOptions } from '../generators';
export { aParsedTask } from './backlog-test-tasks';
