/** The parts of the API's answers the page reads (see /openapi.json). */
export interface LedgerStatus {
  totalTasks: number;
  byStatus: Record<string, number>;
  declaredDone: number;
  executions: number;
  successRate: number | null;
  ledgerPosition: string | null;
  lag: number | null;
}

export interface PerformanceRow {
  executions: number;
  successes: number;
  failures: number;
  successRate: number | null;
  medianDurationMs: number | null;
  p95DurationMs: number | null;
  p99DurationMs: number | null;
  totalRetries: number;
}

export interface CountShare {
  key: string;
  count: number;
  share: number;
}

export interface Fingerprint {
  id: string;
  fingerprint: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  example: string;
  errorType: string;
  category: string;
  /** The first 10 distinct tasks it hit, in id order (absent from read models built before they were kept). */
  tasks?: string[];
}

export interface RecoveryCounts {
  attempted: number;
  succeeded: number;
  failed: number;
  notApplicable: number;
}

export interface ErrorReport {
  totalErrors: number;
  byCategory: CountShare[];
  bySeverity: CountShare[];
  recovery: RecoveryCounts & { successRate: number | null; byAction: Record<string, RecoveryCounts> };
  retryPatterns: {
    executions: number;
    totalRetries: number;
    averageRetriesPerExecution: number | null;
    retriesHistogram: Record<string, number>;
    retriedExecutions: number;
    succeededAfterRetry: number;
    retrySuccessRate: number | null;
  };
  topFingerprints: Fingerprint[];
}

export interface DailyRow {
  day: string;
  executions: number;
  successes: number;
  failures: number;
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  p99DurationMs: number | null;
}

export interface ProjectionStatus {
  name: string;
  state: string;
  lag: number | null;
  deadLetters: number;
  failure: unknown;
}

export interface Task {
  id: string;
  title: string;
  priority: string;
  points: number | null;
  backlogStatus: string;
  description: string | null;
  techFootprint: string | null;
  dependencies: string[];
  humanRequired: boolean;
  humanReason: string | null;
  status: string;
  currentExecution: { attempt: number; progress: number | null; message: string | null } | null;
  executionTimeMs: number | null;
  lastError: { category: string; severity: string; message: string } | null;
  totalRetries: number;
  executions: number;
  registeredAt: string | null;
  updatedAt: string;
  /** Present on an as-of answer: the position and time it stands at. */
  asOf?: { position: string | null; time: string | null };
}

export interface TaskPage {
  items: Task[];
  nextCursor: string | null;
}
