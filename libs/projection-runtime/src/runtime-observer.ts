/**
 * What the runtime reports as it works, for metrics and logs. Every method is optional. Work is
 * reported once it commits: work dropped because another process committed first (a lost
 * compare-and-set) is never counted, so the counters match the read models.
 */
export interface RuntimeObserver {
  /** A lane's committed work: `events` events applied, in `seconds` spent applying them. */
  applied?(projection: string, events: number, seconds: number): void;
  /** One unit of work wrote these projections' documents and checkpoints in `seconds`. */
  committed?(projections: readonly string[], seconds: number): void;
  /** An event the projection could not apply was recorded in `dead_letters`. */
  deadLettered?(projection: string, eventId: string, reason: string): void;
  rebuildStarted?(projection: string): void;
  rebuildFinished?(projection: string): void;
}
