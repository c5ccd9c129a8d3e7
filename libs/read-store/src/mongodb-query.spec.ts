import { isTaskledgerError } from '@taskledger/errors';
import fc from 'fast-check';
import { mongoMatches } from '../test/mongo-query-evaluator';
import { compareKeys, matchesCondition, sortKeyOf } from './memory-query';
import { mongoError, redactUrl, retryIfCursorKilled } from './mongodb-connection';
import {
  bulkOperations,
  declaredIndexFields,
  indexDescription,
  keysetFilter,
  positionOf,
  toMongoFilter,
  toMongoFind,
} from './mongodb-query';
import { Filter, parseFilter, parseFindQuery, parseSort } from './query';

const scalar = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom('', 'a', 'B', 'é', '\ue000', '😀'),
  fc.boolean(),
);
const fieldValue = fc.oneof(fc.constant(undefined), scalar, fc.array(scalar, { maxLength: 3 }), fc.constant({ a: 1 }));
const doc = (value: fc.Arbitrary<unknown>) =>
  fc
    .record({ id: fc.constantFrom('a', 'b', 'c', 'd'), v: value, w: value })
    .map((d) => ({ ...d }) as Record<string, unknown>);
const nonEmpty = (range: object): boolean => Object.keys(range).length > 0;
const fieldFilter = fc.oneof(
  scalar,
  fc.record({ in: fc.array(scalar, { maxLength: 3 }) }),
  fc
    .record({ gt: fc.integer({ min: -2, max: 2 }), lte: fc.integer({ min: -2, max: 2 }) }, { requiredKeys: [] })
    .filter(nonEmpty),
  fc
    .record({ gte: fc.constantFrom('', 'a', 'é'), lt: fc.constantFrom('B', '😀') }, { requiredKeys: [] })
    .filter(nonEmpty),
);
const filter = fc.record(
  { v: fieldFilter, w: fieldFilter, id: fc.constantFrom('a', 'c') },
  { requiredKeys: [] },
) as fc.Arbitrary<Filter>;
const sort = fc.uniqueArray(
  fc.record({ field: fc.constantFrom('v', 'w', 'id'), direction: fc.constantFrom('asc' as const, 'desc' as const) }),
  {
    maxLength: 3,
    selector: (key) => key.field,
  },
);

const asStored = (d: Record<string, unknown>) => ({ _id: d['id'], ...JSON.parse(JSON.stringify(d)) });

