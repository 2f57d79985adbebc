import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SEEDED_DB_TIMEOUT, TEST_AS_OF } from './index.ts';
import { openSeededPglite } from './seeded-db.ts';

describe('a seeded PGlite started from the preloaded image', () => {
  it(
    'holds the seed, and two databases from one image are apart: a write to one is not in the other',
    async () => {
      const [a, b] = [await openSeededPglite('catalog', TEST_AS_OF), await openSeededPglite('catalog', TEST_AS_OF)];
      try {
        const count = async (h: typeof a) =>
          Number((await sql<{ n: number }>`select count(*)::int as n from indicators`.execute(h.db)).rows[0]!.n);
        const before = await count(a);
        expect(before).toBeGreaterThan(10);
        expect(await count(b)).toBe(before);
        await sql`delete from targets`.execute(a.db);
        await sql`delete from indicators where not exists (select 1 from facts f where f.indicator_code = indicators.code) and code = (select min(code) from indicators)`.execute(
          a.db,
        );
        expect(await count(a)).toBe(before - 1);
        expect(await count(b)).toBe(before);
        // a third start from the same image still sees the seed as it was
        const c = await openSeededPglite('catalog', TEST_AS_OF);
        expect(await count(c)).toBe(before);
        await c.close();
      } finally {
        await a.close();
        await b.close();
      }
    },
    SEEDED_DB_TIMEOUT,
  );
});
