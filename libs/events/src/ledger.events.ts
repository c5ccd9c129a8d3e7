import { z } from 'zod';

const Hash = z.string().regex(/^[0-9a-f]{64}$/);

/** A stream's last event as a checkpoint saw it; `hash` is null for a stream not chained yet. */
export const CheckpointHead = z.strictObject({
  stream: z.string().min(1),
  revision: z.number().int().nonnegative(),
  position: z.string().min(1),
  hash: Hash.nullable(),
});

/**
 * A ledger-wide checkpoint: the heads of the streams that moved since the previous checkpoint,
 * in the position order of their last events, up to position `upTo`. `ledgerHash` is the
 * SHA-256 of the previous checkpoint's ledgerHash and the heads (see ledger-checkpoint.ts), so
 * the checkpoints together hold the head of every stream and commit to all of them.
 */
export const LedgerCheckpointed = z.strictObject({
  type: z.literal('LedgerCheckpointed'),
  data: z.strictObject({
    upTo: z.string().min(1),
    events: z.number().int().nonnegative(),
    heads: z.array(CheckpointHead),
    previous: Hash.nullable(),
    ledgerHash: Hash,
  }),
});

export const LedgerEventSchema = z.discriminatedUnion('type', [LedgerCheckpointed]);
export type LedgerAuditEvent = z.infer<typeof LedgerEventSchema>;
export type CheckpointHead = z.infer<typeof CheckpointHead>;
