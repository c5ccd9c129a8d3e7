/** What the page needs of GET /projections. */
export interface ProjectionHealth {
  state: string;
  lag: number | null;
  deadLetters: number;
  failure: unknown;
}

/**
 * The corner's verdict: the worst lag, all dead letters, failed projections; `bad` (red, ⚠) when
 * any is not zero, and said in words so colour is not the only signal.
 */
export const projectionHealth = (projections: readonly ProjectionHealth[]): { bad: boolean; text: string } => {
  const lag = Math.max(0, ...projections.map((p) => p.lag ?? 0));
  const dead = projections.reduce((sum, p) => sum + p.deadLetters, 0);
  const failed = projections.filter((p) => p.failure !== null || p.state === 'failed').length;
  const bad = lag > 0 || dead > 0 || failed > 0;
  return {
    bad,
    text: `${bad ? '⚠' : '✓'} lag ${lag} · dead letters ${dead}${failed > 0 ? ` · ${failed} failed` : ''}`,
  };
};
