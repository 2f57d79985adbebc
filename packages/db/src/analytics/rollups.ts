import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';
import {
  containedSql,
  heldPeriodsSql,
  maximalAggColumnsSql,
  rolledStatusSql,
  rolledValueSql,
} from './rollup-rule-sql.ts';

/**
 * Orders the facts of a window as factProvenance does (end month, update time, descending; the
 * coarser first) in fixed-width text: 6 digits of end month, 20 of microseconds since 1970, 6 of
 * (999999 − start month).
 */
const KEY_WIDTH = 32;
const latestKey = sql`lpad(f.end_month::text, 6, '0') || lpad((extract(epoch from f.updated_at) * 1000000)::bigint::text, 20, '0')
    || lpad((999999 - f.start_month)::text, 6, '0')`;

/**
 * The standard windows of a year as month offsets [first, last] (0 = January): the year-to-date
 * windows Jan–m (which include January, Q1, H1 and the year), the other months, quarters and H2.
 * 27 windows; these are the windows screens ask for, and what a clipped live year becomes.
 */
export const STANDARD_WINDOW_OFFSETS: readonly (readonly [number, number])[] = [
  ...Array.from({ length: 12 }, (_, m) => [0, m] as const),
  ...Array.from({ length: 11 }, (_, m) => [m + 1, m + 1] as const),
  [3, 5],
  [6, 8],
  [9, 11],
  [6, 11],
];

/** Whether the rollups table holds [startMonth, endMonth] (absolute months). */
export function isStandardWindow(startMonth: number, endMonth: number): boolean {
  if (Math.floor(startMonth / 12) !== Math.floor(endMonth / 12) || endMonth < startMonth) return false;
  const s = startMonth % 12;
  const e = endMonth % 12;
  return s === 0 || s === e || (s % 3 === 0 && e === s + 2) || (s === 6 && e === 11);
}

/** What a fact change makes stale: the roll-ups of its unit × indicator × year. */
export interface RollupKey {
  unitCode: string;
  indicatorCode: string;
  year: number;
}

type Executor = Kysely<Database>;

/**
 * Recomputes the roll-ups of exactly these unit × indicator × years from their facts. Called by
 * writeFacts inside the write's transaction, so a reader never sees facts and roll-ups disagree.
 */
export async function refreshRollups(trx: Executor, affected: readonly RollupKey[]): Promise<void> {
  if (!affected.length) return;
  // a chunk's facts × windows are sorted and hashed in memory (the 4 MB default spilled to disk)
  await sql`set local work_mem = '256MB'`.execute(trx);
  const keys = sql`select distinct unit_code, indicator_code, yr
    from unnest(${affected.map((k) => k.unitCode)}::text[], ${affected.map((k) => k.indicatorCode)}::text[],
                ${affected.map((k) => k.year)}::int[]) as k(unit_code, indicator_code, yr)`;
  await deleteRollups(trx, keys);
  await refreshSourceCounts(trx, sql`select distinct unit_code, yr from (${keys}) k`);
  await insertRollups(trx, keys);
}

/**
 * Builds every roll-up of a province (all provinces without one) from its facts: after the demo
 * load and any bulk path that writes facts without writeFacts (COPY, generated data).
 */
export async function rebuildRollups(db: Executor, provinceCode?: string): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => rebuildRollups(trx, provinceCode));
  // a province's facts × windows are sorted and hashed in one go: in memory, not in temp files
  // (PGlite's 4 MB default made the demo's build spill and take twice as long)
  await sql`set local work_mem = '256MB'`.execute(db);
  const units = provinceCode
    ? sql`select code from units where province_code = ${provinceCode}`
    : sql`select code from units`;
  await sql`delete from rollups where unit_code in (${units})`.execute(db);
  await sql`delete from fact_source_counts where unit_code in (${units})`.execute(db);
  await sql`insert into fact_source_counts (unit_code, start_month, end_month, source, n)
    select unit_code, start_month, end_month, source, count(*)::int from facts where unit_code in (${units})
    group by unit_code, start_month, end_month, source`.execute(db);
  // one province at a time: the statement sorts every fact × window of its scope
  const provinces = provinceCode
    ? [provinceCode]
    : (await sql<{ code: string }>`select code from units where level = 'province' order by code`.execute(db)).rows.map(
        (r) => r.code,
      );
  for (const p of provinces) {
    await insertRollups(
      db,
      sql`select distinct f.unit_code, f.indicator_code, f.start_month / 12 as yr
        from facts f join units u on u.code = f.unit_code and u.province_code = ${p}`,
    );
  }
}

