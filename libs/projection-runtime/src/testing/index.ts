export { parseSamples, sampleValue, scrape } from './prometheus-text';
export type { Sample } from './prometheus-text';
