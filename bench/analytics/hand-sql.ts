import type { Database } from '@bixue/db';
import type { Period } from '@bixue/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * The comparison: the same answers written by hand for this one question, the way one would
 * without an engine — maximal facts by NOT EXISTS or by a running maximum, the two derived
 * indicators spelled out, only the columns the view needs, the same year-range predicate on
 * the primary key. The runner times both and compares against the faster.
 */
/** How the maximal facts are found: a correlated NOT EXISTS, or a running maximum of end months. */
export type HandVariant = 'antijoin' | 'runningmax';
let variant: HandVariant = 'antijoin';
export function useHandVariant(v: HandVariant): void {
  variant = v;
}

function antijoin(
  units: readonly string[],
  codes: readonly string[],
  first: number,
  last: number,
): RawBuilder<unknown> {
  return sql`f as (
  select f.unit_code, f.indicator_code, w.i, f.value, f.status, f.start_month, f.end_month
  from facts f join w on f.start_month >= w.ws and f.end_month <= w.we
  where f.unit_code = any(${[...units]}::text[]) and f.indicator_code = any(${[...codes]}::text[])
    and f.period >= ${String(first)} and f.period < ${String(last + 1)}
    and not exists (
      select 1 from facts g
      where g.unit_code = f.unit_code and g.indicator_code = f.indicator_code
        and g.start_month >= w.ws and g.end_month <= w.we
        and g.start_month <= f.start_month and g.end_month >= f.end_month
        and g.end_month - g.start_month > f.end_month - f.start_month)
)`;
}

function runningMax(
  units: readonly string[],
  codes: readonly string[],
  first: number,
  last: number,
): RawBuilder<unknown> {
  return sql`f0 as (
  select f.unit_code, f.indicator_code, w.i, f.value, f.status, f.start_month, f.end_month,
    max(f.end_month) over (partition by f.unit_code, f.indicator_code, w.i order by f.start_month, f.end_month desc
                           rows between unbounded preceding and 1 preceding) as covered_to
  from facts f join w on f.start_month >= w.ws and f.end_month <= w.we
  where f.unit_code = any(${[...units]}::text[]) and f.indicator_code = any(${[...codes]}::text[])
    and f.period >= ${String(first)} and f.period < ${String(last + 1)}
),
f as (select * from f0 where covered_to is null or covered_to < end_month)`;
}

function rolledCtes(
  units: readonly string[],
  windows: readonly Period[],
  codes: readonly string[],
): RawBuilder<unknown> {
  const first = Math.min(...windows.map((w) => w.year));
  const last = Math.max(...windows.map((w) => w.year));
  return sql`
w as (select * from unnest(${windows.map((p) => p.startMonth)}::int[], ${windows.map((p) => p.endMonth)}::int[]) with ordinality as w(ws, we, i)),
${variant === 'antijoin' ? antijoin(units, codes, first, last) : runningMax(units, codes, first, last)},
a as (
  select f.unit_code, f.indicator_code, f.i,
    case i.aggregation when 'sum' then sum(f.value) when 'max' then max(f.value)
      else (array_agg(f.value order by f.end_month desc))[1] end as value,
    case i.aggregation when 'last' then (array_agg(f.status order by f.end_month desc))[1] = 'undisclosed'
      else bool_or(f.status = 'undisclosed') end as masked
  from f join indicators i on i.code = f.indicator_code
  group by f.unit_code, f.indicator_code, f.i, i.aggregation
),
v0 as (select unit_code, indicator_code, i, case when masked then null else value end as value from a),
d as (
  select unit_code, i,
    case when count(*) filter (where indicator_code in ('issues_found', 'issues_closed')) = 2
          and count(value) filter (where indicator_code in ('issues_found', 'issues_closed')) = 2
         then 100 * max(value) filter (where indicator_code = 'issues_closed')
              / nullif(max(value) filter (where indicator_code = 'issues_found'), 0) end as rate,
    case when count(value) filter (where indicator_code like 'awards\\_%') = 4
         then sum(value * case indicator_code when 'awards_national' then 10 when 'awards_provincial' then 5
                                              when 'awards_city' then 2 else 1 end) filter (where indicator_code like 'awards\\_%') end as award
  from v0 group by unit_code, i
),
v as (
  select unit_code, indicator_code, i, value from v0
  union all select unit_code, 'rectification_rate', i, rate from d
  union all select unit_code, 'award_score', i, award from d
)`;
}

