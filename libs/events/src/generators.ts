export { seeded } from './seeded-random';
export type { Random } from './seeded-random';
export { sampleDefinition } from './sample-definition';
export { taskHistory, toEnvelope } from './lifecycle-generator';
export type { TimedEvent } from './lifecycle-generator';
