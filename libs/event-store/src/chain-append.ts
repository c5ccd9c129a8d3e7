import {
  canonicalEventText,
  canonicalJson,
  canonicalMetadata,
  chainLink,
  EventEnvelope,
  EventMetadata,
  HASH_FIELD,
  splitStoredMetadata,
  storedMetadataText,
} from '@taskledger/events';

/** An event ready to store: its envelope with the chain link in its metadata, and both JSON columns as stored. */
export interface ChainedEvent {
  event: EventEnvelope;
  /** Canonical JSON of the data. */
  data: string;
  /** The hash, then the canonical metadata (storedMetadataText). */
  metadata: string;
}

/**
 * Links a batch onto its stream's chain: each event's hash covers the previous one's (the
 * stream's last hash for the first; null when the stream is empty or was written before chaining).
 */
export const chainBatch = (previousHash: string | null, events: readonly EventEnvelope[]): ChainedEvent[] => {
  let previous = previousHash;
  return events.map((event) => {
    const data = canonicalJson(event.data);
    const metadataJson = canonicalMetadata(event.metadata);
    const hash = chainLink(previous, canonicalEventText(event.type, data, metadataJson, event.id));
    previous = hash;
    const metadata: EventMetadata = { ...event.metadata, [HASH_FIELD]: hash };
    return { event: { ...event, metadata } as EventEnvelope, data, metadata: storedMetadataText(metadataJson, hash) };
  });
};

/** The chain link in stored metadata text, or null for an event written before chaining. */
export const storedHash = (metadataText: string): string | null => {
  const split = splitStoredMetadata(metadataText);
  if (split) return split.hash;
  try {
    return metadataHash(JSON.parse(metadataText));
  } catch {
    return null;
  }
};

/** The hash in an event's metadata, or null. */
export const metadataHash = (metadata: unknown): string | null => {
  const hash = (metadata as Record<string, unknown> | null)?.[HASH_FIELD];
  return typeof hash === 'string' ? hash : null;
};

/** Whether stored data text holds the same data as an event: canonical text now, JSON.stringify's before chaining. */
export const sameStoredData = (stored: string, data: unknown): boolean =>
  stored === canonicalJson(data) || stored === JSON.stringify(data);
