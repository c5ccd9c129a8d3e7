import { LedgerEventType } from './catalogue';

/** Turns the data of one schema version of an event type into the next version's data. */
export interface Upcaster {
  type: LedgerEventType;
  fromVersion: number;
  upcast: (data: Record<string, unknown>) => Record<string, unknown>;
}

/** Upcasters by `type@fromVersion`; each moves data exactly one version forward. */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    upcasters.forEach((upcaster) => this.register(upcaster));
  }

  register(upcaster: Upcaster): this {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`an upcaster for ${key} is already registered`);
    this.byKey.set(key, upcaster);
    return this;
  }

  /** Applies upcasters from `fromVersion` up to `toVersion`; null when a step is missing. */
  upcast(type: LedgerEventType, data: Record<string, unknown>, fromVersion: number, toVersion: number) {
    let current = data;
    for (let version = fromVersion; version < toVersion; version += 1) {
      const step = this.byKey.get(`${type}@${version}`);
      if (!step) return null;
      current = step.upcast(current);
    }
    return current;
  }
}

/**
 * TaskExecutionCompleted v1 recorded the duration in seconds (as the original
 * scripts' `execution_time` column did) and had no exit code; v2 records milliseconds.
 */
const completedV1toV2: Upcaster = {
  type: 'TaskExecutionCompleted',
  fromVersion: 1,
  upcast: ({ durationSeconds, exitCode, ...rest }) => ({
    ...rest,
    durationMs: Math.round(Number(durationSeconds) * 1000),
    exitCode: exitCode ?? null,
  }),
};

export const defaultUpcasters = (): UpcasterRegistry => new UpcasterRegistry([completedV1toV2]);
