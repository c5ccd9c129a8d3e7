import Database from 'better-sqlite3';
import fc from 'fast-check';
import { tempDir } from '../test/temp-dir';
import { columnName, columnValue, fieldOfColumn, jsonFieldSql, readColumnFields } from './sqlite-columns';
import { SqliteReadStore } from './sqlite-read-store';

const jsonValue = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown);

describe('sqlite field columns', () => {
  describe('given any JSON value in a document', () => {
    const db = new Database(':memory:');
    afterAll(() => db.close());
    /** Compared inside SQLite, as queries compare them: the same value of the same type. */
    const same = db
      .prepare<[string, unknown], number>(
        `SELECT a IS b AND typeof(a) = typeof(b) FROM (SELECT ${jsonFieldSql('doc', 'v')} AS a, b FROM (SELECT ? AS doc, ? AS b))`,
      )
      .pluck();

    it('holds what queries read from the JSON text, so indexed and unindexed queries agree', () =>
      fc.assert(
        fc.property(
          fc.oneof(
            jsonValue,
            fc.string({ unit: 'binary' }),
            fc.constantFrom(true, false, -0, 1e21, 0.1, -54502538460781610, 2 ** 63, '', 'a\ud800b', undefined),
          ),
          (value) => {
            expect(same.get(JSON.stringify({ v: value }), columnValue(value))).toBe(1);
          },
        ),
        { numRuns: 500 },
      ));
  });

  describe('given field names', () => {
    it('gives each field its own column, even when names differ only by case, and reads the field back', () =>
      fc.assert(
        fc.property(
          fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/),
          fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/),
          (a, b) => {
            expect(fieldOfColumn(columnName(a))).toBe(a);
            if (a !== b) expect(columnName(a).toLowerCase()).not.toBe(columnName(b).toLowerCase());
          },
        ),
      ));
  });

  describe('when collections are shared by connections and versions', () => {
    const dir = tempDir('rs-columns');
    afterAll(() => dir.remove());

    it('fills a column another connection added after this one prepared its writes', async () => {
      const path = dir.file('two.db');
      const [first, second] = [new SqliteReadStore(path), new SqliteReadStore(path)];
      await first.ensureCollection('tasks');
      await first.put('tasks', { id: 't-1', status: 'todo' });
      await second.ensureCollection('tasks', { indexes: [['status']] });
      await first.put('tasks', { id: 't-2', status: 'done' });
      expect((await second.find('tasks', { filter: { status: 'done' } })).items).toEqual([
        { id: 't-2', status: 'done' },
      ]);
      expect((await first.find('tasks', { sort: [{ field: 'status' }] })).items.map((doc) => doc.id)).toEqual([
        't-2',
        't-1',
      ]);
      await Promise.all([first.close(), second.close()]);
    });

    it('fills a new column with the numbers documents hold, integers beyond 2^53 included', async () => {
      const store = new SqliteReadStore(dir.file('later.db'));
      await store.ensureCollection('tasks');
      await store.put('tasks', { id: 't-1', size: -54502538460781610 });
      await store.put('tasks', { id: 't-2', size: 7 });
      await store.ensureCollection('tasks', { indexes: [['size']] });
      expect((await store.find('tasks', { filter: { size: -54502538460781610 } })).items).toEqual([
        { id: 't-1', size: -54502538460781610 },
      ]);
      expect(await store.count('tasks', { size: { lt: 0 } })).toBe(1);
      await store.close();
    });

    it('moves a collection indexed on json_extract expressions onto columns, keeping its documents', async () => {
      const path = dir.file('old.db');
      const old = new Database(path);
      old.exec(`
        CREATE TABLE rs__collections (name TEXT PRIMARY KEY NOT NULL, indexes TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE "rs_tasks" (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX "rs_ix_tasks_status_0001" ON "rs_tasks" (json_extract(doc, '$.status'), id);
        INSERT INTO rs__collections VALUES ('tasks', '[{"name":"rs_ix_tasks_status_0001","fields":["status"]}]');
        INSERT INTO "rs_tasks" VALUES ('t-1', '{"id":"t-1","status":"todo"}'), ('t-2', '{"id":"t-2","status":true}');
      `);
      old.close();
      const store = new SqliteReadStore(path);
      await store.ensureCollection('tasks', { indexes: [['status']] });
      expect((await store.find('tasks', { filter: { status: 'todo' } })).items).toEqual([
        { id: 't-1', status: 'todo' },
      ]);
      expect((await store.find('tasks', { filter: { status: true } })).items).toEqual([{ id: 't-2', status: true }]);
      expect(await store.listCollections()).toEqual([{ name: 'tasks', indexes: [['status']] }]);
      await store.close();
      const check = new Database(path, { readonly: true });
      expect(readColumnFields(check, '"rs_tasks"')).toEqual(['status']);
      const plan = check
        .prepare(`EXPLAIN QUERY PLAN SELECT id FROM "rs_tasks" WHERE "${columnName('status')}" = 'todo'`)
        .all();
      expect(JSON.stringify(plan)).toMatch(/USING (COVERING )?INDEX rs_ix_tasks_status_0001/);
      check.close();
    });
  });
});
