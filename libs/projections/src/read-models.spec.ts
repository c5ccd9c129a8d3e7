import fc from 'fast-check';
import { arbitraryHistory } from './testing/history.generator';
import { foldAll, foldInBatches, serialiseDocs } from './testing/fold-harness';
import { AnyProjection, Doc } from './projection';
import { readModels } from './read-models';
import { toProjected } from './testing/projected-events';
import { registered } from '@taskledger/events/testing';

const history = arbitraryHistory();
/** Cut points and crashed batches, as indexes; out-of-range ones are ignored by the harness. */
const splits = fc.array(fc.nat({ max: 120 }), { maxLength: 12 });
const crashes = fc.array(fc.nat({ max: 12 }), { maxLength: 3 });
const runs = { numRuns: 60 };

const isJsonStable = (doc: Doc): boolean => {
  const text = JSON.stringify(doc);
  expect(JSON.parse(text)).toStrictEqual(doc);
  return JSON.stringify(JSON.parse(text)) === text;
};

describe.each(readModels.map((projection) => [projection.name, projection] as const))(
  'the %s read model',
  (_name, projection: AnyProjection) => {
    describe('given any valid history', () => {
      it('folds in random batches, with stops and restarts, to the same bytes as in one pass', () =>
        fc.assert(
          fc.property(history, splits, crashes, (events, cuts, stops) =>
            expect(serialiseDocs(foldInBatches(projection, events, cuts, stops))).toBe(
              serialiseDocs(foldAll(projection, events)),
            ),
          ),
          runs,
        ));

      it('rebuilds from zero to exactly the documents the live build has', () =>
        fc.assert(
          fc.property(history, splits, splits, (events, live, rebuild) =>
            expect(serialiseDocs(foldInBatches(projection, events, rebuild))).toBe(
              serialiseDocs(foldInBatches(projection, events, live)),
            ),
          ),
          runs,
        ));

      it('never throws and never mutates its inputs (documents and events are deep-frozen)', () =>
        fc.assert(
          fc.property(history, (events) => expect(() => foldAll(projection, events)).not.toThrow()),
          runs,
        ));

      it('writes only JSON-stable documents keyed by their id', () =>
        fc.assert(
          fc.property(history, (events) =>
            [...foldAll(projection, events)].every(([id, doc]) => doc.id === id && isJsonStable(doc)),
          ),
          runs,
        ));
    });
  },
);

describe('the fold harness', () => {
  it('catches an evolve that mutates its input document', () => {
    const mutating: AnyProjection = {
      ...readModels[0]!,
      evolve: (doc, event) => {
        if (doc) (doc as unknown as { touched: number }).touched = 1;
        return doc ?? { id: (event.data as { taskId: string }).taskId };
      },
    };
    expect(() => foldAll(mutating, toProjected([registered('B-1'), registered('B-1')]))).toThrow(TypeError);
  });
});
