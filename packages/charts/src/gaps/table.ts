import { shownTarget } from '../format.ts';
import { chartLabels, type Locale, statusText } from '../labels.ts';
import type { TableData } from '../table.ts';
import type { GapRow } from './option.ts';

const COVERAGE = { 'zh-CN': '覆盖月份', en: 'Months covered' };

/** The 序时进度 table: actual, pro-rated and annual target, what is still needed, the status. */
export function gapsTable(rows: readonly GapRow[], locale: Locale): TableData {
  const l = chartLabels(locale);
  return {
    columns: [
      { key: 'indicator', label: l.indicator },
      { key: 'unit', label: l.measure },
      { key: 'actual', label: l.actual },
      { key: 'coverage', label: COVERAGE[locale] },
      { key: 'proRated', label: l.proRatedTarget },
      { key: 'annual', label: l.annualTarget },
      { key: 'needed', label: l.needed },
      { key: 'status', label: l.statusCol },
    ],
    rows: rows.map((r) => ({
      indicator: r.indicator.name,
      unit: r.indicator.unit,
      actual: r.value ?? l.status[r.status],
      coverage: r.coverage ? l.partial(r.coverage.covered, r.coverage.total) : '',
      proRated: shownTarget(r.proRated, r.indicator),
      annual: shownTarget(r.annual, r.indicator),
      needed: shownTarget(r.needed, r.indicator),
      status: statusText(locale, r.status, r.dueMonth),
    })),
  };
}
