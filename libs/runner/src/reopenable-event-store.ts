import { DelegatingEventStore } from '@taskledger/event-store';
import type { EventStore } from '@taskledger/event-store';
import type { RecoveryReport } from './runner-deps';

/**
 * An event store whose connection can be replaced while the run goes on: the database
 * recovery ("reopen the store connection"). Everything else is passed to the current one.
 */
export class ReopenableEventStore extends DelegatingEventStore {
  private reopened = 0;

  constructor(
    private current: EventStore,
    private readonly open: () => Promise<EventStore>,
  ) {
    super();
  }

  protected get target(): EventStore {
    return this.current;
  }

  /** Opens a new connection, switches to it and closes the old one. */
  async reopen(): Promise<RecoveryReport> {
    try {
      const next = await this.open();
      const previous = this.current;
      this.current = next;
      this.reopened++;
      await previous.close().catch(() => undefined);
      return { outcome: 'succeeded', details: { reopened: this.reopened } };
    } catch (error) {
      return { outcome: 'failed', details: { error: (error as Error).message } };
    }
  }
}
