/** What the runtime reports as it works, for metrics and logs. Every method is optional. */
export interface RuntimeObserver {
  /** A lane applied `events` events of a batch in `seconds` (not yet committed). */
  applied?(projection: string, events: number, seconds: number): void;
  /** One unit of work wrote these projections' documents and checkpoints in `seconds`. */
  committed?(projections: readonly string[], seconds: number): void;
  /** An event the projection could not apply was recorded in `dead_letters`. */
  deadLettered?(projection: string, eventId: string, reason: string): void;
  rebuildStarted?(projection: string): void;
  rebuildFinished?(projection: string): void;
}
