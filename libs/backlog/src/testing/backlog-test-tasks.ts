import { sampleDefinition } from '@taskledger/events/generators';
import type { ParsedTask } from '../backlog.types';

/** A parsed task with plain defaults (todo, medium, no dependencies) and the given overrides, for tests. */
export const aParsedTask = (id: string, overrides: Partial<ParsedTask> = {}): ParsedTask => ({
  id,
  rawId: id,
  ...sampleDefinition({
    title: `Task ${id}`,
    priority: 'medium',
    priorityIcon: '⭐',
    source: { path: 'test.md', line: 1 },
  }),
  ...overrides,
});