export interface HandValue {
  unit_code: string;
  indicator_code: string;
  i: number;
  value: number | null;
}

/** One indicator (higher is better) over two windows: value and competition rank. */
export async function handRanking(
  db: Kysely<Database>,
  units: readonly string[],
  code: string,
  windows: readonly Period[],
) {
  const r = await sql<HandValue & { rank: number | null }>`
with ${rolledCtes(units, windows, [code])}
select unit_code, indicator_code, i::int as i, value,
  case when value is not null then (rank() over (partition by i, value is null order by value desc))::int end as rank
from v where indicator_code = ${code}`.execute(db);
  return r.rows;
}

/** Every indicator of a group in one window, with the resolved annual target. */
export async function handHeatmap(
  db: Kysely<Database>,
  units: readonly string[],
  codes: readonly string[],
  window: Period,
) {
  const r = await sql<HandValue & { target: number | null; per_capita: boolean | null }>`
with ${rolledCtes(units, [window], codes)},
t as (
  select distinct on (u.code, t.indicator_code) u.code as unit_code, t.indicator_code, t.value, t.per_capita
  from units u join targets t on t.province_code = u.province_code
    and (t.unit_code = u.code or (t.unit_code is null and t.level = u.level))
  where u.code = any(${[...units]}::text[]) and (t.year = ${window.year} or t.year is null)
  order by u.code, t.indicator_code, (t.unit_code is null), (t.year is null)
)
select v.unit_code, v.indicator_code, v.i::int as i, v.value, t.value as target, t.per_capita
from v left join t on t.unit_code = v.unit_code and t.indicator_code = v.indicator_code`.execute(db);
  return r.rows;
}

/** A unit's series of one indicator with the group's median and quartiles per window. */
export async function handTrend(
  db: Kysely<Database>,
  units: readonly string[],
  unit: string,
  code: string,
  windows: readonly Period[],
) {
  const r = await sql<{ i: number; own: number | null; median: number | null; p25: number | null; p75: number | null }>`
with ${rolledCtes(units, windows, [code])}
select i::int as i,
  max(value) filter (where unit_code = ${unit}) as own,
  percentile_cont(0.5) within group (order by value) filter (where value is not null) as median,
  percentile_cont(0.25) within group (order by value) filter (where value is not null) as p25,
  percentile_cont(0.75) within group (order by value) filter (where value is not null) as p75
from v where indicator_code = ${code} group by i order by i`.execute(db);
  return r.rows;
}

/** A unit against its group on every indicator: its value, median, quartiles, best. */
export async function handBenchmark(
  db: Kysely<Database>,
  units: readonly string[],
  unit: string,
  codes: readonly string[],
  window: Period,
) {
  const r = await sql<{
    indicator_code: string;
    own: number | null;
    median: number | null;
    p25: number | null;
    p75: number | null;
    best: number | null;
  }>`
with ${rolledCtes(units, [window], codes)}
select indicator_code,
  max(value) filter (where unit_code = ${unit}) as own,
  percentile_cont(0.5) within group (order by value) filter (where value is not null) as median,
  percentile_cont(0.25) within group (order by value) filter (where value is not null) as p25,
  percentile_cont(0.75) within group (order by value) filter (where value is not null) as p75,
  max(value) as best
from v group by indicator_code`.execute(db);
  return r.rows;
}
