import fc from 'fast-check';
import type { RawErrorFacts } from '@taskledger/events';
import { CLASSIFIER_VERSION, defaultClassifier, defaultRules } from './classifier-rules';
import { ClassifierTable, classify, NO_MATCH_RULE_ID, RuleMatch } from './error-classifier';
import {
  interruptedFacts,
  abandonedFacts,
  manualFailureFacts,
  rawErrorFacts,
  spawnFailureFacts,
  storeFailureFacts,
  processFailureFacts,
} from './error-facts';

const exited = (exitCode: number, stderr = '', message = `exit ${exitCode}`): RawErrorFacts =>
  processFailureFacts({ message, exitCode, signal: null, timedOut: false, stderr, stdout: '' });
const killed = (signal: string): RawErrorFacts =>
  processFailureFacts({
    message: `killed by ${signal}`,
    exitCode: null,
    signal,
    timedOut: false,
    stderr: '',
    stdout: '',
  });

/** One realistic failure per default rule, in table order. */
const examples: Array<[ruleId: string, facts: RawErrorFacts]> = [
  ['interrupted', interruptedFacts('SIGINT')],
  [
    'abandoned',
    abandonedFacts({ leaseExpiredAt: '2026-01-01T00:01:00.000Z', detectedBy: 'runner:b', runnerHost: 'a' }),
  ],
  [
    'timeout',
    processFailureFacts({
      message: 'timed out',
      exitCode: null,
      signal: 'SIGTERM',
      timedOut: true,
      stderr: 'connection refused',
      stdout: '',
    }),
  ],
  ['spawn-not-found', spawnFailureFacts({ code: 'ENOENT', message: 'spawn pytest ENOENT' })],
  ['spawn-permission', spawnFailureFacts({ code: 'EACCES', message: 'spawn ./run.sh EACCES' })],
  ['spawn-file-limit', spawnFailureFacts({ code: 'EMFILE', message: 'spawn EMFILE' })],
  ['spawn-resources', spawnFailureFacts({ code: 'EAGAIN', message: 'spawn EAGAIN' })],
  ['spawn-other', spawnFailureFacts({ code: 'E2BIG', message: 'spawn E2BIG' })],
  ['store-busy', storeFailureFacts({ code: 'SQLITE_BUSY', message: 'database is locked' })],
  ['store-read-only', storeFailureFacts({ code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' })],
  ['store-cannot-open', storeFailureFacts({ code: 'SQLITE_CANTOPEN', message: 'unable to open database file' })],
  ['store-corrupt', storeFailureFacts({ code: 'SQLITE_CORRUPT', message: 'database disk image is malformed' })],
  ['store-other', storeFailureFacts({ code: null, message: 'statement finalized' })],
  ['out-of-memory', exited(134, 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory')],
  ['disk-full', exited(1, 'write /tmp/out: no space left on device')],
  ['signal-killed', killed('SIGKILL')],
  ['signal-crashed', killed('SIGSEGV')],
  ['signal-terminated', killed('SIGTERM')],
  ['exit-not-executable', exited(126, 'sh: ./build.sh: Permission denied')],
  ['exit-command-not-found', exited(127, 'sh: 1: pytest: not found')],
  ['exit-timeout-command', exited(124)],
  ['exit-killed', exited(137)],
  ['database-text', exited(1, 'psycopg2.OperationalError: deadlock detected')],
  ['network-text', exited(1, 'Error: getaddrinfo EAI_AGAIN registry.npmjs.org')],
  ['permission-text', exited(1, 'fatal: could not read: Permission denied (publickey)')],
  ['file-system-text', exited(1, "Error: ENOENT: no such file or directory, open 'data.csv'")],
  ['timeout-text', exited(1, 'deadline exceeded while waiting for the build')],
  ['validation-text', exited(2, 'error: unknown option --frobnicate')],
  ['nonzero-exit', exited(1, 'FAILED tests/test_api.py::test_create - AssertionError')],
  ['manual-report', manualFailureFacts({ error: 'reviewer rejected the change' })],
  ['unknown', rawErrorFacts({ type: 'process', message: 'something odd', exitCode: 0 })],
];

describe('error classifier', () => {
  it('has one example per default rule', () =>
    expect(examples.map(([id]) => id)).toEqual(defaultRules.map((rule) => rule.id)));

  describe.each(examples)('rule %s', (ruleId, facts) => {
    const rule = defaultRules.find((candidate) => candidate.id === ruleId)!;
    it(`classifies its example as ${rule.category} / ${rule.severity}`, () =>
      expect(classify(facts)).toEqual({
        category: rule.category,
        severity: rule.severity,
        ruleId,
        classifierVersion: CLASSIFIER_VERSION,
      }));
  });

  it('lets a timeout win over the signal that stopped the process and over its message', () =>
    expect(classify(examples[2]![1]).ruleId).toBe('timeout'));

  it('reads exit 126 as "not executable" only when the shell says it could not execute the command', () => {
    for (const stderr of [
      'sh: 1: ./deploy.sh: Permission denied',
      '/bin/sh: 1: ./deploy.sh: Permission denied',
      'bash: line 1: ./deploy.sh: Permission denied',
      'bash: ./tool: cannot execute binary file: Exec format error',
      'bash: /srv/app: Is a directory',
      'zsh: permission denied: ./deploy.sh',
      "env: './deploy.sh': Permission denied",
    ])
      expect([stderr, classify(exited(126, stderr)).ruleId]).toEqual([stderr, 'exit-not-executable']);
  });

  it("reads a script's own exit 126 like any non-zero exit: by its message, else as a plain failure", () => {
    const ownMessage = "Error: EACCES: permission denied, open '/etc/deploy/credentials.json'";
    expect(classify(exited(126, ownMessage, `exited with code 126: ${ownMessage}`)).ruleId).toBe('permission-text');
    expect(classify(exited(126, 'build step 3 failed')).ruleId).toBe('nonzero-exit');
    expect(classify(exited(126)).ruleId).toBe('nonzero-exit');
  });

  it('reads a refused connection as a network failure unless the message names the database', () => {
    expect(classify(exited(1, 'connect ECONNREFUSED 127.0.0.1:5432')).category).toBe('network');
    expect(classify(exited(1, 'could not connect to server: Connection refused')).category).toBe('database');
  });

  it('classifies a reported failure from its message and exit code', () => {
    expect(classify(manualFailureFacts({ error: 'npm ERR! network socket hang up', exitCode: 1 })).category).toBe(
      'network',
    );
    expect(classify(manualFailureFacts({ error: 'tests failed', exitCode: 1 })).ruleId).toBe('nonzero-exit');
  });

  it('records the version of the table used', () =>
    expect(classify(exited(1), { version: 7, rules: [...defaultRules] }).classifierVersion).toBe(7));

  it('falls back to unknown when a custom table has no catch-all', () =>
    expect(classify(exited(1), { version: 1, rules: [] })).toEqual({
      category: 'unknown',
      severity: 'medium',
      ruleId: NO_MATCH_RULE_ID,
      classifierVersion: 1,
    }));

  it('requires every criterion of a rule to hold', () => {
    const table = {
      version: 1,
      rules: [
        {
          id: 'both',
          description: '',
          match: { exitCodes: [3], text: 'boom' },
          category: 'network' as const,
          severity: 'low' as const,
        },
      ],
    };
    expect(classify(exited(3, 'boom'), table).ruleId).toBe('both');
    expect(classify(exited(3, 'quiet'), table).ruleId).toBe(NO_MATCH_RULE_ID);
  });

  it('accepts the default table as valid data', () =>
    expect(ClassifierTable.safeParse(defaultClassifier).success).toBe(true));

  it('rejects a table with duplicate rule ids or a broken pattern', () => {
    const rule = defaultRules[0]!;
    expect(ClassifierTable.safeParse({ version: 1, rules: [rule, rule] }).success).toBe(false);
    expect(RuleMatch.safeParse({ text: '(unclosed' }).success).toBe(false);
  });

  it('never throws and always names a rule of the table', () => {
    const ids = new Set(defaultRules.map((rule) => rule.id));
    const facts = fc.record({
      type: fc.constantFrom('process', 'spawn', 'store', 'manual', 'interrupted', 'abandoned', 'other'),
      message: fc.string(),
      exitCode: fc.option(fc.integer({ min: -1, max: 255 })),
      signal: fc.option(fc.constantFrom('SIGKILL', 'SIGTERM', 'SIGSEGV', 'SIGUSR1')),
      timedOut: fc.boolean(),
      spawnErrorCode: fc.option(fc.constantFrom('ENOENT', 'EACCES', 'EMFILE', 'EAGAIN', 'EXDEV')),
      stderrTail: fc.string(),
      stdoutTail: fc.string(),
      context: fc.constantFrom<Record<string, string | number>[]>({}, { code: 'SQLITE_BUSY' }, { code: 42 }),
    });
    fc.assert(fc.property(facts, (sample) => ids.has(classify(sample).ruleId)));
  });
});
