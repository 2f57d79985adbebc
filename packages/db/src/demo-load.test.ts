import { expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { describeEachDb, openSeededTestDb, SEEDED_DB_TIMEOUT, TEST_AS_OF, testDbKinds } from './testing/index.ts';
import { resetDatabase } from './reset.ts';
import type { Database } from './schema.ts';

async function fingerprint(db: Kysely<Database>) {
  const r = await sql<{ n: number; units: number; checksum: string }>`
    select (select count(*)::int from facts) as n,
           (select count(*)::int from units) as units,
           md5(string_agg(concat_ws('|', unit_code, indicator_code, period, coalesce(value::text, 'X'), status), ','
                          order by unit_code, indicator_code, period)) as checksum
    from facts`.execute(db);
  return r.rows[0]!;
}

describeEachDb('demo province', 'demo', ({ db, kind }) => {
  it(
    'loads the same facts every time and on every database kind (counts and checksum)',
    async () => {
      const first = await fingerprint(db());
      expect(first.units).toBe(108);
      expect(first.n).toBeGreaterThan(50_000);
      // the other kind's copy was loaded by another process, often on another day: the same facts
      for (const otherKind of testDbKinds().filter((k) => k !== kind)) {
        const other = await openSeededTestDb(otherKind, 'demo');
        try {
          expect(await fingerprint(other.db)).toEqual(first);
        } finally {
          await other.close();
        }
      }
      // and loaded again here, on the server (on PGlite the load takes minutes and proves no more)
      if (kind === 'postgres') {
        await resetDatabase(db(), { demo: true, asOf: TEST_AS_OF });
        expect(await fingerprint(db())).toEqual(first);
      }
    },
    SEEDED_DB_TIMEOUT,
  );

  it('reports at mixed grains with overlapping annual summaries, gaps and masked values', async () => {
    const grains = await db()
      .selectFrom('facts')
      .select(['grain', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('grain')
      .execute();
    expect(grains.map((g) => g.grain).sort()).toEqual(['half', 'month', 'quarter', 'year']);
    // a unit with both 2023H1 and 2023 for the same indicator: the annual summary overlaps the half
    const overlap = await sql<{ n: number }>`
      select count(*)::int as n from facts y join facts h
        on h.unit_code = y.unit_code and h.indicator_code = y.indicator_code
       and h.grain = 'half' and y.grain = 'year' and h.start_month >= y.start_month and h.end_month <= y.end_month`.execute(
      db(),
    );
    expect(overlap.rows[0]!.n).toBeGreaterThan(0);
    const masked = await db()
      .selectFrom('facts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'undisclosed')
      .executeTakeFirstOrThrow();
    expect(Number(masked.n)).toBeGreaterThan(0);
    // nothing after the month before asOf (2026-07-15 → data through 2026-06)
    const last = await db()
      .selectFrom('facts')
      .select((eb) => eb.fn.max('end_month').as('m'))
      .executeTakeFirstOrThrow();
    expect(last.m).toBe(2026 * 12 + 5);
  });

  it('creates one demo user per role with argon2 hashes', async () => {
    const users = await db()
      .selectFrom('users')
      .select(['username', 'role', 'scope_unit_code', 'password_hash'])
      .orderBy('id')
      .execute();
    expect(users.map((u) => [u.username, u.role, u.scope_unit_code])).toEqual([
      ['admin', 'admin', '990000'],
      ['leader', 'leader', '990000'],
      ['analyst', 'analyst', '990100'],
      ['reporter', 'reporter', '990101'],
    ]);
    expect(users.every((u) => u.password_hash.startsWith('$argon2id$'))).toBe(true);
  });
});
