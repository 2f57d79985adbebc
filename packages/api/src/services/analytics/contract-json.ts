import type { AttainmentResult } from './attainment.ts';
import type { Ranking } from './ranking.ts';
import type { RollupValue } from '@bixue/domain';

/*
 * The JSON of contracts.md for `rollup`, `ranking` and `attainment`: the CLI's `--json` and the
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
