import {
  canonicalEventText,
  canonicalJson,
  canonicalMetadata,
  chainLink,
  CHECKPOINT_STREAM,
  splitStoredMetadata,
} from '@taskledger/events';
import { metadataHash } from './chain-append';
import { ChainSource, StoredEventRow } from './chain-source';
import { CheckpointCheck, parseCheckpoints } from './verify-checkpoints';

export type BrokenLinkProblem =
  'hash-mismatch' | 'hash-missing' | 'revision-out-of-order' | 'checkpoint-head' | 'checkpoint-hash';

/** Where a chain breaks: the event (or checkpoint) and what verification expected there against what it found. */
export interface BrokenLink {
  problem: BrokenLinkProblem;
  stream: string;
  revision: number;
  position: number;
  eventId: string | null;
  expected: string;
  found: string;
}

export interface VerifyReport {
  ok: boolean;
  /** The one stream verified, or null for the whole ledger. */
  stream: string | null;
  events: number;
  streams: number;
  /** Events whose hash was recomputed and matched or not. */
  chained: number;
  /** Events written before chaining (no hash, and none before them in their stream): counted, never broken. */
  unchained: number;
  checkpoints: number;
  brokenLinks: number;
  firstBrokenLink: BrokenLink | null;
}

interface StreamState {
  revision: number;
  hash: string | null;
}

/** The hash stored with a row and the canonical bytes it should cover, from the stored text when it is in the stored layout. */
const linkOf = (row: StoredEventRow): { stored: string | null; canonical: () => string } => {
  const split = splitStoredMetadata(row.metadata);
  if (split) return { stored: split.hash, canonical: () => canonicalEventText(row.type, row.data, split.rest, row.id) };
  return { stored: storedHashOf(row.metadata), canonical: () => reparsedCanonical(row) };
};

const storedHashOf = (metadata: string): string | null => {
  try {
    return metadataHash(JSON.parse(metadata));
  } catch {
    return null;
  }
};

/** Canonical bytes from the parsed content: the same as the stored text's unless that was rewritten (spacing, key order). */
const reparsedCanonical = (row: StoredEventRow): string => {
  try {
    const metadata = JSON.parse(row.metadata) as object;
    return canonicalEventText(row.type, canonicalJson(JSON.parse(row.data)), canonicalMetadata(metadata), row.id);
  } catch {
    return '';
  }
};

class ChainWalk {
  readonly streams = new Map<string, StreamState>();
  readonly moved = new Set<string>();
  events = 0;
  chained = 0;
  unchained = 0;
  brokenLinks = 0;
  firstBrokenLink: BrokenLink | null = null;

  broken(link: BrokenLink): void {
    this.brokenLinks += 1;
    this.firstBrokenLink ??= link;
  }

  visit(row: StoredEventRow): void {
    this.events += 1;
    let state = this.streams.get(row.stream);
    if (state === undefined) this.streams.set(row.stream, (state = { revision: -1, hash: null }));
    if (row.stream !== CHECKPOINT_STREAM) this.moved.add(row.stream);
    const { stored, canonical } = linkOf(row);
    const at = { stream: row.stream, revision: row.revision, position: row.position, eventId: row.id };
    if (row.revision !== state.revision + 1) {
      this.broken({
        ...at,
        problem: 'revision-out-of-order',
        expected: `revision ${state.revision + 1}`,
        found: `revision ${row.revision}`,
      });
    } else if (stored === null) {
      if (state.hash === null) this.unchained += 1;
      else this.broken({ ...at, problem: 'hash-missing', expected: chainLink(state.hash, canonical()), found: 'none' });
    } else {
      this.chained += 1;
      const expected = chainLink(state.hash, canonical());
      if (expected !== stored && chainLink(state.hash, reparsedCanonical(row)) !== stored)
        this.broken({ ...at, problem: 'hash-mismatch', expected, found: stored });
    }
    state.revision = row.revision;
    state.hash = stored ?? state.hash;
  }
}

const isAsync = <T>(rows: Iterable<T> | AsyncIterable<T>): rows is AsyncIterable<T> => Symbol.asyncIterator in rows;

/**
 * Recomputes every stream's hash chain (or one stream's) from the stored events, and checks every
 * ledger checkpoint against the heads the walk reached at its position. Reports the first broken
 * link and how many there are; after a break the walk carries on from the stored hash.
 */
export const verifyLedger = async (source: ChainSource, options: { stream?: string } = {}): Promise<VerifyReport> => {
  const walk = new ChainWalk();
  const checks = new CheckpointCheck(parseCheckpoints(await source.checkpoints()), walk, options.stream);
  const rows = source.rows(options.stream);
  const visit = (row: StoredEventRow) => {
    checks.before(row.position);
    walk.visit(row);
  };
  if (isAsync(rows)) for await (const row of rows) visit(row);
  else for (const row of rows) visit(row);
  checks.finish();
  return {
    ok: walk.brokenLinks === 0,
    stream: options.stream ?? null,
    events: walk.events,
    streams: walk.streams.size,
    chained: walk.chained,
    unchained: walk.unchained,
    checkpoints: checks.checked,
    brokenLinks: walk.brokenLinks,
    firstBrokenLink: walk.firstBrokenLink,
  };
};
