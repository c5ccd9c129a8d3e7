import { LedgerEvent, LedgerEventType } from '@taskledger/events';
import { foldAll } from '../src/testing/fold-harness';
import { ProjectedOptions, TimedEvent, toProjected } from '../src/testing/projected-events';
import { Doc, ProjectionDefinition } from '../src/projection';

type HistoryItem = LedgerEvent | TimedEvent;

const outcome = <D extends Doc>(docs: Map<string, D>) => ({
  docs,
  /** The document, failing the test when it does not exist. */
  doc(id: string): D {
    const doc = docs.get(id);
    if (doc === undefined) throw new Error(`expected a document "${id}"; have ${JSON.stringify([...docs.keys()])}`);
    return doc;
  },
  /** The document exists and has (at least) these fields. */
  then(id: string, expected: Partial<D>): void {
    expect(docs.get(id)).toMatchObject(expected as Record<string, unknown>);
  },
  thenNoDocument(id: string): void {
    expect(docs.has(id)).toBe(false);
  },
});

/**
 * `given(projection, history).when(...events).then(id, fields)`: folds the history (then the
 * new events) from nothing, as a rebuild would, and checks the resulting document.
 */
export const given = <D extends Doc, T extends LedgerEventType>(
  projection: ProjectionDefinition<D, T>,
  history: readonly HistoryItem[] = [],
  options: ProjectedOptions = {},
) => {
  const fold = (events: readonly HistoryItem[]) => foldAll(projection, toProjected([...history, ...events], options));
  return {
    ...outcome(fold([])),
    when: (...events: HistoryItem[]) => outcome(fold(events)),
  };
};
