import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { ClientGoneError, whileWanted } from './cancel-on-abort.ts';
import { describeEachDb } from './testing/index.ts';

/** Work whose client went away stops (issue 12): what a read's AbortSignal does to its statements. */
describeEachDb('a read whose client went away', 'none', (t) => {
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from abandoned`.execute(t.db())).rows[0]!.n;

  beforeAll(async () => {
    await sql`create table abandoned (id int primary key)`.execute(t.db());
  });

  it('starts no further statement, and its open transaction is rolled back', async () => {
    const ac = new AbortController();
    const work = whileWanted(ac.signal, () =>
      t
        .db()
        .transaction()
        .execute(async (trx) => {
          await sql`insert into abandoned values (1)`.execute(trx);
          ac.abort();
          await sql`insert into abandoned values (2)`.execute(trx);
        }),
    );
    await expect(work).rejects.toBeInstanceOf(ClientGoneError);
    // the database serves everyone else as before, and nothing of the abandoned work stayed
    expect(await count()).toBe(0);
  });

  it('is refused before its first statement when the client left while it waited', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(whileWanted(ac.signal, () => sql`select 1`.execute(t.db()))).rejects.toBeInstanceOf(ClientGoneError);
    expect((await sql<{ one: number }>`select 1 as one`.execute(t.db())).rows).toEqual([{ one: 1 }]);
  });

  it('on PostgreSQL, the statement running is cancelled on the server', async () => {
    if (t.kind !== 'postgres') return;
    // a tag of this run's own: a run killed earlier may have left its sleep on the same server
    const tag = `abandoned-read-${process.pid}-${Date.now()}`;
    const running = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where query like ${`%${tag}%`} and query not like '%pg_stat_activity%' and state = 'active'`.execute(t.db())
      ).rows[0]!.n;
    const ac = new AbortController();
    const sleeping = whileWanted(ac.signal, () => sql`select pg_sleep(600) /* ${sql.raw(tag)} */`.execute(t.db()));
    // abort once the server runs it, as a hung-up request would
    while ((await running()) !== 1) await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    // 57014 query_canceled: stopped by the server, not left to sleep out its ten minutes
    await expect(sleeping).rejects.toMatchObject({ code: '57014' });
    // the server flushes the error before it marks the backend idle, so give that a moment
    await expect.poll(running, { timeout: 5000 }).toBe(0);
  });
});
