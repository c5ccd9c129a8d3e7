import { EventEnvelope } from '@taskledger/events';
import { CHECKPOINT_STREAM } from '@taskledger/events';
import { DelegatingEventStore } from './delegating-event-store';
import { AppendOptions, AppendResult, EventStore } from './event-store.port';
import { writeLedgerCheckpoint } from './ledger-checkpoint';
import { parsePosition, Position } from './position';

/** How often a ledger checkpoint is written, in events, unless configured otherwise. */
export const DEFAULT_CHECKPOINT_EVERY = 10_000;

/**
 * An event store that writes a ledger checkpoint once at least `every` events lie after the last
 * one, checked after its own appends. On stores with gap-free positions (SQLite, memory) the check
 * is arithmetic on positions; elsewhere it runs after every `every` events this process appended.
 * A checkpoint that cannot be written (another process wrote it, a busy file) is tried again later:
 * the events the caller appended are stored either way.
 */
export class CheckpointingEventStore extends DelegatingEventStore {
  /** Where the last checkpoint ends, and 1 for that checkpoint's own event (0 with none yet); null: read it again. */
  private last: { upTo: number; own: number } | null = null;
  private appendedSinceCheck = 0;

  constructor(
    readonly inner: EventStore,
    private readonly every: number = DEFAULT_CHECKPOINT_EVERY,
  ) {
    super();
  }

  protected get target(): EventStore {
    return this.inner;
  }

  override async append(
    streamName: string,
    events: readonly EventEnvelope[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const result = await this.inner.append(streamName, events, options);
    if (streamName !== CHECKPOINT_STREAM && events.length > 0) {
      this.appendedSinceCheck += events.length;
      if (await this.due(result.position)) await this.checkpoint();
    }
    return result;
  }

  private async due(position: Position): Promise<boolean> {
    if (position.commit !== position.prepare) return this.appendedSinceCheck >= this.every;
    if (this.last === null) {
      const [last] = await this.inner.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
      this.last =
        last?.type === 'LedgerCheckpointed'
          ? { upTo: Number(parsePosition(last.data.upTo).commit), own: 1 }
          : { upTo: 0, own: 0 };
    }
    return Number(position.commit) - this.last.upTo - this.last.own >= this.every;
  }

  private async checkpoint(): Promise<void> {
    this.appendedSinceCheck = 0;
    try {
      const outcome = await writeLedgerCheckpoint(this.inner, { every: this.every });
      this.last = outcome.written ? { upTo: Number(parsePosition(outcome.upTo).commit), own: 1 } : null;
    } catch {
      this.last = null;
    }
  }
}
