import { chartLabels, type Locale } from '../labels.ts';
import { STATUSES } from '../palette.ts';
import type { TableData } from '../table.ts';
import { sortByRed, type StatusCountRow } from './option.ts';

/** Per indicator the number of units in each status, the most 未达标 first as in the chart. */
export function statusCountsTable(rows: readonly StatusCountRow[], locale: Locale): TableData {
  const l = chartLabels(locale);
  return {
    columns: [{ key: 'indicator', label: l.indicator }, ...STATUSES.map((s) => ({ key: s, label: l.status[s] }))],
    rows: sortByRed(rows).map((r) => ({ indicator: r.indicator.name, ...r.counts })),
  };
}
