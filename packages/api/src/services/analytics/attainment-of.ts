import type { MatrixRow } from '@bixue/db';
import {
  attainmentRatio,
  type Indicator,
  type Period,
  type Settings,
  type StatusColour,
  statusOf,
  windowTarget,
} from '@bixue/domain';

export interface Attainment {
  actual: number | null;
  target: number | null;
  proratedTarget: number | null;
  attainment: number | null;
  status: StatusColour;
}

/** Attainment of one matrix cell; `absolute` is the value before any per-member division. */
export function attainmentOf(
  r: MatrixRow,
  indicator: Indicator,
  window: Period,
  today: Date,
  thresholds: Settings['status_thresholds'],
  absolute: number | null = r.value,
): Attainment {
  const t =
    r.target_value === null
      ? null
      : windowTarget(
          {
            annual: r.target_value,
            perCapita: r.target_per_capita ?? false,
            memberCount: r.member_count,
            aggregation: indicator.aggregation,
            derived: indicator.formula !== null,
          },
          window,
          today,
        );
  const attainment = attainmentRatio(absolute, t?.proratedTarget ?? null, indicator.direction);
  return {
    actual: absolute,
    target: t?.target ?? null,
    proratedTarget: t?.proratedTarget ?? null,
    attainment,
    status: statusOf(r.status, attainment, t, thresholds),
  };
}