/**
 * Builds every roll-up of these indicators again from their facts: after a release changed how they
 * roll up (syncCatalog). The caller holds every province's write lock.
 */
export async function rebuildIndicatorRollups(trx: Executor, indicatorCodes: readonly string[]): Promise<void> {
  if (!indicatorCodes.length) return;
  await sql`set local work_mem = '256MB'`.execute(trx);
  await sql`delete from rollups where indicator_code = any(${indicatorCodes}::text[])`.execute(trx);
  await insertRollups(
    trx,
    sql`select distinct unit_code, indicator_code, start_month / 12 as yr from facts
      where indicator_code = any(${indicatorCodes}::text[])`,
  );
}

/** The source counts of these unit × years (unit_code, yr), counted again from their facts. */
async function refreshSourceCounts(db: Executor, unitYears: RawBuilder<unknown>): Promise<void> {
  await sql`delete from fact_source_counts c using (${unitYears}) k
    where c.unit_code = k.unit_code and c.start_month between k.yr * 12 and k.yr * 12 + 11`.execute(db);
  // a unit's year read as a range of the primary key per indicator (the periods of year Y sort in
  // ['Y', 'Y+1')), not as every fact of the unit filtered by month: those are all its years
  await sql`insert into fact_source_counts (unit_code, start_month, end_month, source, n)
    select k.unit_code, f.start_month, f.end_month, f.source, count(*)::int
      from (${unitYears}) k
      cross join indicators i
      -- offset 0: probed per unit-year and indicator, not joined by hashing the whole table
      cross join lateral (select f.start_month, f.end_month, f.source from facts f
        where f.unit_code = k.unit_code and f.indicator_code = i.code
          and f.period >= k.yr::text and f.period < (k.yr + 1)::text offset 0) f
     group by k.unit_code, f.start_month, f.end_month, f.source`.execute(db);
}

async function deleteRollups(db: Executor, keys: RawBuilder<unknown>): Promise<void> {
  // per unit-year, a range of the primary key (unit, window, indicator): the year's windows of
  // the unit, its indicators among them picked by the array; per key, each key would read every
  // indicator's rows of that unit-year again
  await sql`delete from rollups r
    using (select unit_code, yr, array_agg(indicator_code) as indicators from (${keys}) k group by unit_code, yr) k
    where r.unit_code = k.unit_code and r.start_month between k.yr * 12 and k.yr * 12 + 11
      and r.indicator_code = any(k.indicators)`.execute(db);
}

/**
 * The aligned periods of a year as month offsets [first, last]: its 12 months, 4 quarters, 2
 * halves and the year itself. Facts are never stored at any other span.
 */
const ALIGNED_SPANS: readonly (readonly [number, number])[] = [
  ...Array.from({ length: 12 }, (_, m) => [m, m] as const),
  ...Array.from({ length: 4 }, (_, q) => [q * 3, q * 3 + 2] as const),
  [0, 5],
  [6, 11],
  [0, 11],
];

/** The standard windows ordered by their months, as rows are stored: [first, last] offsets, 1-based in SQL. */
const WINDOWS_BY_MONTHS = [...STANDARD_WINDOW_OFFSETS].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

/**
 * Inserts the roll-ups of the unit × indicator × years `keys` selects (unit_code, indicator_code,
 * yr; distinct) from their facts.
 *
 * Each fact is joined to the standard windows it lies in through a fixed table of span → windows
 * (19 spans × at most 27 windows), which also tells, per span and window, which of the fact's
 * stored ancestors (heldPeriodsSql's bits) lie inside the window: containedSql evaluated once per
 * span, window and bit, not once per fact × window. Facts × windows are grouped on one integer
 * (unit-year, window, indicator: the order rows are stored in), not on the text codes, and the
 * groups carry what the row needs, so nothing is joined or sorted again after the aggregate: the
 * sorts of those rows on text, and of the result, were most of a bulk import's roll-up refresh.
 */
