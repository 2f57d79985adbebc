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

/** Whether an `inside` row is a maximal fact of its window. */
const MAXIMAL = sql`(covered_to is null or covered_to < end_month)`;

/**
 * Aggregate columns over rows of a CTE `inside` (unit_code, indicator_code, w, start_month,
 * end_month, value, status, covered_to) grouped by unit × indicator × window: the maximal facts'
 * months, masked flag, sum, max and latest. Maximal facts are disjoint, so their end months are
 * distinct and "latest" is a plain max over (end month, value): no ordered aggregate, whose
 * per-group sort made a bulk build of a province's roll-ups take a minute.
 */
export const maximalAggColumnsSql = sql`sum(end_month - start_month + 1) filter (where ${MAXIMAL})::int as months,
    bool_or(status = 'undisclosed') filter (where ${MAXIMAL}) as any_masked,
    sum(value) filter (where ${MAXIMAL}) as total,
    max(value) filter (where ${MAXIMAL}) as top,
    (max(array[end_month::float8, value]) filter (where ${MAXIMAL}))[2] as latest,
    case when max(end_month * 2 + (status = 'undisclosed')::int) filter (where ${MAXIMAL}) % 2 = 1
      then 'undisclosed' else 'value' end as latest_status`;

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
