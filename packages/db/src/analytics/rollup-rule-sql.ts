import { type RawBuilder, sql } from 'kysely';

/**
 * The roll-up rule of domain.md §4 as SQL pieces, shared by the computation from facts
 * (analyticsMatrix on a non-standard window) and the refresh of the rollups table, so the two
 * cannot drift apart.
 *
 * Facts inside a window are used when no other fact inside the window contains them. Periods
 * are aligned (year ⊃ half ⊃ quarter ⊃ month), so these maximal facts are disjoint: a fact equal
 * to the window wins alone, otherwise each month is covered by the coarsest fact inside the
 * window that holds it. With rows ordered by start and, within a start, longest first, a fact is
 * contained in an earlier row exactly when the running maximum of earlier end months reaches
 * its own end. Partitions are by unit, so under Citus the window functions run on the shards.
 */

/** Over facts `f` joined to windows `win` (column w): the end month the earlier facts reach. */
export const coveredToSql = sql`max(f.end_month) over (
      partition by f.unit_code, f.indicator_code, win.w
      order by f.start_month, f.end_month desc
      rows between unbounded preceding and 1 preceding)`;

/**
 * From a CTE `inside` (unit_code, indicator_code, w, start_month, end_month, value, status,
 * covered_to): per unit × indicator × window, the aggregates of the maximal facts.
 */
export const maximalAggSql = sql`select unit_code, indicator_code, w,
    sum(end_month - start_month + 1)::int as months,
    bool_or(status = 'undisclosed') as any_masked,
    sum(value) as total,
    max(value) as top,
    (array_agg(value order by end_month desc))[1] as latest,
    (array_agg(status order by end_month desc))[1] as latest_status
  from inside
  where covered_to is null or covered_to < end_month
  group by unit_code, indicator_code, w`;

/** Status of an aggregate row `a` of an indicator `i` over a window of `span` months (never 'missing'). */
export function rolledStatusSql(span: RawBuilder<unknown>) {
  return sql`case
      when case when i.aggregation = 'last' then a.latest_status = 'undisclosed' else a.any_masked end then 'undisclosed'
      when a.months < ${span} then 'partial'
      else 'value'
    end`;
}

/** The value of an aggregate row `a` by the aggregation of its indicator `i`. */
export const rolledValueSql = sql`case i.aggregation when 'sum' then a.total when 'max' then a.top else a.latest end`;
