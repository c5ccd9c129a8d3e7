import { isAbsolute, resolve } from 'node:path';

export type EventStoreConfig = { kind: 'sqlite'; path: string } | { kind: 'esdb'; url: string } | { kind: 'memory' };
export type ReadStoreConfig = { kind: 'sqlite'; path: string } | { kind: 'mongodb'; url: string } | { kind: 'memory' };

export const DEFAULT_LEDGER_PATH = '.taskledger/ledger.db';

export const EVENT_STORE_FORMS = `sqlite:<path> (default sqlite:${DEFAULT_LEDGER_PATH}), esdb://host:2113?tls=false, or memory:`;
export const READ_STORE_FORMS = 'sqlite:<path>, mongodb://localhost:27017/taskledger?directConnection=true, or memory:';

const sqlitePath = (value: string, cwd: string): string | null => {
  const path = value.slice('sqlite:'.length).trim();
  if (!path) return null;
  return path === ':memory:' || isAbsolute(path) ? path : resolve(cwd, path);
};

/** Parses an event store setting; null when it is not one of the accepted forms. */
export const parseEventStoreUrl = (value: string, cwd: string): EventStoreConfig | null => {
  if (value === 'memory:') return { kind: 'memory' };
  if (/^esdb(\+discover)?:\/\/\S+$/.test(value)) return { kind: 'esdb', url: value };
  if (value.startsWith('sqlite:')) {
    const path = sqlitePath(value, cwd);
    return path ? { kind: 'sqlite', path } : null;
  }
  return null;
};

/** Parses a read store setting; null when it is not one of the accepted forms. */
export const parseReadStoreUrl = (value: string, cwd: string): ReadStoreConfig | null => {
  if (value === 'memory:') return { kind: 'memory' };
  if (/^mongodb(\+srv)?:\/\/\S+$/.test(value)) return { kind: 'mongodb', url: value };
  if (value.startsWith('sqlite:')) {
    const path = sqlitePath(value, cwd);
    return path ? { kind: 'sqlite', path } : null;
  }
  return null;
};

/**
 * Where read models live when no setting says: beside the events in the same SQLite file,
 * in memory with in-memory events, and in a local SQLite file next to an EventStoreDB.
 */
export const defaultReadStore = (eventStore: EventStoreConfig, cwd: string): ReadStoreConfig => {
  switch (eventStore.kind) {
    case 'sqlite':
      return { kind: 'sqlite', path: eventStore.path };
    case 'memory':
      return { kind: 'memory' };
    case 'esdb':
      return { kind: 'sqlite', path: resolve(cwd, '.taskledger/read-models.db') };
  }
};
