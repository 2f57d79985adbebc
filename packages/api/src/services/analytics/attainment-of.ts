import type { MatrixRow } from '@bixue/db';
import {
  attainmentRatio,
  type Indicator,
  type JudgedWindow,
  judgedOnCoveredMonths,
  notYetDueMonth,
  phasedTarget,
  type Settings,
  type StatusColour,
  statusOf,
} from '@bixue/domain';

export interface Attainment {
  actual: number | null;
  target: number | null;
  proratedTarget: number | null;
  attainment: number | null;
  status: StatusColour;
  /**
   * set when a partial value was judged on the months it covers (覆盖 5/9 月): proratedTarget is
   * what fell due within them
   */
  coveredMonths: { months: number; of: number } | null;
  /**
   * 未到期: the month (1–12) the target first falls due when nothing of it is due by the end of the
   * judged months yet some is later in the window (组织生活会 in August → 12); null otherwise
   */
  dueMonth: number | null;
}

/**
 * Attainment of one matrix cell against its target pro-rated by the target's phasing to the end
 * of the judged months; `absolute` is the value before any per-member division.
 */
export function attainmentOf(
  r: MatrixRow,
  indicator: Indicator,
  judged: JudgedWindow,
  thresholds: Settings['status_thresholds'],
  absolute: number | null = r.value,
): Attainment {
  const kind = { aggregation: indicator.aggregation, derived: indicator.formula !== null };
  const onCovered = judgedOnCoveredMonths(r.status, kind);
  const phasing = { kind: r.target_phasing!, dueMonth: r.target_due_month! };
  const t =
    r.target_value === null
      ? null
      : phasedTarget(
          {
            annual: r.target_value,
            perCapita: r.target_per_capita ?? false,
            memberCount: r.member_count,
            ...kind,
          },
          phasing,
          judged,
          onCovered ? r.month_mask : null,
        );
  const attainment = attainmentRatio(absolute, t?.proratedTarget ?? null, indicator.direction);
  return {
    actual: absolute,
    target: t?.target ?? null,
    proratedTarget: t?.proratedTarget ?? null,
    attainment,
    status: statusOf(r.status, attainment, t, thresholds),
    coveredMonths: onCovered ? { months: r.months, of: r.span } : null,
    // levels (stars, rates) are never pro-rated, so never not yet due
    dueMonth: t && t.target > 0 && kind.aggregation === 'sum' && !kind.derived ? notYetDueMonth(phasing, judged) : null,
  };
}
