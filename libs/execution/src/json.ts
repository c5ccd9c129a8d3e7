import type { z } from 'zod';
import type { JsonObject as JsonObjectSchema } from '@taskledger/events';

/** A JSON object as events store it in `details` / `context`. */
export type JsonObject = z.infer<typeof JsonObjectSchema>;
