import { type Period, periodLabel, tryParsePeriod } from '@bixue/domain';
import type { TableData } from '../../components/table-data.ts';

type Lang = 'zh-CN' | 'en';
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period a unit owes, as short as the window allows: a month of the window's year is "9月" / "Sep". */
export function owedLabel(code: string, window: Period, lang: Lang): string {
  const p = tryParsePeriod(code);
  if (!p) return code;
  if (p.grain === 'month' && p.year === window.year) return lang === 'en' ? MONTHS_EN[p.index - 1]! : `${p.index}月`;
  return periodLabel(p, lang);
}

export interface UnitOwing {
  unit: string;
  name: string;
  missingPeriods: string[];
  missingMonths: string[];
}

/** "太和县 缺9月" / "Taihe: missing Sep": who is behind, and with what. */
export function owingLine(u: UnitOwing, name: string, window: Period, lang: Lang): string {
  const owed = u.missingPeriods.map((c) => owedLabel(c, window, lang)).join(lang === 'en' ? ', ' : '、');
  return lang === 'en' ? `${name}: missing ${owed}` : `${name} 缺${owed}`;
}

/**
 * 报送明细: one row per unit, one column per due month, ✓ where it reported something for that
 * month and 缺 where not — the grid behind the list, downloaded as Excel.
 */
export function completenessGrid(
  months: readonly string[],
  units: readonly UnitOwing[],
  nameOf: (u: UnitOwing) => string,
  window: Period,
  labels: { unit: string; done: string; owed: string },
  lang: Lang,
): TableData {
  return {
    columns: [
      { key: 'unit', label: labels.unit },
      ...months.map((m) => ({ key: m, label: owedLabel(m, window, lang) })),
    ],
    rows: units.map((u) => {
      const missing = new Set(u.missingMonths);
      return {
        unit: nameOf(u),
        ...Object.fromEntries(months.map((m) => [m, missing.has(m) ? labels.owed : labels.done])),
      };
    }),
  };
}