describe('mongodb query translation', () => {
  it('matches exactly the documents the reference filter semantics match', () => {
    fc.assert(
      fc.property(doc(fieldValue), filter, (candidate, query) => {
        const conditions = parseFilter(query);
        const expected = conditions.every((condition) =>
          matchesCondition(JSON.parse(JSON.stringify(candidate)), condition),
        );
        expect(mongoMatches(asStored(candidate), toMongoFilter(conditions))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('selects exactly the documents after the cursor in sort order, across types and nulls', () => {
    fc.assert(
      fc.property(
        doc(fc.oneof(fc.constant(undefined), scalar)),
        doc(fc.oneof(fc.constant(undefined), scalar)),
        sort,
        (candidate, last, keys) => {
          const parsed = parseSort(keys);
          const after = compareKeys(sortKeyOf(candidate, parsed), sortKeyOf(last, parsed), parsed) > 0;
          const cursorFrom = JSON.parse(JSON.stringify(last));
          expect(mongoMatches(asStored(candidate), keysetFilter(parsed, positionOf(cursorFrom, parsed)))).toBe(after);
        },
      ),
      { numRuns: 3000 },
    );
  });

  // MongoDB orders an array by its smallest (largest) element, so the page that holds it, where
  // find refuses it, is unknown: every later page must still select it, or paging skips it.
  it('keeps selecting a document holding an array in a sort field until the cursor passes its earlier keys', () => {
    fc.assert(
      fc.property(
        doc(fc.oneof(fc.constant(undefined), scalar)),
        doc(fc.oneof(fc.constant(undefined), scalar)),
        fc.array(scalar, { maxLength: 3 }),
        sort.filter((keys) => keys.length > 0 && keys[0]!.field !== 'id'),
        fc.nat(),
        (candidate, last, list, keys, pick) => {
          const parsed = parseSort(keys);
          const at = pick % (parsed.length - 1);
          const withArray = { ...candidate, [parsed[at]!.field]: list };
          const prefix = parsed.slice(0, at);
          const notBefore =
            compareKeys(sortKeyOf(candidate, prefix), sortKeyOf(last, prefix), prefix) >= 0 || prefix.length === 0;
          const cursor = positionOf(JSON.parse(JSON.stringify(last)), parsed);
          if (notBefore) expect(mongoMatches(asStored(withArray), keysetFilter(parsed, cursor))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never lets a condition match array elements, except on the id', () => {
    expect(toMongoFilter(parseFilter({ status: 'done', id: 'x' }))).toEqual({
      status: { $eq: 'done', $not: { $type: 'array' } },
      _id: { $eq: 'x' },
    });
  });

  it('sorts by the keys then _id, and asks for one more document than the page', () => {
    const query = parseFindQuery({
      filter: { status: 'done' },
      sort: [{ field: 'timestamp', direction: 'desc' }],
      limit: 20,
    });
    expect(toMongoFind(query)).toEqual({
      filter: { status: { $eq: 'done', $not: { $type: 'array' } } },
      sort: [
        ['timestamp', -1],
        ['_id', -1],
      ],
      limit: 21,
      batchSize: 21,
    });
    expect(toMongoFind(parseFindQuery({})).limit).toBe(0);
  });

  // A swap renames collections with dropTarget, which kills open cursors (QueryPlanKilled):
  // a page read in one batch has no cursor left open, and a longer read is retried once.
  it('reads a page in one batch and retries a read whose cursor a swap killed, once', async () => {
    expect(toMongoFind(parseFindQuery({})).batchSize).toBeUndefined();
    const killed = () => Object.assign(new Error('collection dropped'), { name: 'MongoServerError', code: 175 });
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw killed();
      return 'read';
    };
    await expect(retryIfCursorKilled(flaky)).resolves.toBe('read');
    expect(calls).toBe(2);
    const always = async () => {
      throw killed();
    };
    await expect(retryIfCursorKilled(always)).rejects.toMatchObject({ code: 175 });
    const other = Object.assign(new Error('other'), { code: 2 });
    let otherCalls = 0;
    await expect(
      retryIfCursorKilled(async () => {
        otherCalls += 1;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(otherCalls).toBe(1);
  });
});

describe('mongodb documents and indexes', () => {
  it('groups changes by collection in order, upserting by _id with the document as given', () => {
    const operations = bulkOperations([
      { op: 'put', collection: 'a', id: 'x', json: '{"b":1,"id":"x"}' },
      { op: 'delete', collection: 'b', id: 'y' },
      { op: 'delete', collection: 'a', id: 'x' },
    ]);
    expect([...operations.keys()]).toEqual(['a', 'b']);
    expect(operations.get('a')).toEqual([
      { replaceOne: { filter: { _id: 'x' }, replacement: { b: 1, id: 'x' }, upsert: true } },
      { deleteOne: { filter: { _id: 'x' } } },
    ]);
    expect(
      Object.keys((operations.get('a')![0] as { replaceOne: { replacement: object } }).replaceOne.replacement),
    ).toEqual(['b', 'id']);
  });

  it('indexes the declared fields then _id, and reads the declaration back from the index name', () => {
    const description = indexDescription(['taskId', 'timestamp']);
    expect(Object.entries(description.key)).toEqual([
      ['taskId', 1],
      ['timestamp', 1],
      ['_id', 1],
    ]);
    expect(declaredIndexFields([{ name: '_id_' }, { name: description.name }, { name: 'someone_elses' }])).toEqual([
      ['taskId', 'timestamp'],
    ]);
    expect(indexDescription(['a_b']).name).not.toBe(indexDescription(['a', 'b']).name);
  });

  it('takes the cursor position from the stored document, missing fields as null', () => {
    expect(positionOf({ id: 'x', a: 3 }, parseSort([{ field: 'a' }, { field: 'b' }]))).toEqual({
      values: [3, null],
      id: 'x',
    });
  });
});

describe('mongodb errors', () => {
  it('hides the password in the server it names', () => {
    expect(redactUrl('mongodb://app:s3cret@db1:27017,db2/ledger?replicaSet=rs0')).toBe(
      'mongodb://app:***@db1:27017,db2/ledger?replicaSet=rs0',
    );
  });

  it('maps an unreachable server and a server without transactions to StoreUnavailable', () => {
    const unreachable = Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoServerSelectionError' });
    const standalone = Object.assign(
      new Error('Transaction numbers are only allowed on a replica set member or mongos'),
      { code: 20 },
    );
    for (const error of [unreachable, standalone]) {
      const mapped = mongoError('mongodb://u:p@h/db', error);
      expect(isTaskledgerError(mapped, 'StoreUnavailable')).toBe(true);
      expect((mapped as Error).message).toContain('mongodb://u:***@h/db');
    }
    const other = new Error('something else');
    expect(mongoError('mongodb://h', other)).toBe(other);
  });

  it('maps a node that is not (yet) a writable primary to StoreUnavailable, so apps retry', () => {
    const states: [string, number][] = [
      ['not primary', 10107],
      ['not primary and secondaryOk=false', 13435],
      ['no replset config has been received', 94],
      ['operation was interrupted because of a replica set state change', 11602],
      ['The server is in quiesce mode and will shut down', 91],
    ];
    for (const [message, code] of states) {
      const mapped = mongoError(
        'mongodb://h/db',
        Object.assign(new Error(message), { name: 'MongoServerError', code }),
      );
      expect(isTaskledgerError(mapped, 'StoreUnavailable')).toBe(true);
    }
  });
});
