import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { type AtVersion, factsAtVersion } from '../versions/facts-at-version.ts';

export interface CoveredMonths {
  unit_code: string;
  /** absolute months of [from, to] for which the unit reported any indicator */
  months: number[];
}

/**
 * Per unit, the months of [from, to] some fact of any indicator covers. A fact that
 * straddles the window (an annual report, asked about a half) covers its overlap. Every fact
 * lies inside its year, so the month masks of the roll-ups' year rows say it without facts.
 */
export async function coveredMonths(
  db: Kysely<Database>,
  units: readonly string[],
  from: number,
  to: number,
  at: AtVersion | null = null,
): Promise<CoveredMonths[]> {
  if (at) return coveredMonthsAt(db, units, from, to, at);
  const yearStarts: number[] = [];
  for (let y = Math.floor(from / 12); y <= Math.floor(to / 12); y++) yearStarts.push(y * 12);
  const r = await sql<CoveredMonths>`
with years as (
  -- every column of the primary key bound, so an index scan reads only the year rows
  select unit_code, start_month, month_mask
  from rollups
  where unit_code = any(${[...units]}::text[]) and indicator_code = any(array(select code from indicators))
    and start_month = any(${yearStarts}::int[]) and end_month = start_month + 11
),
months as (
  select distinct y.unit_code, y.start_month + b as m
  from years y cross join generate_series(0, 11) as g(b)
  where (y.month_mask >> b) & 1 = 1 and y.start_month + b between ${from}::int and ${to}::int
)
${monthsPerUnit(units)}`.execute(db);
  return r.rows;
}

/**
 * coveredMonths as the facts stood at a data version (domain.md §9): the roll-ups' masks are
 * current, so the months are read from the facts rewound through the audit log.
 */
async function coveredMonthsAt(
  db: Kysely<Database>,
  units: readonly string[],
  from: number,
  to: number,
  at: AtVersion,
): Promise<CoveredMonths[]> {
  const r = await sql<CoveredMonths>`
with months as (
  select distinct f.unit_code, g.m
  from ${factsAtVersion(at)} f
  cross join generate_series(greatest(f.start_month, ${from}::int), least(f.end_month, ${to}::int)) as g(m)
  where f.unit_code = any(${[...units]}::text[]) and f.start_month <= ${to}::int and f.end_month >= ${from}::int
)
${monthsPerUnit(units)}`.execute(db);
  return r.rows;
}

/** The `months` (unit_code, m) of the query before it gathered per unit: every unit asked for, one with none with '{}'. */
function monthsPerUnit(units: readonly string[]) {
  return sql`
select u.code as unit_code, coalesce(array_agg(m.m order by m.m) filter (where m.m is not null), '{}')::int[] as months
from units u
left join months m on m.unit_code = u.code
where u.code = any(${[...units]}::text[])
group by u.code
order by u.code`;
}
