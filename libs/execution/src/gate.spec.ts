import fc from 'fast-check';
import { gate } from './gate';

const task = (dependencies: string[] = [], humanRequired = false) => ({ dependencies, humanRequired });

describe('gate', () => {
  it('lets a task without dependencies run', () => expect(gate(task(), new Set(), false)).toEqual({ run: true }));

  it('lets a task run when all its dependencies are done', () =>
    expect(gate(task(['A', 'B']), new Set(['A', 'B', 'C']), false)).toEqual({ run: true }));

  it('skips a task whose dependencies are not done, naming them in declared order once', () =>
    expect(gate(task(['C', 'A', 'B', 'C']), new Set(['A']), true)).toEqual({
      run: false,
      reason: 'dependencies-unmet',
      missing: ['C', 'B'],
      message: 'waiting for C, B',
    }));

  it('skips a human-required task the user did not confirm', () =>
    expect(gate(task([], true), new Set(), false)).toMatchObject({
      run: false,
      reason: 'human-required',
      missing: [],
    }));

  it('runs a human-required task the user confirmed', () =>
    expect(gate(task([], true), new Set(), true)).toEqual({ run: true }));

  it('reports unmet dependencies before asking a person', () =>
    expect(gate(task(['A'], true), new Set(), false)).toMatchObject({ reason: 'dependencies-unmet', missing: ['A'] }));

  it('runs exactly when every dependency is done and a human-required task is confirmed', () => {
    const ids = fc.constantFrom<string>('A', 'B', 'C', 'D');
    fc.assert(
      fc.property(
        fc.array(ids),
        fc.array(ids),
        fc.boolean(),
        fc.boolean(),
        (dependencies, done, humanRequired, confirmed) => {
          const result = gate({ dependencies, humanRequired }, new Set(done), confirmed);
          const expected = dependencies.every((id) => done.includes(id)) && (!humanRequired || confirmed);
          return result.run === expected && (result.run || result.missing.every((id) => !done.includes(id)));
        },
      ),
    );
  });
});
