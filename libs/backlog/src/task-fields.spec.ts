import { parseLeadingNumber, parsePriority, parseStatus, normaliseKey, normaliseTitle } from './task-fields';
import { compareTaskIds, isTaskId, normaliseTaskId } from './task-ids';

describe('task ids', () => {
  it('normalises non-breaking and other hyphens to ASCII, keeping suffixes', () => {
    expect(normaliseTaskId('B‑049')).toBe('B-049');
    expect(normaliseTaskId('B‑052‑d')).toBe('B-052-d');
    expect(normaliseTaskId('B–032‐C1')).toBe('B-032-C1');
  });

  it('recognises ids and rejects placeholders and plain words', () => {
    expect(['B-049', 'B‑052‑d', 'B-1004-QG', 'C-002', 'S‑010'].every(isTaskId)).toBe(true);
    expect(['B-XXXX', 'Phase 6', 'ID', 'b-12', 'B-', '-12'].some(isTaskId)).toBe(false);
  });

  it('orders ids naturally and deterministically', () => {
    const ids = ['B-1000', 'C-2', 'B-52', 'B-052-d', 'B-9', 'B-052-a'];
    expect([...ids].sort(compareTaskIds)).toEqual(['B-9', 'B-052-a', 'B-052-d', 'B-52', 'B-1000', 'C-2']);
  });
});

describe('priority', () => {
  it.each([
    ['🔥', 'critical', '🔥'],
    ['📈', 'high', '📈'],
    ['⭐', 'medium', '⭐'],
    ['⭐️', 'medium', '⭐️'],
    ['🔧', 'low', '🔧'],
    ['⚙️', 'unknown', '⚙️'],
    ['🛡️', 'unknown', '🛡️'],
    ['🟡 **MEDIUM** - later', 'unknown', '🟡'],
    ['🔥 **HIGH** - Essential', 'critical', '🔥'],
    ['P0 (Critical)', 'critical', 'P0 (Critical)'],
    ['High', 'high', 'High'],
    ['', 'unknown', null],
  ])('reads %j as %s with icon %j', (text, priority, icon) => {
    expect(parsePriority(text)).toEqual({ priority, icon });
  });
});

describe('status', () => {
  it.each([
    ['todo', 'todo'],
    ['✅ done', 'done'],
    ['✅ **COMPLETED**', 'done'],
    ['✅ COMPLETE', 'done'],
    ['✅', 'done'],
    ['🔄 in_progress', 'in_progress'],
    ['in-progress', 'in_progress'],
    ['in‑progress', 'in_progress'],
    ['blocked', 'blocked'],
    ['🔒 **BLOCKED** - Blocked by RAGChecker baseline requirements (B-1059)', 'blocked'],
    ['🆕 **NEW** - Ready for PRD creation', 'todo'],
    ['⏳ PENDING', 'todo'],
    ['backlog', 'todo'],
    ['Ready for Implementation', 'todo'],
    ['setup-required', 'unknown'],
    ['🔴 **CRITICAL - IMMEDIATE ACTION REQUIRED**', 'unknown'],
  ])('reads %j as %s and keeps the raw text', (text, status) => {
    expect(parseStatus(text)).toEqual({ status, raw: text });
  });

  it('reads an empty cell as unknown with no raw text', () => {
    expect(parseStatus('  ')).toEqual({ status: 'unknown', raw: null });
  });
});

describe('points and keys', () => {
  it('reads whole and decimal points, with or without an explanation', () => {
    expect(['3', '0.5', '3.5', '5 - High complexity', '**8**'].map(parseLeadingNumber)).toEqual([3, 0.5, 3.5, 5, 8]);
    expect(['TBD', '3-5', '', 'x3', '9'.repeat(400)].map(parseLeadingNumber)).toEqual([null, null, null, null, null]);
  });

  it('normalises header names and comment keys to snake_case', () => {
    expect(['🔥P', '🎯Points', 'Problem/Outcome', 'Tech Footprint', 'do_next', 'TASK_LIST'].map(normaliseKey)).toEqual([
      'p',
      'points',
      'problem_outcome',
      'tech_footprint',
      'do_next',
      'task_list',
    ]);
  });

  it('compares titles regardless of case, markdown, hyphen style and punctuation', () => {
    expect(normaliseTitle('**Enhanced  RAG‑System!**')).toBe(normaliseTitle('enhanced rag-system'));
  });
});
