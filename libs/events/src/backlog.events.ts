import { z } from 'zod';

export const ParseWarning = z.strictObject({
  line: z.number().int().nonnegative(),
  code: z.string(),
  message: z.string(),
});

const Count = z.number().int().nonnegative();

export const BacklogParsed = z.strictObject({
  type: z.literal('BacklogParsed'),
  data: z.strictObject({
    backlogId: z.string().min(1),
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    parserVersion: z.string(),
    counts: z.strictObject({
      tasks: Count,
      registered: Count,
      changed: Count,
      removed: Count,
      unchanged: Count,
      warnings: Count,
    }),
    warnings: z.array(ParseWarning),
    /** Every task id the file holds now: the next parse compares against it to find removed tasks. */
    taskIds: z.array(z.string().min(1)),
  }),
});

export const BacklogEventSchema = z.discriminatedUnion('type', [BacklogParsed]);
export type BacklogEvent = z.infer<typeof BacklogEventSchema>;
export type ParseWarning = z.infer<typeof ParseWarning>;
