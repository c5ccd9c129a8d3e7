import { CheckpointHead, CHECKPOINT_STREAM } from '@taskledger/events';
import { StoredEventRow } from './chain-source';
import { checkpointHash } from './ledger-checkpoint';
import type { BrokenLink } from './ledger-verify';
import { parsePosition } from './position';

interface ParsedCheckpoint {
  row: StoredEventRow;
  upTo: number;
  heads: CheckpointHead[];
  previous: string | null;
  ledgerHash: string;
}

const commitOf = (position: string): number => {
  try {
    return Number(parsePosition(position).commit);
  } catch {
    return Number.NaN;
  }
};

/** The checkpoint events' data, in the order they were written; an unreadable one checks as broken. */
export const parseCheckpoints = (rows: readonly StoredEventRow[]): ParsedCheckpoint[] =>
  rows.map((row) => {
    try {
      const data = JSON.parse(row.data) as Omit<ParsedCheckpoint, 'row' | 'upTo'> & { upTo: string };
      return {
        row,
        upTo: commitOf(data.upTo),
        heads: data.heads,
        previous: data.previous,
        ledgerHash: data.ledgerHash,
      };
    } catch {
      return { row, upTo: Number.NaN, heads: [], previous: null, ledgerHash: '' };
    }
  });

interface Walk {
  readonly streams: ReadonlyMap<string, { revision: number; hash: string | null }>;
  readonly moved: Set<string>;
  broken(link: BrokenLink): void;
}

const describeHead = (head: { revision: number; hash: string | null } | undefined): string =>
  head ? `revision ${head.revision}, hash ${head.hash ?? 'none'}` : 'no events';

/**
 * Checks each checkpoint when the walk passes its `upTo`: its ledger hash and link to the one
 * before, that each head it lists is where the walk stands, and that no other stream moved since
 * the previous checkpoint. With one stream verified, only that stream's heads are compared.
 */
export class CheckpointCheck {
  checked = 0;
  private next = 0;
  private previousHash: string | null = null;

  constructor(
    private readonly checkpoints: readonly ParsedCheckpoint[],
    private readonly walk: Walk,
    private readonly stream: string | undefined,
  ) {}

  /** Called before the walk visits the event at `position`. */
  before(position: number): void {
    for (
      let due = this.checkpoints[this.next];
      due !== undefined && position > due.upTo;
      due = this.checkpoints[this.next]
    )
      this.check(due);
  }

  finish(): void {
    for (let due = this.checkpoints[this.next]; due !== undefined; due = this.checkpoints[this.next]) this.check(due);
  }

  private inScope(stream: string): boolean {
    return this.stream === undefined || this.stream === stream;
  }

  private check(checkpoint: ParsedCheckpoint): void {
    this.next += 1;
    this.checked += 1;
    const at = { stream: CHECKPOINT_STREAM, revision: checkpoint.row.revision, position: checkpoint.row.position };
    const ledgerHash = checkpointHash(checkpoint.previous, checkpoint.heads);
    if (
      Number.isNaN(checkpoint.upTo) ||
      ledgerHash !== checkpoint.ledgerHash ||
      checkpoint.previous !== this.previousHash
    ) {
      this.walk.broken({
        ...at,
        eventId: checkpoint.row.id,
        problem: 'checkpoint-hash',
        expected: `ledger hash ${ledgerHash} after ${this.previousHash ?? 'no earlier checkpoint'}`,
        found: `ledger hash ${checkpoint.ledgerHash} after ${checkpoint.previous ?? 'no earlier checkpoint'}`,
      });
    }
    this.previousHash = checkpoint.ledgerHash;
    const listed = new Set<string>();
    for (const head of checkpoint.heads) {
      listed.add(head.stream);
      if (!this.inScope(head.stream)) continue;
      const state = this.walk.streams.get(head.stream);
      if (state?.revision === head.revision && state.hash === head.hash) continue;
      this.walk.broken({
        ...at,
        stream: head.stream,
        revision: head.revision,
        eventId: null,
        problem: 'checkpoint-head',
        expected: `${describeHead(head)} (checkpoint ${checkpoint.row.revision})`,
        found: describeHead(state),
      });
    }
    for (const stream of this.walk.moved) {
      if (listed.has(stream) || !this.inScope(stream)) continue;
      const state = this.walk.streams.get(stream);
      this.walk.broken({
        ...at,
        stream,
        revision: state?.revision ?? -1,
        eventId: null,
        problem: 'checkpoint-head',
        expected: `no change since the checkpoint before ${checkpoint.row.revision}`,
        found: describeHead(state),
      });
    }
    this.walk.moved.clear();
  }
}
