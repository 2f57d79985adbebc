import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './create-db.ts';
import { inReadSnapshot } from './read-snapshot.ts';
import { describeEachDb, TEST_PG_ADMIN_URL, testDbKinds } from './testing/index.ts';

/**
 * A read snapshot's BEGIN and COMMIT off the answer's path (snapshot-bounds.ts): the answer still
 * reads one snapshot, a failure still fails it, and the connection is lent again only outside it.
 */
const SNAPSHOT = { read_only: 'on', isolation: 'repeatable read' };
/** outside the snapshot: the server's defaults */
const OUTSIDE = { read_only: 'off', isolation: 'read committed' };
const inTransaction = sql<{ read_only: string; isolation: string }>`
  select current_setting('transaction_read_only') as read_only,
         current_setting('transaction_isolation') as isolation`;

for (const kind of testDbKinds()) {
  describe(`a read snapshot on one connection [${kind}]`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      // one connection: whoever comes next gets the very connection the snapshot used
      handle = await createDb(kind === 'postgres' ? { url: TEST_PG_ADMIN_URL, maxConnections: 1 } : {});
    });
    afterAll(() => handle.close());

    it('reads in the snapshot, and the next borrower of its connection is outside it', async () => {
      const inside = await inReadSnapshot(handle.db, async (trx) => (await inTransaction.execute(trx)).rows[0]!);
      // PGlite's transaction takes neither setting: it runs alone, one caller at a time (read-snapshot.ts)
      expect(inside).toEqual(kind === 'postgres' ? SNAPSHOT : OUTSIDE);
      expect((await inTransaction.execute(handle.db)).rows[0]).toEqual(OUTSIDE);
    });

    it('an answer that reads nothing still ends its snapshot before the connection is lent again', async () => {
      expect(await inReadSnapshot(handle.db, async () => 42)).toBe(42);
      expect((await inTransaction.execute(handle.db)).rows[0]).toEqual(OUTSIDE);
    });

    it('a failed statement fails the answer, even when the body went on, and the connection serves the next', async () => {
      await expect(
        inReadSnapshot(handle.db, async (trx) => {
          await expect(sql`select 1 / 0`.execute(trx)).rejects.toThrow(/division by zero/);
          return 'went on';
        }),
      ).rejects.toThrow();
      expect((await inTransaction.execute(handle.db)).rows[0]).toEqual(OUTSIDE);
    });
  });
}

describeEachDb('read snapshots beside writes', 'none', ({ db, kind }) => {
  beforeAll(async () => {
    await sql`create table counted (id int primary key)`.execute(db());
    await sql`create table once (id int, constraint once_unique unique (id) deferrable initially deferred)`.execute(
      db(),
    );
  });

  // PGlite has one session: a write waits for the snapshot to end
  it.runIf(kind === 'postgres')('sees one snapshot: a write committed between its statements is not seen', async () => {
    const counts = await inReadSnapshot(db(), async (trx) => {
      const count = async () =>
        (await sql<{ n: number }>`select count(*)::int as n from counted`.execute(trx)).rows[0]!.n;
      const before = await count();
      await sql`insert into counted values (1)`.execute(db());
      return [before, await count()];
    });
    expect(counts).toEqual([0, 0]);
    expect((await sql<{ n: number }>`select count(*)::int as n from counted`.execute(db())).rows[0]!.n).toBe(1);
  });

  it("a write transaction's COMMIT is still waited for: a deferred check failing there fails the write", async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await sql`insert into once values (1), (1)`.execute(trx);
        }),
    ).rejects.toThrow(/once_unique/);
    expect((await sql<{ n: number }>`select count(*)::int as n from once`.execute(db())).rows[0]!.n).toBe(0);
  });
});
