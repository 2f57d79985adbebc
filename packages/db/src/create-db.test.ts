import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, openSeededTestDb, TEST_AS_OF } from './testing/index.ts';
import { type DbHandle, SHORT_RUN_SHARED_BUFFERS } from './create-db.ts';
import { openSeededPglite } from './testing/seeded-db.ts';

/**
 * What an answer's snapshot (packages/api snapshotProcedure) stands on: PostgreSQL's isolation,
 * and on PGlite, one session, Kysely lending its connection to one caller at a time (a query or a
 * whole transaction; the PGlite adapter's supportsMultipleConnections is false).
 */
describeEachDb('a transaction and the queries beside it', 'none', (t) => {
  const count = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from side_by_side`.execute(t.db())).rows[0]!.n);

  beforeAll(async () => {
    await sql`create table side_by_side (id int primary key)`.execute(t.db());
  });

  it('never shows another caller the rows of a transaction still open, nor those it rolls back', async () => {
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const writer = t
      .db()
      .transaction()
      .execute(async (trx) => {
        await sql`insert into side_by_side values (1)`.execute(trx);
        opened();
        await finished;
        throw new Error('the import failed');
      });
    await isOpen;
    // started while the writer is open (PGlite: it waits for the writer to end)
    const beside = count();
    finish();
    await expect(writer).rejects.toThrow('the import failed');
    expect(await beside).toBe(0);
    expect(await count()).toBe(0);
  });

  it('runs transactions side by side without one committing or reading for the other', async () => {
    const add = (from: number) =>
      t
        .db()
        .transaction()
        .execute(async (trx) => {
          for (let i = from; i < from + 5; i++) {
            const before = await sql<{ n: number }>`select count(*)::int as n from side_by_side where id >= ${from}
              and id < ${from + 5}`.execute(trx);
            expect(before.rows[0]!.n).toBe(i - from);
            await sql`insert into side_by_side values (${i})`.execute(trx);
          }
        });
    await Promise.all([add(100), add(200), add(300), add(400)]);
    expect(await count()).toBe(20);
  });
});

it('starts PGlite with the shared_buffers asked for, keeping its own start parameters', async () => {
  const show = async (handle: DbHandle) => {
    const row = (
      await sql<{ b: string; p: string }>`select current_setting('shared_buffers') as b,
      current_setting('max_parallel_workers_per_gather') as p`.execute(handle.db)
    ).rows[0]!;
    await handle.close();
    return row;
  };
  // PGlite's defaults for a WASM build (no parallel workers) must survive the parameter added
  expect(await show(await openSeededTestDb('pglite', 'catalog'))).toEqual({ b: SHORT_RUN_SHARED_BUFFERS, p: '0' });
  expect(await show(await openSeededPglite('catalog', TEST_AS_OF, { sharedBuffers: undefined }))).toEqual({
    b: '128MB',
    p: '0',
  });
});
