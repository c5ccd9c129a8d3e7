export { sampleDefinition } from './sample-definition';
export { seeded, taskHistory, toEnvelope } from './lifecycle-generator';
export type { TimedEvent } from './lifecycle-generator';
