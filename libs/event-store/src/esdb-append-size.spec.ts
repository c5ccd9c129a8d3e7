import { isTaskledgerError } from '@taskledger/errors';
import { MaxAppendSizeExceededError } from '@eventstore/db-client';

import { envelopes, registered } from '@taskledger/events/testing';
import { appendSize, assertAppendSize, DEFAULT_MAX_APPEND_SIZE } from './esdb-append-size';
import { storeError } from './esdb-mapping';

const withDescription = (length: number) => envelopes([registered('B-6', { description: 'x'.repeat(length) })]);

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('esdb append size', () => {
  it("defaults to the server's MaxAppendSize of 1 MiB", () => {
    expect(DEFAULT_MAX_APPEND_SIZE).toBe(1024 * 1024);
  });

  it('counts the data, metadata and type of every event in UTF-8 bytes', () => {
    const [small] = withDescription(10);
    const [large] = withDescription(1010);
    expect(appendSize([large!]) - appendSize([small!])).toBe(1000);
    expect(appendSize([small!, large!])).toBe(appendSize([small!]) + appendSize([large!]));
    const [wide] = envelopes([registered('B-6', { description: 'é'.repeat(10) })]);
    expect(appendSize([wide!]) - appendSize([small!])).toBe(10);
  });

  it('refuses, before sending, a batch above the limit, naming the stream, the size and the limit', () => {
    const events = withDescription(2000);
    expect(() => assertAppendSize('task-B-6', events, 4000)).not.toThrow();
    const error = thrown(() => assertAppendSize('task-B-6', events, 1500));
    expect(isTaskledgerError(error, 'InvalidArgument')).toBe(true);
    expect((error as Error).message).toMatch(/task-B-6/);
    expect((error as Error).message).toMatch(new RegExp(`${appendSize(events)} bytes`));
    expect((error as Error).message).toMatch(/maximum append size of 1500 bytes \(MaxAppendSize\)/);
  });

  it("maps the server's MaxAppendSizeExceededError to an input error naming the server's limit", () => {
    const mapped = storeError(MaxAppendSizeExceededError.fromMaxAppendSize(1048576));
    expect(isTaskledgerError(mapped, 'InvalidArgument')).toBe(true);
    expect((mapped as Error).message).toMatch(/maximum append size of 1048576 bytes \(MaxAppendSize\)/);
  });
});
