import { parseBacklog } from './backlog-parser';

const withDeps = (deps: string) =>
  parseBacklog(
    [
      '| ID | Title | Dependencies |',
      '|---|---|---|',
      '| B‑060 | Documentation Coherence Validation System | None |',
      '| B-000 | v0.3.1-rc3 Core Hardening | n/a |',
      '| B-090 | Test Performance Workflow | - |',
      '| B-091 | Test performance workflow | |',
      `| B-1 | Subject | ${deps} |`,
    ].join('\n'),
    'b.md',
  );

describe('dependency resolution', () => {
  it('resolves ids, ids with titles and bare titles, in written order without duplicates', () => {
    const { tasks, warnings } = withDeps(
      'B-060, B‑060 Documentation Coherence Validation System, v0.3.1-rc3 Core Hardening, B-1060 (Gates, v2)',
    );
    expect(tasks[4]).toMatchObject({
      dependencies: ['B-060', 'B-000'],
      unresolvedDependencies: ['B-1060 (Gates, v2)'],
    });
    expect(warnings.map(({ line, code }) => [line, code])).toEqual([[7, 'UNRESOLVED_DEPENDENCY']]);
  });

  it('treats None and friends as no dependency', () => {
    expect(
      withDeps('None').tasks.every(
        (task) => task.dependencies.length === 0 && task.unresolvedDependencies.length === 0,
      ),
    ).toBe(true);
  });

  it('keeps unknown and ambiguous titles unresolved, each with a warning', () => {
    const { tasks, warnings } = withDeps('Enhanced RAG system; Test Performance Workflow');
    expect(tasks[4]?.unresolvedDependencies).toEqual(['Enhanced RAG system', 'Test Performance Workflow']);
    expect(warnings.map(({ code }) => code)).toEqual(['UNRESOLVED_DEPENDENCY', 'AMBIGUOUS_DEPENDENCY']);
  });

  it('resolves an unknown id followed by a known title by the title', () => {
    expect(withDeps('B-999 v0.3.1-rc3 Core Hardening').tasks[4]?.dependencies).toEqual(['B-000']);
  });

  it('adds the ids listed in the score object', () => {
    const { tasks } = parseBacklog(
      [
        '| B-1 | One | 🔥 | 1 | todo | P | T | B-2 |',
        '<!--score: {bv:1, deps:["B-2", "B-3"]}-->',
        '| B-2 | Two | 🔥 | 1 | todo | P | T | None |',
        '| B-3 | Three | 🔥 | 1 | todo | P | T | None |',
      ].join('\n'),
      'b.md',
    );
    expect(tasks[0]?.dependencies).toEqual(['B-2', 'B-3']);
  });
});
