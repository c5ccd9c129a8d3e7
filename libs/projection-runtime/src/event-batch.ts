import { RecordedEvent } from '@taskledger/event-store';

/** The events read from the log but not applied yet; full at one size while catching up, another live. */
export class EventBatch {
  private events: RecordedEvent[] = [];
  /** Set once the read reached the head of the log: from then on batches are live. */
  caughtUp = false;

  constructor(
    private readonly sizes: { readonly catchingUp: number; readonly live: number },
    /** Applies the events to the lanes; `final` also commits every lane's work. */
    private readonly apply: (events: readonly RecordedEvent[], final: boolean) => Promise<void>,
  ) {}

  /** Adds an event; true when the batch is full. */
  add(event: RecordedEvent): boolean {
    return this.events.push(event) >= (this.caughtUp ? this.sizes.live : this.sizes.catchingUp);
  }

  /** Applies the events in hand (if any, unless `final`: then the lanes' work is committed too). */
  async flush(final = true): Promise<void> {
    if (this.events.length === 0 && !final) return;
    const events = this.events;
    this.events = [];
    await this.apply(events, final);
  }
}
