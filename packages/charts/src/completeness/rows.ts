import type { Completeness } from '@bixue/api';
import { type Period, periodLabel, tryParsePeriod } from '@bixue/domain';
import { axisNameIn, type Lang, unitNameIn } from '../from-api.ts';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period a unit owes, as short as the window allows: a month of the window's year is "9月" / "Sep". */
export function owedLabel(code: string, window: Pick<Period, 'year'>, lang: Lang): string {
  const p = tryParsePeriod(code);
  if (!p) return code;
  if (p.grain === 'month' && p.year === window.year) return lang === 'en' ? MONTHS_EN[p.index - 1]! : `${p.index}月`;
  return periodLabel(p, lang);
}

/** One unit's row of the 报送情况 grid. */
export interface CompletenessRow {
  code: string;
  name: string;
  /** on the grid's axis: the English short name */
  axisName: string;
  /** the due months it reported nothing for, 'YYYY-MM' */
  missingMonths: readonly string[];
  /** what it owes, in the fewest periods (2026H1, 2026-09) */
  missingPeriods: readonly string[];
}

/**
 * The units of the 报送情况 grid, the ones owing most months first (a meeting asks who is behind),
 * otherwise in the group's order.
 */
export function completenessRows(c: Pick<Completeness, 'units'>, lang: Lang): CompletenessRow[] {
  return c.units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => b.u.missingMonths.length - a.u.missingMonths.length || a.i - b.i)
    .map(({ u }) => ({
      code: u.unit,
      name: unitNameIn(u, lang),
      axisName: axisNameIn(u, lang),
      missingMonths: u.missingMonths,
      missingPeriods: u.missingPeriods,
    }));
}

/** The due months as the grid's columns: code and label (9月 / Sep). */
export function completenessMonths(c: Pick<Completeness, 'months' | 'window'>, lang: Lang) {
  const window = tryParsePeriod(c.window);
  return c.months.map((m) => ({ code: m, label: window ? owedLabel(m, window, lang) : m }));
}
