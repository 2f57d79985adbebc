import { type RawBuilder, sql } from 'kysely';

/**
 * The facts a view reads when the province counts unapproved data (`count_unapproved`): each
 * unit's draft in place of the approved fact with the same key, the other facts as they are; a
 * pending removal (a draft with status 'missing') hides the approved fact and shows nothing.
 * Filters on the outer query reach into both branches, so only the rows asked for are read.
 */
export function factsWithDrafts(): RawBuilder<unknown> {
  return sql`(
    select f0.unit_code, f0.indicator_code, f0.period, f0.start_month, f0.end_month, f0.value, f0.status
    from facts f0
    where not exists (select 1 from fact_drafts d
      where d.unit_code = f0.unit_code and d.indicator_code = f0.indicator_code and d.period = f0.period)
    union all
    select unit_code, indicator_code, period, start_month, end_month, value, status from fact_drafts
    where status <> 'missing')`;
}
