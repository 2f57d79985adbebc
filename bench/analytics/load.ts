import { syncCatalog, migrateToLatest, rebuildRollups, type Database } from '@bixue/db';
import { type Kysely, sql } from 'kysely';

/** 30 provinces × (1 + 14 cities + 14 × 5 counties) = 2,550 units. */
export const PROVINCES = Array.from({ length: 30 }, (_, i) => String((11 + i) * 10000));
export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2024;

/**
 * A national-scale dataset in SQL (generate_series INSERT … SELECT, no rows through Node):
 * 2,550 units, the 30 catalog indicators (28 reported, 2 derived), 10 years of monthly
 * facts ≈ 8.5 million rows (the years are a parameter: 850 k facts a year), about 1 % of months left out and 0.3 % masked, so partial and
 * undisclosed values occur. Values are deterministic hashes.
 */
export async function loadNational(
  db: Kysely<Database>,
  log: (s: string) => void,
  years: { first: number; last: number } = { first: FIRST_YEAR, last: LAST_YEAR },
): Promise<{ units: number; facts: number }> {
  await migrateToLatest(db);
  await syncCatalog(db);
  await sql`
insert into units (code, name, short_name, level, parent_code, province_code, path, sort_order)
select p * 10000 || '', '省' || p || '气象局', '省' || p, 'province', null, p * 10000 || '', p * 10000 || '/', p * 10000
from generate_series(11, 40) p`.execute(db);
  await sql`
insert into units (code, name, short_name, level, parent_code, province_code, path, sort_order)
select p * 10000 + c * 100 || '', '市' || (p * 10000 + c * 100) || '气象局', '市' || (p * 10000 + c * 100), 'city',
       p * 10000 || '', p * 10000 || '', p * 10000 || '/' || (p * 10000 + c * 100) || '/', p * 10000 + c * 100
from generate_series(11, 40) p cross join generate_series(1, 14) c`.execute(db);
  await sql`
insert into units (code, name, short_name, level, parent_code, province_code, path, sort_order)
select p * 10000 + c * 100 + k || '', '县' || (p * 10000 + c * 100 + k) || '气象局', '县' || (p * 10000 + c * 100 + k), 'county',
       p * 10000 + c * 100 || '', p * 10000 || '', p * 10000 || '/' || (p * 10000 + c * 100) || '/' || (p * 10000 + c * 100 + k) || '/',
       p * 10000 + c * 100 + k
from generate_series(11, 40) p cross join generate_series(1, 14) c cross join generate_series(1, 5) k`.execute(db);
  for (const province of PROVINCES) {
    await sql`
insert into targets (indicator_code, province_code, level, unit_code, year, value, per_capita)
select t.code, ${province}, l.level, null, null, t.value, t.per_capita
from (values ('members_congress', 4, false), ('branch_committee', 12, false), ('party_lecture', 4, false),
             ('theme_party_day', 12, false), ('collective_study', 12, false), ('warning_education', 2, false),
             ('training_hours', 32, true), ('rectification_rate', 100, false), ('star_rating', 4, false)) t(code, value, per_capita)
cross join (values ('province'), ('city'), ('county')) l(level)`.execute(db);
  }
  await sql`drop index facts_indicator_window_idx`.execute(db);
  const t0 = Date.now();
  for (const [n, province] of PROVINCES.entries()) {
    await sql`
insert into facts (unit_code, indicator_code, period, grain, start_month, end_month, value, status, source)
select u.code, i.code,
  (m / 12) || '-' || lpad((m % 12 + 1)::text, 2, '0'), 'month', m, m,
  case when h % 300 = 7 then null
       when i.code = 'member_count' then 10 + abs(hashtext(u.code)) % 40
       when i.code = 'star_rating' then 1 + abs(hashtext(u.code || m / 12)) % 5
       -- closed follows found and never exceeds it
       when i.code = 'issues_closed' then greatest(0, abs(hashtext(u.code || 'issues_found' || m)) % 5 - (h % 2))
       when i.aggregation = 'last' then abs(hashtext(u.code || i.code)) % 40
       else abs(hashtext(u.code || i.code || m)) % 5 end,
  case when h % 300 = 7 then 'undisclosed' else 'value' end,
  'demo'
from units u
cross join indicators i
cross join generate_series(${years.first * 12}::int, ${years.last * 12 + 11}::int) m
cross join lateral (select abs(hashtext(u.code || i.code || m || 'h')) as h) hh
where u.province_code = ${province} and i.formula is null and h % 100 <> 3`.execute(db);
    log(`  facts of province ${n + 1}/${PROVINCES.length} loaded (${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  await sql`create index facts_indicator_window_idx on facts (indicator_code, start_month, end_month)`.execute(db);
  // the facts went in without writeFacts: their roll-ups in bulk, as after the demo load
  const t1 = Date.now();
  await rebuildRollups(db);
  log(`  roll-ups built (${Math.round((Date.now() - t1) / 1000)} s)`);
  // one nationwide custom group of every county, to rank at full scale as the operator (bench:analytics);
  // written in SQL since no admin may put another province's units in a group, and no province user
  // may rank it (403): it is not a call the HTTP server answers to anyone (see bench:load)
  await sql`
insert into peer_groups (province_code, name) values ('110000', '全国县局')`.execute(db);
  await sql`
insert into peer_group_members (group_id, unit_code)
select g.id, u.code from peer_groups g cross join units u where g.name = '全国县局' and u.level = 'county'`.execute(db);
  await sql`analyze`.execute(db);
  const counts = await sql<{ units: number; facts: number }>`
select (select count(*) from units)::int as units, (select count(*) from facts)::int as facts`.execute(db);
  return counts.rows[0]!;
}
