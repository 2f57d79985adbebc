import { type RawBuilder, sql } from 'kysely';

/**
 * The roll-up rule of domain.md §4 as SQL pieces, shared by the computation from facts
 * (analyticsMatrix on a non-standard window) and the refresh of the rollups table, so the two
 * cannot drift apart.
 *
 * Facts inside a window are used when no other fact inside the window contains them. Periods
 * are aligned (year ⊃ half ⊃ quarter ⊃ month) and never cross a year, so the facts that can
 * contain a fact are its own quarter, half and year: one bit each per unit × indicator × year
 * tells which of them are stored, and a fact is contained in a window when one of its stored
 * ancestors lies inside it. That is a window function per unit × indicator × year over the facts
 * (partitions by unit, so under Citus it runs on the shards), not one per window over every
 * fact × window row: the sort of those rows was most of a bulk import's roll-up refresh.
 */

/**
 * Over facts `f`: which aligned periods of f's unit × indicator × year hold a fact, as bits
 * 0–3 (quarters), 4–5 (halves) and 6 (the year).
 */
export const heldPeriodsSql = sql`bit_or(case f.end_month - f.start_month
      when 2 then 1 << (f.start_month % 12 / 3) when 5 then 16 << (f.start_month % 12 / 6) when 11 then 64 else 0 end)
    over (partition by f.unit_code, f.indicator_code, f.start_month / 12)`;

/**
 * Over a fact `f` carrying `held` (heldPeriodsSql) and a window `win` (ws, we): whether a stored
 * quarter, half or year holding f, other than f, lies inside the window. Months are absolute
 * (year × 12 + month), so a quarter starts at a multiple of 3 and a half at a multiple of 6.
 */
export const containedSql = sql`(
      (f.end_month = f.start_month and f.held & (1 << (f.start_month % 12 / 3)) <> 0
        and f.start_month / 3 * 3 >= win.ws and f.start_month / 3 * 3 + 2 <= win.we)
      or (f.end_month - f.start_month < 5 and f.held & (16 << (f.start_month % 12 / 6)) <> 0
        and f.start_month / 6 * 6 >= win.ws and f.start_month / 6 * 6 + 5 <= win.we)
      or (f.end_month - f.start_month < 11 and f.held & 64 <> 0
        and f.start_month / 12 * 12 >= win.ws and f.start_month / 12 * 12 + 11 <= win.we))`;

/** Whether an `inside` row is a maximal fact of its window. */
const MAXIMAL = sql`(not contained)`;

/**
 * Aggregate columns over rows of a CTE `inside` (unit_code, indicator_code, w, start_month,
 * end_month, value, status, contained) grouped by unit × indicator × window: the maximal facts'
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
