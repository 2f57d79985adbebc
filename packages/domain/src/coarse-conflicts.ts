import type { Aggregation } from './catalog.ts';
import type { Period } from './periods.ts';

/** A fact as the roll-up sees it: its span and what it says. */
export interface SpanFact {
  period: Period;
  value: number | null;
  status: 'value' | 'undisclosed';
}

/** What the facts strictly inside a coarse period say, where it disagrees with the coarse fact. */
export interface FinerDisagreement {
  /** the finer facts combined by the indicator's aggregation (their sum for 次) */
  value: number;
  /** months the finer facts cover, of the coarse period's */
  months: number;
  of: number;
  /** the maximal finer facts, earliest first: 2022-01, 2022Q2 */
  periods: string[];
}

/** A coarse fact to be written over finer facts that say otherwise (domain.md §4). */
export interface CoarseConflict {
  unitCode: string;
  indicatorCode: string;
  period: string;
  value: number;
  finer: FinerDisagreement;
}

const EPSILON = 1e-9;

/**
 * Whether a coarse fact (2022H1 = 5) disagrees with the finer facts inside it (months summing to
 * 3). The roll-up of domain.md §4 takes the coarse fact for any window holding it, so writing it
 * changes what is shown though no stored row is "updated": the person must see that and choose.
 *
 * Finer facts are combined as the roll-up combines them (each month by the coarsest fact holding
 * it). Complete coverage disagrees on any difference; partial coverage only where no fact for the
 * rest could make them agree: a sum or a maximum already above the coarse value, or the last
 * month's value of a `last` indicator. Undisclosed values cannot be compared and never conflict.
 */
export function finerDisagreement(
  aggregation: Aggregation,
  coarse: SpanFact,
  finer: readonly SpanFact[],
): FinerDisagreement | null {
  if (coarse.status !== 'value' || coarse.value === null) return null;
  const inside = finer
    .filter(
      (f) =>
        f.period.startMonth >= coarse.period.startMonth &&
        f.period.endMonth <= coarse.period.endMonth &&
        f.period.code !== coarse.period.code,
    )
    .sort((a, b) => a.period.startMonth - b.period.startMonth || b.period.endMonth - a.period.endMonth);
  const maximal: SpanFact[] = [];
  let reached = -Infinity;
  for (const f of inside) {
    if (f.period.endMonth <= reached) continue;
    maximal.push(f);
    reached = f.period.endMonth;
  }
  if (!maximal.length || maximal.some((f) => f.status !== 'value' || f.value === null)) return null;
  const values = maximal.map((f) => f.value!);
  const months = maximal.reduce((n, f) => n + f.period.endMonth - f.period.startMonth + 1, 0);
  const of = coarse.period.endMonth - coarse.period.startMonth + 1;
  const last = maximal[maximal.length - 1]!;
  const value =
    aggregation === 'sum'
      ? values.reduce((a, b) => a + b, 0)
      : aggregation === 'max'
        ? Math.max(...values)
        : last.value!;
  const differs = Math.abs(value - coarse.value) > EPSILON;
  const complete = months === of;
  const disagrees =
    aggregation === 'last'
      ? differs && last.period.endMonth === coarse.period.endMonth
      : complete
        ? differs
        : value > coarse.value + EPSILON;
  return disagrees ? { value, months, of, periods: maximal.map((f) => f.period.code) } : null;
}
