import type { AttainmentResult } from './attainment.ts';
import type { Ranking } from './ranking.ts';
import type { Trend } from './trend.ts';
import type { RollupValue } from '@bixue/domain';

/*
 * The JSON of contracts.md for `rollup`, `ranking`, `attainment` and `trend`: the CLI's `--json` and the
 * plain HTTP faces (`/api/…`) print exactly these, so both take them from here.
 */

export function rollupJson(r: RollupValue) {
  return { value: r.value, status: r.status, coverage: r.coverage };
}

export function rankingJson(r: Ranking) {
  return r.entries.map((e) => ({ unit: e.unit, value: e.value, rank: e.rank, change: e.change }));
}

export function attainmentJson(a: AttainmentResult) {
  return {
    actual: a.actual,
    target: a.target,
    proratedTarget: a.proratedTarget,
    attainment: a.attainment,
    status: a.status,
  };
}

/** The window's last point: its value, the same months a year earlier, and the as-of month when it clipped the window. */
export function trendJson(t: Trend) {
  const last = t.points[t.points.length - 1]!;
  return {
    value: last.value,
    status: last.status,
    previousYear: last.previousYear,
    yoy: last.yoy,
    asOf: t.clipped ? t.asOf : null,
  };
}
