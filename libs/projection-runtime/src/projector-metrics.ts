import { parsePosition } from '@taskledger/event-store';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ProjectionState, ProjectionStatus } from './projection-status';
import { RuntimeObserver } from './runtime-observer';

const STATES: readonly ProjectionState[] = ['catching-up', 'live', 'rebuilding', 'stopped', 'failing'];
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface ProjectorMetrics {
  registry: Registry;
  observer: Required<RuntimeObserver>;
  /** The Prometheus text exposition, with checkpoint, lag and state read from `statuses` now. */
  text(statuses: () => Promise<ProjectionStatus[]>): Promise<string>;
}

/**
 * The projector's Prometheus metrics (`taskledger_projection_*`) and, unless `processMetrics` is
 * false (another registry in the process has them), the default process metrics.
 */
export const projectorMetrics = ({ processMetrics = true } = {}): ProjectorMetrics => {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const labelNames = ['projection'] as const;
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames, registers: [registry] });
  const gauge = (name: string, help: string, extra: string[] = []) =>
    new Gauge({ name, help, labelNames: [...labelNames, ...extra], registers: [registry] });
  const histogram = (name: string, help: string) =>
    new Histogram({ name, help, labelNames, buckets: DURATION_BUCKETS, registers: [registry] });

  const processed = counter('taskledger_projection_events_processed_total', 'Events applied, per projection.');
  const deadLetters = counter('taskledger_projection_dead_letters_total', 'Events recorded in dead_letters.');
  const rebuildsStarted = counter('taskledger_projection_rebuilds_started_total', 'Blue/green rebuilds started.');
  const rebuildsFinished = counter('taskledger_projection_rebuilds_finished_total', 'Rebuilds swapped in.');
  const applySeconds = histogram('taskledger_projection_batch_apply_seconds', 'Time to apply a batch of events.');
  const commitSeconds = histogram('taskledger_projection_commit_seconds', 'Time to commit documents + checkpoint.');
  const position = gauge('taskledger_projection_checkpoint_position', 'Commit position of the live checkpoint.');
  const lag = gauge('taskledger_projection_lag_events', 'Events the live read model has not applied yet.');
  const state = gauge('taskledger_projection_state', '1 for the state each projection is in, else 0.', ['state']);

  const observer: Required<RuntimeObserver> = {
    applied: (projection, events, seconds) => {
      processed.inc({ projection }, events);
      applySeconds.observe({ projection }, seconds);
    },
    committed: (projections, seconds) => {
      for (const projection of projections) commitSeconds.observe({ projection }, seconds);
    },
    deadLettered: (projection) => deadLetters.inc({ projection }),
    rebuildStarted: (projection) => rebuildsStarted.inc({ projection }),
    rebuildFinished: (projection) => rebuildsFinished.inc({ projection }),
  };

  const text = async (statuses: () => Promise<ProjectionStatus[]>) => {
    for (const status of await statuses()) {
      const projection = status.name;
      position.set({ projection }, status.position === null ? 0 : Number(parsePosition(status.position).commit));
      lag.set({ projection }, status.lag);
      for (const candidate of STATES) state.set({ projection, state: candidate }, candidate === status.state ? 1 : 0);
    }
    return registry.metrics();
  };
  return { registry, observer, text };
};
