import type { Aggregation } from './catalog.ts';
import type { Period } from './periods.ts';
import { maximalFacts, rollUp } from './rollup.ts';

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
 * Finer facts are combined by the roll-up's own reference (rollUp: each month by the coarsest fact
 * holding it). Complete coverage disagrees on any difference; partial coverage only where no fact for the
 * rest could make them agree: a sum or a maximum already above the coarse value, or the last
 * month's value of a `last` indicator. Undisclosed values cannot be compared and never conflict.
 */
export function finerDisagreement(
  aggregation: Aggregation,
  coarse: SpanFact,
  finer: readonly SpanFact[],
): FinerDisagreement | null {
  if (coarse.status !== 'value' || coarse.value === null) return null;
  const window = coarse.period;
  const inside = finer
    .filter((f) => f.period.code !== window.code)
    .map((f) => ({
      startMonth: f.period.startMonth,
      endMonth: f.period.endMonth,
      value: f.value,
      status: f.status,
      code: f.period.code,
    }))
    .sort((a, b) => a.startMonth - b.startMonth);
  const used = maximalFacts(inside, window);
  const rolled = rollUp(inside, window, aggregation);
  if (!used.length || rolled.status === 'undisclosed' || rolled.value === null) return null;
  const { months, of } = rolled.coverage;
  const differs = Math.abs(rolled.value - coarse.value) > EPSILON;
  const disagrees =
    aggregation === 'last'
      ? differs && Math.max(...used.map((f) => f.endMonth)) === window.endMonth
      : months === of
        ? differs
        : rolled.value > coarse.value + EPSILON;
  return disagrees ? { value: rolled.value, months, of, periods: used.map((f) => f.code) } : null;
}

/**
 * The reverse case: finer facts written under a coarse fact that stays (2022H1 = 5 is stored, a
 * month is written and the months now sum to 3). The roll-up keeps taking the coarse fact for any
 * window holding it, so the written figures do not count there: the person sees what counts and
 * chooses to keep the coarse fact or replace it by the finer ones (removing it).
 */
export interface FinerUnderCoarse {
  unitCode: string;
  indicatorCode: string;
  /** the stored coarse fact the roll-up keeps taking */
  period: string;
  value: number;
  /** the finer facts inside it once written: what would count in its place */
  finer: FinerDisagreement;
  /** the written facts it hides, earliest first */
  written: string[];
}

/** What the person chose for finer facts under a coarse one: keep the coarse fact, or remove it so the finer ones count. */
export type UnderCoarseChoice = 'keep_coarse' | 'replace_coarse';

/**
 * Whether writing `planned` (facts strictly inside `coarse`) leaves the stored coarse fact over
 * finer facts that disagree, with a written change among the finer facts the roll-up would
 * combine in its place. A planned fact equal to what is stored changes nothing and never asks
 * (re-importing a file is a no-op); a written fact itself hidden by a finer one (a month under a
 * quarter under the half) is judged against that one, not here.
 */
export function finerUnderCoarse(
  aggregation: Aggregation,
  coarse: SpanFact,
  stored: readonly SpanFact[],
  planned: readonly SpanFact[],
): (FinerDisagreement & { written: string[] }) | null {
  const inside = (f: SpanFact) =>
    f.period.code !== coarse.period.code &&
    f.period.startMonth >= coarse.period.startMonth &&
    f.period.endMonth <= coarse.period.endMonth;
  const before = new Map(stored.filter(inside).map((f) => [f.period.code, f]));
  const changed = planned.filter((p) => {
    if (!inside(p)) return false;
    const old = before.get(p.period.code);
    return !old || old.status !== p.status || old.value !== p.value;
  });
  if (!changed.length) return null;
  const after = new Map(before);
  for (const p of planned.filter(inside)) after.set(p.period.code, p);
  const d = finerDisagreement(aggregation, coarse, [...after.values()]);
  if (!d) return null;
  const written = changed.map((p) => p.period.code).filter((code) => d.periods.includes(code));
  return written.length ? { ...d, written: d.periods.filter((code) => written.includes(code)) } : null;
}
