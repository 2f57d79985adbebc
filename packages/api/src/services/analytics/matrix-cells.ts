import type { MatrixIndicator, MatrixRow } from '@bixue/db';
import { type Indicator, type RollupValue, type Settings, shownDecimals } from '@bixue/domain';

/** How the services ask `analyticsMatrix` for an indicator and read its cells back. */
export function asMatrixIndicator(i: Indicator, perMember: boolean): MatrixIndicator {
  return {
    code: i.code,
    formula: i.formula,
    direction: i.direction,
    perMember,
    decimals: shownDecimals(i.unit, perMember),
  };
}

/** award_weights replace the formula's default weights of the award score. */
export function termWeights(settings: Settings): Record<string, Record<string, number>> {
  return { award_score: settings.award_weights };
}

export function rollupOf(r: MatrixRow): RollupValue {
  return { value: r.value, status: r.status, coverage: { months: r.months, of: r.span } };
}
