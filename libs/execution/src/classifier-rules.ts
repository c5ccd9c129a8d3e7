import type { ClassifierRule, ClassifierTable } from './error-classifier';

/** Bump together with any change to `defaultRules`; recorded in every TaskAttemptFailed. */
export const CLASSIFIER_VERSION = 2;

const rule = (
  id: string,
  category: ClassifierRule['category'],
  severity: ClassifierRule['severity'],
  match: ClassifierRule['match'],
  description: string,
): ClassifierRule => ({ id, description, match, category, severity });

const lifecycle: ClassifierRule[] = [
  rule(
    'interrupted',
    'execution',
    'low',
    { errorTypes: ['interrupted'] },
    'The run was stopped (Ctrl-C, SIGTERM); not the task’s fault.',
  ),
  rule('abandoned', 'execution', 'medium', { errorTypes: ['abandoned'] }, 'The runner died: its lease expired.'),
  rule('timeout', 'timeout', 'medium', { timedOut: true }, 'The attempt ran past its timeout and was killed.'),
];

const spawnAndStore: ClassifierRule[] = [
  rule(
    'spawn-not-found',
    'file_system',
    'critical',
    { spawnErrorCodes: ['ENOENT', 'ENOTDIR'] },
    'The executable or working directory does not exist.',
  ),
  rule(
    'spawn-permission',
    'permission',
    'high',
    { spawnErrorCodes: ['EACCES', 'EPERM'] },
    'The executable may not be run.',
  ),
  rule(
    'spawn-file-limit',
    'file_system',
    'high',
    { spawnErrorCodes: ['EMFILE', 'ENFILE'] },
    'Too many open files to start a process.',
  ),
  rule(
    'spawn-resources',
    'execution',
    'high',
    { spawnErrorCodes: ['EAGAIN', 'ENOMEM'] },
    'The system could not create a process.',
  ),
  rule('spawn-other', 'execution', 'high', { errorTypes: ['spawn'] }, 'Any other failure to start the process.'),
  rule(
    'store-busy',
    'database',
    'medium',
    { errorCodes: ['SQLITE_BUSY', 'SQLITE_LOCKED'] },
    'Our store is locked by another writer.',
  ),
  rule(
    'store-read-only',
    'permission',
    'high',
    { errorCodes: ['SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_AUTH'] },
    'Our store may not be written.',
  ),
  rule(
    'store-cannot-open',
    'file_system',
    'high',
    { errorCodes: ['SQLITE_CANTOPEN'] },
    'Our store file cannot be opened.',
  ),
  rule(
    'store-corrupt',
    'database',
    'critical',
    { errorCodes: ['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_FULL'] },
    'Our store is damaged or full.',
  ),
  rule('store-other', 'database', 'high', { errorTypes: ['store'] }, 'Any other failure of our own store.'),
];

const resourceText: ClassifierRule[] = [
  rule(
    'out-of-memory',
    'execution',
    'critical',
    { text: 'out of memory|cannot allocate memory|\\bENOMEM\\b|MemoryError' },
    'The process ran out of memory.',
  ),
  rule(
    'disk-full',
    'file_system',
    'critical',
    { text: 'no space left on device|\\bENOSPC\\b|disk quota exceeded|\\bEDQUOT\\b' },
    'The disk is full.',
  ),
];

/**
 * A shell (or env) saying it could not execute the command itself: `sh: 1: ./x: Permission denied`,
 * `bash: ./x: cannot execute binary file`, `zsh: permission denied: ./x`. A script that exits 126
 * on its own prints none of these.
 */
const SHELL_CANNOT_EXECUTE =
  '(^|\\n|: )(\\S*/)?(sh|bash|dash|ash|ksh|mksh|zsh|env)(\\[\\d+\\])?: (line \\d+: |\\d+: )?' +
  '(\\S.*: (permission denied|cannot execute|exec format error|is a directory)|(permission denied|exec format error): \\S)';

