export type {
  CheckpointExpectation,
  CommitReceipt,
  AnyDocument,
  Checkpoint,
  CollectionInfo,
  CollectionOptions,
  CollectionSwap,
  DocumentChange,
  JsonValue,
  ReadStore,
  StoredDocument,
  UnitOfWork,
} from './read-store.port';
export type { FieldFilter, Filter, FindQuery, FindResult, Range, Scalar, SortKey } from './query';

export { MemoryReadStore } from './memory-read-store';
export { SqliteReadStore } from './sqlite-read-store';
export type { SqliteReadStoreOptions } from './sqlite-read-store';
export { MongoReadStore } from './mongodb-read-store';
export type { MongoReadStoreOptions } from './mongodb-read-store';
export { countDocuments, findDocuments } from './memory-documents';
