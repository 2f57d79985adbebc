import type { Aggregation, Direction } from './catalog.ts';
import type { JudgedWindow } from './as-of.ts';
import { type Period, periodStartDate } from './periods.ts';
import { dueShare, dueShareOfMonths, type Phasing } from './phasing.ts';
import type { Settings } from './settings.ts';
import { hasValue, type RollupStatus } from './rollup.ts';

export const STATUS_COLOURS = ['green', 'yellow', 'red', 'grey'] as const;
export type StatusColour = (typeof STATUS_COLOURS)[number];

function utcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** True when the window has not begun by `today`. */
export function windowInFuture(window: Period, today: Date): boolean {
  return periodStartDate(window).getTime() > utcDay(today);
}

export interface TargetInput {
  /** the annual target row's value */
  annual: number;
  perCapita: boolean;
  /** member_count rolled up (last) over the window; needed by per-capita targets */
  memberCount: number | null;
  aggregation: Aggregation;
  /** derived indicators (%, 分) have level targets like `last` ones */
  derived: boolean;
}

export interface WindowTarget {
  /** the target falling due within the whole window */
  target: number;
  /**
   * the part of it due by the end of the months the window is judged on (序时进度); for a partial
   * value, the part due within the months it covers
   */
  proratedTarget: number;
}

/**
 * Target for a window judged on its months up to the as-of month. `sum` indicators accumulate, so their annual target falls due by its
 * phasing: the window's target is what falls due within its months, the pro-rated target what
 * falls due by the end of the judged months (the window clipped to the data as-of month, not
 * today). Levels (`last`, `max`, derived rates and stars) are not pro-rated. Per-capita targets
 * scale by the members. Null when a per-capita target meets an unknown member count.
 */
export function phasedTarget(
  t: TargetInput,
  phasing: Phasing,
  judged: JudgedWindow,
  covered: number | null = null,
): WindowTarget | null {
  const annual = perCapitaAnnual(t);
  if (annual === null) return null;
  if (t.aggregation !== 'sum' || t.derived) return { target: annual, proratedTarget: annual };
  const due = covered === null ? dueShare(phasing, judged) : dueShareOfMonths(phasing, judged, covered);
  return { target: annual * dueShare(phasing, judged.window), proratedTarget: annual * due };
}

/**
 * Whether a value is judged on the months it covers (domain.md §4–5): a partial sum — a unit that
 * reported some months of the window — answers for what fell due in those months, not for months
 * nobody reported (missing is never zero), and says so (覆盖 5/9 月). Levels and rates are not.
 */
export function judgedOnCoveredMonths(status: RollupStatus, t: Pick<TargetInput, 'aggregation' | 'derived'>): boolean {
  return status === 'partial' && t.aggregation === 'sum' && !t.derived;
}

function perCapitaAnnual(t: TargetInput): number | null {
  return t.perCapita ? (t.memberCount === null ? null : t.annual * t.memberCount) : t.annual;
}

/** actual ÷ target, inverted for lower_better; null where it cannot be said. */
export function attainmentRatio(actual: number | null, target: number | null, direction: Direction): number | null {
  if (actual === null || target === null) return null;
  if (direction === 'lower_better') return actual === 0 ? null : target / actual;
  return target === 0 ? null : actual / target;
}

/**
 * Status colour. Grey: no value or no target. A target of zero due so far (组织生活会 before its
 * due month, 党员大会 before the first quarter's end) is met by anything, so green: doing it early
 * is green and not yet doing it is not red.
 */
export function statusOf(
  status: RollupStatus,
  attainment: number | null,
  target: WindowTarget | null,
  thresholds: Settings['status_thresholds'],
): StatusColour {
  if (!hasValue(status) || target === null) return 'grey';
  if (attainment === null) return 'green';
  if (attainment >= thresholds.green) return 'green';
  if (attainment >= thresholds.yellow) return 'yellow';
  return 'red';
}
