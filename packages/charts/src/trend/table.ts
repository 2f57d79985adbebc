import type { Trend } from '@bixue/api';
import { shownTarget } from '../format.ts';
import { chartLabels, type Locale, measured, rollupText } from '../labels.ts';
import type { TableColumn, TableData } from '../table.ts';
import type { TrendPoint } from './option.ts';

const WORDS = { 'zh-CN': { p25: '同级 P25', p75: '同级 P75' }, en: { p25: 'Peer P25', p75: 'Peer P75' } };

/**
 * The columns every trend table has after the unit's value (status, the peers' median and band,
 * the target, 同比 and 环比), with each point's row: one trend here, every indicator's in the
 * small multiples' long table.
 */
export function trendPointColumns(locale: Locale): TableColumn[] {
  const l = chartLabels(locale);
  const w = WORDS[locale];
  return [
    { key: 'status', label: l.dataStatus },
    { key: 'median', label: l.median },
    { key: 'p25', label: w.p25 },
    { key: 'p75', label: w.p75 },
    { key: 'target', label: l.target },
    { key: 'yoy', label: l.yoy, format: 'change' },
    { key: 'pop', label: l.mom, format: 'change' },
  ];
}

/** `measure` is the series' measure (次, 次/人, %): a count's target shows rounded up. */
export function trendPointRow(p: Trend['points'][number], measure: string, locale: Locale) {
  return {
    value: p.value,
    status: rollupText(locale, p.status, p.coverage),
    median: p.peerMedian,
    p25: p.peerP25,
    p75: p.peerP75,
    target: p.target === null ? null : shownTarget(p.target, { unit: measure }),
    yoy: p.yoy,
    pop: p.pop,
  };
}

/** One row per window: the unit's value beside the peers' median and band, the target, 同比 and 环比. */
export function trendTable(
  t: Trend,
  points: readonly TrendPoint[],
  unitName: string,
  measure: string,
  locale: Locale,
): TableData {
  const l = chartLabels(locale);
  return {
    columns: [
      { key: 'window', label: l.window },
      { key: 'value', label: measured(locale, unitName, measure) },
      ...trendPointColumns(locale),
    ],
    rows: t.points.map((p, i) => ({ window: points[i]!.label, ...trendPointRow(p, measure, locale) })),
  };
}
