import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks an Authorization header against the token in constant time: both sides are hashed
 * first, so neither the comparison nor an early length check reveals how much matched.
 */
export const bearerMatcher = (token: string): ((authorization: string | undefined) => boolean) => {
  const expected = digest(token);
  return (authorization) => {
    const match = /^Bearer (.+)$/.exec(authorization ?? '');
    return timingSafeEqual(digest(match?.[1] ?? ''), expected) && match !== null;
  };
};
