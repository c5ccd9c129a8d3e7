import fc from 'fast-check';
import { eventIdGenerator, newEventId } from './event-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The Unix milliseconds in a v7 id's first 48 bits. */
const millisOf = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('event ids (UUID v7)', () => {
  it('are version 7 UUIDs carrying the time they were made', () => {
    const before = Date.now();
    const id = newEventId();
    expect(id).toMatch(UUID_V7);
    expect(millisOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisOf(id)).toBeLessThanOrEqual(Date.now());
  });

  it('never repeat and always sort later, as text, whatever the clock does', () => {
    const clockSteps = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -5_000, max: 5_000 })), {
      minLength: 1,
      maxLength: 6_000,
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), clockSteps, (start, steps) => {
        let clock = start;
        let step = 0;
        const next = eventIdGenerator(() => (clock = Math.max(0, clock + steps[step++ % steps.length]!)));
        const ids = steps.map(() => next());
        for (const id of ids) expect(id).toMatch(UUID_V7);
        for (let index = 1; index < ids.length; index += 1) expect(ids[index]! > ids[index - 1]!).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('keep the clock time while a millisecond has fewer than 2,048 ids, then borrow the next', () => {
    const next = eventIdGenerator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 5_000 }, () => next());
    expect(millisOf(ids[0]!)).toBe(1_700_000_000_000);
    expect(millisOf(ids[2_047]!)).toBe(1_700_000_000_000);
    expect(millisOf(ids[4_999]!)).toBeGreaterThan(1_700_000_000_000);
    expect(new Set(ids).size).toBe(5_000);
  });
});
