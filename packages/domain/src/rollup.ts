import { type Grain, grainMonths, makePeriod, type Period } from './periods.ts';
import type { Aggregation } from './catalog.ts';

/** What a roll-up of one unit × indicator × window found (domain.md §4). */
export const ROLLUP_STATUSES = ['value', 'partial', 'missing', 'undisclosed'] as const;
export type RollupStatus = (typeof ROLLUP_STATUSES)[number];

export interface Coverage {
  months: number;
  of: number;
}

export interface RollupValue {
  value: number | null;
  status: RollupStatus;
  coverage: Coverage;
}

/** Ranked, scored and compared: a value exists, complete or partial. */
export function hasValue(status: RollupStatus): boolean {
  return status === 'value' || status === 'partial';
}

const GRAINS_COARSE_FIRST: Grain[] = ['year', 'half', 'quarter', 'month'];

/**
 * Months (absolute) written as the fewest aligned periods: 2024-01…2024-06 → 2024H1,
 * 2024-07 and 2024-09 → 2024-07, 2024-09. Used to name what a unit has not reported.
 */
export function monthsAsPeriods(months: readonly number[]): Period[] {
  const set = new Set(months);
  const out: Period[] = [];
  const sorted = [...set].sort((a, b) => a - b);
  for (const m of sorted) {
    if (!set.has(m)) continue;
    for (const grain of GRAINS_COARSE_FIRST) {
      const size = grainMonths(grain);
      if (m % size !== 0) continue;
      let whole = true;
      for (let k = m; k < m + size; k++) if (!set.has(k)) whole = false;
      if (!whole) continue;
      const year = Math.floor(m / 12);
      out.push(makePeriod(grain, year, (m % 12) / size + 1));
      for (let k = m; k < m + size; k++) set.delete(k);
      break;
    }
  }
  return out;
}

/** A fact as the roll-up sees it: its months (absolute) and what it holds. */
export interface RollupFact {
  startMonth: number;
  endMonth: number;
  /** null when undisclosed */
  value: number | null;
  status: 'value' | 'undisclosed';
}

/**
 * The facts a window is rolled up from (domain.md §4): those inside the window that no other
 * fact inside it contains. Periods are aligned, so these are disjoint — a fact equal to the
 * window wins alone, otherwise each month is taken from the coarsest fact that holds it, and a
 * 上半年总结 beside its months is never counted twice.
 */
export function maximalFacts<F extends RollupFact>(
  facts: readonly F[],
  window: Pick<Period, 'startMonth' | 'endMonth'>,
): F[] {
  const inside = facts.filter((f) => f.startMonth >= window.startMonth && f.endMonth <= window.endMonth);
  return inside.filter(
    (f) =>
      !inside.some(
        (g) =>
          g !== f &&
          g.startMonth <= f.startMonth &&
          g.endMonth >= f.endMonth &&
          // of two facts of the same period (never stored twice) the first one counts
          (g.startMonth !== f.startMonth || g.endMonth !== f.endMonth || inside.indexOf(g) < inside.indexOf(f)),
      ),
  );
}

/**
 * One unit × indicator over a window, by the indicator's aggregation (domain.md §4): the value of
 * the maximal facts combined, partial with its coverage where they leave months uncovered, missing
 * when nothing was reported, undisclosed when a masked value decides it (for `last` the latest
 * fact, otherwise any). The reference the roll-up SQL (packages/db rollup-rule-sql.ts) is tested
 * against.
 */
export function rollUp(
  facts: readonly RollupFact[],
  window: Pick<Period, 'startMonth' | 'endMonth'>,
  aggregation: Aggregation,
): RollupValue {
  const span = window.endMonth - window.startMonth + 1;
  const used = maximalFacts(facts, window);
  const months = used.reduce((n, f) => n + f.endMonth - f.startMonth + 1, 0);
  const coverage = { months, of: span };
  if (used.length === 0) return { value: null, status: 'missing', coverage };
  const latest = used.reduce((a, b) => (b.endMonth > a.endMonth ? b : a));
  const masked =
    aggregation === 'last' ? latest.status === 'undisclosed' : used.some((f) => f.status === 'undisclosed');
  const values = used.flatMap((f) => (f.value === null ? [] : [f.value]));
  const value =
    aggregation === 'sum'
      ? values.reduce((s, v) => s + v, 0)
      : aggregation === 'max'
        ? Math.max(...values)
        : latest.value;
  if (masked) return { value: null, status: 'undisclosed', coverage };
  return { value, status: months < span ? 'partial' : 'value', coverage };
}
