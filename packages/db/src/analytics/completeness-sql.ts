import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

export interface CoveredMonths {
  unit_code: string;
  /** absolute months of [from, to] for which the unit reported any indicator */
  months: number[];
}

/**
 * Per unit, the months of [from, to] some fact of any indicator covers. A fact that
 * straddles the window (an annual report, asked about a half) covers its overlap.
 */
export async function coveredMonths(
  db: Kysely<Database>,
  units: readonly string[],
  from: number,
  to: number,
): Promise<CoveredMonths[]> {
  const r = await sql<CoveredMonths>`
with spans as (
  select distinct unit_code, greatest(start_month, ${from}::int) as s, least(end_month, ${to}::int) as e
  from facts
  where unit_code = any(${[...units]}::text[]) and start_month <= ${to}::int and end_month >= ${from}::int
),
months as (
  select distinct unit_code, m
  from spans cross join lateral generate_series(s, e) as g(m)
)
select u.code as unit_code, coalesce(array_agg(m.m order by m.m) filter (where m.m is not null), '{}')::int[] as months
from units u
left join months m on m.unit_code = u.code
where u.code = any(${[...units]}::text[])
group by u.code
order by u.code`.execute(db);
  return r.rows;
}