const signalsAndExitCodes: ClassifierRule[] = [
  rule(
    'signal-killed',
    'execution',
    'high',
    { signals: ['SIGKILL'] },
    'Killed outright, often by the out-of-memory killer.',
  ),
  rule(
    'signal-crashed',
    'execution',
    'high',
    { signals: ['SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGILL', 'SIGFPE'] },
    'The process crashed.',
  ),
  rule(
    'signal-terminated',
    'execution',
    'medium',
    { signals: ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'] },
    'Asked to stop by someone else.',
  ),
  rule(
    'exit-not-executable',
    'permission',
    'high',
    { exitCodes: [126], text: SHELL_CANNOT_EXECUTE },
    'Shell: the command was found but may not be executed (a script’s own exit 126 falls through to the rules below).',
  ),
  rule('exit-command-not-found', 'execution', 'critical', { exitCodes: [127] }, 'Shell: the command was not found.'),
  rule('exit-timeout-command', 'timeout', 'medium', { exitCodes: [124] }, 'timeout(1) stopped the command.'),
  rule('exit-killed', 'execution', 'high', { exitCodes: [137] }, 'Shell: the command was killed (128 + SIGKILL).'),
];

const NETWORK =
  'ECONNREFUSED|ECONNRESET|ECONNABORTED|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EAI_AGAIN|ENOTFOUND|ETIMEDOUT|EPIPE|' +
  'getaddrinfo|socket hang up|connection (refused|reset|timed out|closed)|network (is )?unreachable|' +
  'could not resolve host|name resolution|TLS handshake|\\b(502|503|504)\\b|bad gateway|service unavailable|gateway time-?out';
const DATABASE =
  'SQLITE_[A-Z]+|database is locked|deadlock|too many connections|could not connect to (the )?(database|server)|' +
  'MongoServerError|MongoNetworkError|\\bER_[A-Z_]+|duplicate key|constraint failed|relation "?[\\w.]+"? does not exist';
const PERMISSION =
  'permission denied|\\bEACCES\\b|\\bEPERM\\b|operation not permitted|access (is )?denied|\\b(401|403)\\b|forbidden|unauthori[sz]ed';
const FILE_SYSTEM =
  '\\bENOENT\\b|no such file or directory|\\bEISDIR\\b|\\bENOTDIR\\b|\\bEEXIST\\b|\\bENOTEMPTY\\b|directory not empty|' +
  '\\bEMFILE\\b|too many open files|\\bEROFS\\b|read-only file system|\\bEBUSY\\b|file not found';
const TIMEOUT = 'timed out|time-?out|deadline exceeded';
const VALIDATION =
  'invalid|validation (error|failed)|ZodError|SyntaxError|unexpected token|usage:|unknown (option|argument|flag)|' +
  '\\b400\\b|bad request|missing required|expected .+ (but )?(got|received)';

const messageText: ClassifierRule[] = [
  rule('database-text', 'database', 'medium', { text: DATABASE }, 'The message names a database error.'),
  rule('network-text', 'network', 'medium', { text: NETWORK }, 'The message names a network error.'),
  rule('permission-text', 'permission', 'high', { text: PERMISSION }, 'The message names a permission error.'),
  rule('file-system-text', 'file_system', 'medium', { text: FILE_SYSTEM }, 'The message names a file system error.'),
  rule('timeout-text', 'timeout', 'medium', { text: TIMEOUT }, 'The message says something timed out.'),
  rule('validation-text', 'validation', 'low', { text: VALIDATION }, 'The message says the input was invalid.'),
];

const fallbacks: ClassifierRule[] = [
  rule(
    'nonzero-exit',
    'execution',
    'medium',
    { nonZeroExit: true },
    'The process failed without a recognisable message.',
  ),
  rule(
    'manual-report',
    'execution',
    'medium',
    { errorTypes: ['manual'] },
    'An outside runner reported a failure without details.',
  ),
  rule('unknown', 'unknown', 'medium', {}, 'Nothing above matched.'),
];

/**
 * The default rule table, in priority order: lifecycle facts, then timeouts, spawn and store
 * codes (exact), resource exhaustion, signals and special exit codes, then message text, then
 * catch-alls. Severity `critical` means retrying cannot help (the decider does not retry it).
 */
export const defaultRules: readonly ClassifierRule[] = [
  ...lifecycle,
  ...spawnAndStore,
  ...resourceText,
  ...signalsAndExitCodes,
  ...messageText,
  ...fallbacks,
];

export const defaultClassifier: ClassifierTable = { version: CLASSIFIER_VERSION, rules: [...defaultRules] };
