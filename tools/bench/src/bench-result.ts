/** One benchmark's result line, as printed and written to bench-results/<name>.json. */
export interface BenchResult {
  benchmark: string;
  metric: 'eventsPerSecond' | 'mbPerSecond' | 'p99Ms' | string;
  value: number;
  /** The comparison figure measured in the same run (e.g. raw better-sqlite3), or null. */
  baseline: number | null;
  /** value / baseline: the machine-independent figure targets are stated in. */
  ratio: number | null;
  params: Record<string, unknown>;
  peakRssMb: number;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<Omit<BenchResult, 'benchmark' | 'peakRssMb'>>;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = (): number => round(process.resourceUsage().maxRSS / 1024, 1);

export const ratioOf = (value: number, baseline: number): number => round(value / baseline, 3);
