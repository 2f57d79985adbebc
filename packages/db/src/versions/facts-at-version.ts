import { type RawBuilder, sql } from 'kysely';

/** Which province's facts to read as they stood at which of its data versions. */
export interface AtVersion {
  province: string;
  version: number;
}

/** A period code's first and last absolute month (year * 12 + month - 1), as facts store them. */
const startMonthSql = sql`(substr(o.period, 1, 4)::int * 12 + case
    when length(o.period) = 4 then 0
    when substr(o.period, 5, 1) = 'H' then (substr(o.period, 6, 1)::int - 1) * 6
    when substr(o.period, 5, 1) = 'Q' then (substr(o.period, 6, 1)::int - 1) * 3
    else substr(o.period, 6, 2)::int - 1 end)`;
const spanSql = sql`(case
    when length(o.period) = 4 then 11
    when substr(o.period, 5, 1) = 'H' then 5
    when substr(o.period, 5, 1) = 'Q' then 2
    else 0 end)`;

/**
 * The facts of a province as they stood at its data version N, from the audit log rather than
 * copies (domain.md §9): a fact no audit row after N touched is as it is now; a fact touched
 * after N takes the old value of the first audit row after N — absent when that row inserted it.
 * Every write goes through the write path, which audits the true old value under the version
 * it creates, so replaying the first change after N backwards gives exactly the state at N.
 *
 * The audit rows are matched to facts on (unit, indicator, period) — co-located under Citus, as
 * both are distributed by unit_code — and only the province's units are rewound: its versions
 * number its own writes only. Facts of other provinces read as they are now.
 */
export function factsAtVersion(at: AtVersion): RawBuilder<unknown> {
  const inProvince = sql`(select code from units where province_code = ${at.province})`;
  return sql`(
    select f.unit_code, f.indicator_code, f.period, f.start_month, f.end_month, f.value, f.status
    from facts f
    where not exists (select 1 from fact_audit a
      where a.unit_code = f.unit_code and a.indicator_code = f.indicator_code and a.period = f.period
        and a.data_version > ${at.version} and a.unit_code in ${inProvince})
    union all
    select o.unit_code, o.indicator_code, o.period, ${startMonthSql} as start_month,
      ${startMonthSql} + ${spanSql} as end_month, o.old_value as value, o.old_status as status
    from (
      select distinct on (a.unit_code, a.indicator_code, a.period)
        a.unit_code, a.indicator_code, a.period, a.old_value, a.old_status
      from fact_audit a
      where a.data_version > ${at.version} and a.unit_code in ${inProvince}
      order by a.unit_code, a.indicator_code, a.period, a.data_version, a.id
    ) o
    where o.old_status is not null)`;
}
