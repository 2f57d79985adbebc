import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './create-db.ts';
import { prepared, PREPARED, preparedName } from './prepared-statements.ts';
import { TEST_PG_ADMIN_URL, testDbKinds } from './testing/index.ts';

/** Statements marked `prepared` are planned once per connection on PostgreSQL and answer as before. */
for (const kind of testDbKinds()) {
  describe(`statements kept prepared [${kind}]`, () => {
    let handle: DbHandle;
    const table = `prepared_probe_${process.pid}`;
    beforeAll(async () => {
      // one connection, so the statements prepared on it are the ones pg_prepared_statements lists
      handle = await createDb(kind === 'postgres' ? { url: TEST_PG_ADMIN_URL, maxConnections: 1 } : {});
      // a temporary table: the shared database `test` keeps nothing of it
      await sql`create temporary table ${sql.id(table)} (id int primary key, label text)`.execute(handle.db);
      await sql`insert into ${sql.id(table)} values (1, 'a'), (2, 'b'), (3, 'c')`.execute(handle.db);
    });
    afterAll(() => handle.close());

    const labels = (ids: number[]) =>
      sql<{ id: number; label: string }>`
        select id, label from ${sql.id(table)} where id = any(${ids}::int[]) order by id ${prepared}`.execute(
        handle.db,
      );

    it('answers as the same statement unmarked, with any values', async () => {
      expect((await labels([1, 3])).rows).toEqual([
        { id: 1, label: 'a' },
        { id: 3, label: 'c' },
      ]);
      expect((await labels([2])).rows).toEqual([{ id: 2, label: 'b' }]);
      expect((await labels([])).rows).toEqual([]);
    });

    it.runIf(kind === 'postgres')('is prepared once on the connection, under a name of its text', async () => {
      const kept = await sql<{ name: string; n: number }>`
        select name, count(*)::int as n from pg_prepared_statements
         where statement like ${`%${table}%`} group by name`.execute(handle.db);
      // asked three times above, parsed and planned on this connection once
      expect(kept.rows).toEqual([{ name: expect.stringMatching(/^bixue_[0-9a-f]{24}$/), n: 1 }]);
    });

    it('still answers after its table changed (a migration while the server runs)', async () => {
      await sql`alter table ${sql.id(table)} add column note text`.execute(handle.db);
      expect((await labels([1])).rows).toEqual([{ id: 1, label: 'a' }]);
    });

    it('names only marked statements, the same text always under the same name', () => {
      expect(preparedName('select 1')).toBeUndefined();
      const a = preparedName(`select 1 ${PREPARED}`);
      expect(a).toMatch(/^bixue_[0-9a-f]{24}$/);
      expect(preparedName(`select 1 ${PREPARED}`)).toBe(a);
      expect(preparedName(`select 2 ${PREPARED}`)).not.toBe(a);
    });
  });
}
