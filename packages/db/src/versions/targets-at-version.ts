import { type RawBuilder, sql } from 'kysely';
import type { AtVersion } from './facts-at-version.ts';

/**
 * The targets as they stood at a province's data version N, from target_audit rather than copies
 * (issue 18), with the columns of `targets` that analytics read: a scope no audit row after N
 * touched is as it is now; a scope touched after N takes the old row of its first change after
 * N — absent when that change inserted it. Other provinces' targets read as they are now.
 */
export function targetsAtVersion(at: AtVersion): RawBuilder<unknown> {
  const touchedAfter = sql`a.province_code = ${at.province} and a.data_version > ${at.version}`;
  return sql`(
    select t.province_code, t.indicator_code, t.level, t.unit_code, t.year, t.value, t.per_capita, t.phasing, t.due_month
    from targets t
    where not exists (select 1 from target_audit a
      where ${touchedAfter} and a.province_code = t.province_code and a.indicator_code = t.indicator_code
        and a.level is not distinct from t.level and a.unit_code is not distinct from t.unit_code
        and a.year is not distinct from t.year)
    union all
    select o.province_code, o.indicator_code, o.level, o.unit_code, o.year, o.old_value, o.old_per_capita,
      o.old_phasing, o.old_due_month
    from (
      select distinct on (a.indicator_code, a.level, a.unit_code, a.year) a.*
      from target_audit a
      where ${touchedAfter}
      order by a.indicator_code, a.level, a.unit_code, a.year, a.data_version, a.id
    ) o
    where o.old_value is not null)`;
}
