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
  await insertRollups(
    trx,
    sql`select distinct yr from keys`,
    sql`from keys k
  join facts f on f.unit_code = k.unit_code and f.indicator_code = k.indicator_code
    -- the periods of year Y sort in ['Y', 'Y+1'): a range on the primary key
    and f.period >= k.yr::text and f.period < (k.yr + 1)::text`,
    keys,
  );
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
    const facts = sql`from facts f join units u on u.code = f.unit_code and u.province_code = ${p}`;
    await insertRollups(db, sql`select distinct start_month / 12 as yr ${facts}`, facts);
  }
}

/** The source counts of these unit × years (unit_code, yr), counted again from their facts. */
async function refreshSourceCounts(db: Executor, unitYears: RawBuilder<unknown>): Promise<void> {
  await sql`delete from fact_source_counts c using (${unitYears}) k
    where c.unit_code = k.unit_code and c.start_month between k.yr * 12 and k.yr * 12 + 11`.execute(db);
  await sql`insert into fact_source_counts (unit_code, start_month, end_month, source, n)
    select f.unit_code, f.start_month, f.end_month, f.source, count(*)::int
      from (${unitYears}) k
      join facts f on f.unit_code = k.unit_code and f.start_month between k.yr * 12 and k.yr * 12 + 11
     group by f.unit_code, f.start_month, f.end_month, f.source`.execute(db);
}

async function deleteRollups(db: Executor, keys: RawBuilder<unknown>): Promise<void> {
  // a range on the primary key's start_month per key: the year's 27 rows
  await sql`delete from rollups r using (${keys}) k
    where r.unit_code = k.unit_code and r.indicator_code = k.indicator_code
      and r.start_month between k.yr * 12 and k.yr * 12 + 11`.execute(db);
}

/**
 * Inserts the roll-ups of the facts `factsFrom` names (a from clause with alias f) in the years
 * `years` selects (column yr); `keys` (unit_code, indicator_code, yr) is there for both to use.
 */
async function insertRollups(
  db: Executor,
  years: RawBuilder<unknown>,
  factsFrom: RawBuilder<unknown>,
  keys: RawBuilder<unknown> = sql`select null::text as unit_code, null::text as indicator_code, null::int as yr`,
): Promise<void> {
  await sql`
with keys as (${keys}),
win as (
  select (row_number() over ())::int as w, y.yr, y.yr * 12 + o.s as ws, y.yr * 12 + o.e as we
  from (${years}) y
  cross join unnest(${STANDARD_WINDOW_OFFSETS.map((o) => o[0])}::int[], ${STANDARD_WINDOW_OFFSETS.map((o) => o[1])}::int[]) as o(s, e)
),
-- the codes in the C collation: the aggregate below sorts its rows by them, and the database's
-- collation (C.UTF-8 on Debian) compares by strcoll, without abbreviated keys. Each fact's
-- provenance is prefixed with its fixed-width latest key here, once, not once per window.
scoped as (
  select f.unit_code collate "C" as unit_code, f.indicator_code collate "C" as indicator_code,
    f.start_month, f.end_month, f.value, f.status, ${heldPeriodsSql} as held,
    ${latestKey} || f.source collate "C" as latest_source,
    ${latestKey} || f.source_text collate "C" as latest_text,
    ${latestKey} || f.document_id::text collate "C" as latest_document
  ${factsFrom}
),
inside as (
  select f.*, win.w, ${containedSql} as contained
  from scoped f
  join win on win.yr = f.start_month / 12 and f.start_month >= win.ws and f.end_month <= win.we
),
-- the rule's aggregates, and the provenance over every fact inside the window, latest (by end
-- month, update time, then the coarser) first as factProvenance reads it: max over the prefixed
-- values (null without a sentence or document), not an ordered aggregate (one sort per group)
agg as (
  select unit_code, indicator_code, w, ${maximalAggColumnsSql},
    count(*)::int as facts,
    bit_or(((1 << (end_month - start_month + 1)) - 1) << (start_month % 12)) as month_mask,
    substr(max(latest_source), ${KEY_WIDTH + 1}) as source,
    substr(max(latest_text), ${KEY_WIDTH + 1}) as source_text,
    substr(max(latest_document), ${KEY_WIDTH + 1})::bigint as document_id
  from inside
  group by unit_code, indicator_code, w
)
insert into rollups (unit_code, indicator_code, start_month, end_month, value, status, months, month_mask, facts,
  source, source_text, document_id)
select a.unit_code, a.indicator_code, win.ws, win.we, ${rolledValueSql}, ${rolledStatusSql(sql`win.we - win.ws + 1`)},
  a.months, a.month_mask, a.facts, a.source, a.source_text, a.document_id
from agg a
join win on win.w = a.w
join indicators i on i.code = a.indicator_code
-- stored as reads take them (rollups_unit_window_idx): a unit's indicators of one window side by
-- side on a page, not wherever the aggregate's hash table left them
order by a.unit_code, win.ws, win.we, a.indicator_code`.execute(db);
}
