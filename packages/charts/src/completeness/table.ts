import { chartLabels, type Locale } from '../labels.ts';
import type { TableData } from '../table.ts';
import { type CompletenessRow, owedLabel } from './rows.ts';

/**
 * 报送明细: one row per unit (all of them, not a page), ✓ or 缺 per due month, how many months it
 * reported and what it owes in the fewest periods (缺报：9月、2026年第四季度).
 */
export function completenessTable(
  months: readonly { code: string; label: string }[],
  rows: readonly CompletenessRow[],
  window: { year: number },
  locale: Locale,
): TableData {
  const l = chartLabels(locale);
  return {
    columns: [
      { key: 'unit', label: l.unitCode },
      { key: 'name', label: l.unitName },
      ...months.map((m) => ({ key: m.code, label: m.label })),
      { key: 'reported', label: l.reportedMonths },
      { key: 'owed', label: l.owedPeriods },
    ],
    rows: rows.map((r) => {
      const missing = new Set(r.missingMonths);
      return {
        unit: r.code,
        name: r.name,
        ...Object.fromEntries(months.map((m) => [m.code, missing.has(m.code) ? l.monthOwed : l.monthReported])),
        reported: months.length - months.filter((m) => missing.has(m.code)).length,
        owed: r.missingPeriods.map((p) => owedLabel(p, window, locale)).join(locale === 'en' ? ', ' : '、'),
      };
    }),
  };
}
