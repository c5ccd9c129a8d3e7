export { openSqliteDatabase, sqliteFailure } from './sqlite-file';
export type { SqliteFile } from './sqlite-file';
