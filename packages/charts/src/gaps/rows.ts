import type { AttainmentResult } from '@bixue/api';
import type { Indicator } from '@bixue/domain';
import { coverageOf, indicatorRef, type Lang, statusOf } from '../from-api.ts';
import { type GapRow, sortByUrgency } from './option.ts';

/**
 * 序时进度 rows from each indicator's attainment for the year, most urgent first; indicators
 * without a target (or with a value but no status) drop out.
 */
export function gapRows(
  results: readonly { indicator: string; a: AttainmentResult }[],
  catalog: ReadonlyMap<string, Indicator>,
  lang: Lang,
): GapRow[] {
  return sortByUrgency(
    results.flatMap(({ indicator, a }) => {
      const ind = catalog.get(indicator);
      const status = statusOf(a.rollup.status, a.status);
      if (!ind || a.target === null || a.proratedTarget === null || !status) return [];
      return [
        {
          indicator: indicatorRef(ind, lang),
          value: a.actual,
          status,
          coverage: coverageOf(a.rollup.status, a.rollup.coverage),
          proRated: a.proratedTarget,
          annual: a.target,
          needed: Math.max(0, a.proratedTarget - (a.actual ?? 0)),
          nextDue: a.nextDue,
          dueMonth: a.dueMonth,
          source: a.origin.source,
          sourceText: a.origin.sourceText,
        },
      ];
    }),
  );
}