async function insertRollups(db: Executor, keys: RawBuilder<unknown>): Promise<void> {
  // the facts' rows are estimated at a few hundred (an unnest of keys, then an index probe per
  // key), and the planner merge-joins them to the 141-row span table: sorting them on span first
  // and the fact × window rows again for the aggregate. A hash join of the span table keeps them
  // in the facts' order: 0.5 s less of a 100,000-row import's 3.2 s refresh (bench:import).
  await sql`set local enable_mergejoin = off`.execute(db);
  await sql`
with keys as (${keys}),
numbered as (
  select (dense_rank() over (order by unit_code, yr))::bigint as uy, (dense_rank() over (order by indicator_code))::int as ind,
    unit_code, indicator_code, yr
  from keys
),
win as (
  select (o.w)::int as w, o.s as ws, o.e as we
  from unnest(${WINDOWS_BY_MONTHS.map((o) => o[0])}::int[], ${WINDOWS_BY_MONTHS.map((o) => o[1])}::int[])
    with ordinality as o(s, e, w)
),
-- per aligned span (offsets in year 0) and standard window holding it: the held bits whose
-- ancestor lies inside the window, by the shared rule (a fact with one bit held at a time)
span_win as (
  select f.start_month as s, f.end_month as e, win.w,
    coalesce(bit_or(f.held) filter (where ${containedSql}), 0) as mask
  from (
    select sp.s as start_month, sp.e as end_month, 1 << b as held
    from unnest(${ALIGNED_SPANS.map((o) => o[0])}::int[], ${ALIGNED_SPANS.map((o) => o[1])}::int[]) as sp(s, e)
    cross join generate_series(0, 6) as b
  ) f
  join win on f.start_month >= win.ws and f.end_month <= win.we
  group by f.start_month, f.end_month, win.w
),
-- each fact's provenance is prefixed with its fixed-width latest key (computed once) in the C
-- collation (the database's C.UTF-8 compares by strcoll)
scoped as (
  select f.*, lk || f.source collate "C" as latest_source, lk || f.source_text collate "C" as latest_text,
    lk || f.document_id::text collate "C" as latest_document
  from (
    select k.uy, k.ind, k.yr, k.unit_code collate "C" as unit_code, k.indicator_code collate "C" as indicator_code,
      i.aggregation, f.start_month, f.end_month, f.start_month - k.yr * 12 as s, f.end_month - k.yr * 12 as e,
      f.value, f.status, f.source, f.source_text, f.document_id, ${heldPeriodsSql} as held, ${latestKey} as lk
    from numbered k
    join indicators i on i.code = k.indicator_code
    join facts f on f.unit_code = k.unit_code and f.indicator_code = k.indicator_code
      -- the periods of year Y sort in ['Y', 'Y+1'): a range on the primary key
      and f.period >= k.yr::text and f.period < (k.yr + 1)::text
  ) f
),
inside as (
  select f.*, sw.w, (f.uy * 32 + sw.w) * 4096 + f.ind as g, f.held & sw.mask <> 0 as contained
  from scoped f
  join span_win sw on sw.s = f.s and sw.e = f.e
),
-- the rule's aggregates, and the provenance over every fact inside the window, latest (by end
-- month, update time, then the coarser) first as factProvenance reads it: max over the prefixed
-- values (null without a sentence or document), not an ordered aggregate (one sort per group)
agg as (
  select g, unit_code, indicator_code, yr, w, aggregation, ${maximalAggColumnsSql},
    count(*)::int as facts,
    bit_or(((1 << (end_month - start_month + 1)) - 1) << (start_month % 12)) as month_mask,
    substr(max(latest_source), ${KEY_WIDTH + 1}) as source,
    substr(max(latest_text), ${KEY_WIDTH + 1}) as source_text,
    substr(max(latest_document), ${KEY_WIDTH + 1})::bigint as document_id
  from inside
  -- one group per g; the rest is g's unit, indicator, year and window, carried along
  group by g, unit_code, indicator_code, yr, w, aggregation
)
insert into rollups (unit_code, indicator_code, start_month, end_month, value, status, months, month_mask, facts,
  source, source_text, document_id)
select a.unit_code, a.indicator_code, a.yr * 12 + win.ws, a.yr * 12 + win.we, ${rolledValueSql},
  ${rolledStatusSql(sql`win.we - win.ws + 1`)}, a.months, a.month_mask, a.facts, a.source, a.source_text, a.document_id
from agg a
cross join lateral (select a.aggregation) as i(aggregation)
cross join lateral (
  select (${WINDOWS_BY_MONTHS.map((o) => o[0])}::int[])[a.w] as ws, (${WINDOWS_BY_MONTHS.map((o) => o[1])}::int[])[a.w] as we
) as win
-- stored as reads take them (the primary key): a unit's indicators of one window side by side on
-- a page, not wherever the aggregate's hash table left them
order by a.g`.execute(db);
  await sql`set local enable_mergejoin = on`.execute(db);
}
