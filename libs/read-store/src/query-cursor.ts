import { invalidQuery } from './read-store.errors';
import type { CursorPosition, ParsedSortKey } from './query';

interface CursorBody {
  s: string;
  k: unknown[];
  id: string;
}

/** Names the sort a cursor belongs to, so a cursor is never applied to another sort. */
export const sortSignature = (sort: readonly ParsedSortKey[]): string =>
  sort.map((key) => `${key.field}:${key.direction}`).join(',');

/**
 * Keyset cursors: the last item's sort values and id, so the next page starts strictly after
 * it whatever was written in between. Opaque to callers (base64url JSON).
 */
export const encodeCursor = (signature: string, position: CursorPosition): string => {
  const body: CursorBody = { s: signature, k: [...position.values], id: position.id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
};

export const decodeCursor = (cursor: string, signature: string): CursorPosition => {
  const body = parseBody(cursor);
  if (body === null) throw invalidQuery('cursor', 'not a cursor returned by find');
  if (body.s !== signature) throw invalidQuery('cursor', 'the cursor belongs to a different sort');
  if (body.k.length !== signature.split(',').length - 1) throw invalidQuery('cursor', 'not a cursor returned by find');
  return { values: body.k, id: body.id };
};

const parseBody = (cursor: string): CursorBody | null => {
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody> | null;
    const valid = typeof body?.s === 'string' && Array.isArray(body.k) && typeof body.id === 'string';
    return valid ? (body as CursorBody) : null;
  } catch {
    return null;
  }
};
