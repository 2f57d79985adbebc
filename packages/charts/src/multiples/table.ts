import { chartLabels, type Locale, rollupText } from '../labels.ts';
import type { TableData } from '../table.ts';
import type { MultipleTile } from './rows.ts';

const WORDS = { 'zh-CN': { p25: '同级 P25', p75: '同级 P75' }, en: { p25: 'Peer P25', p75: 'Peer P75' } };

/** Long form, one row per indicator × window: the trend table of every tile, numbers as numbers. */
export function multiplesTable(tiles: readonly MultipleTile[], unitName: string, locale: Locale): TableData {
  const l = chartLabels(locale);
  const w = WORDS[locale];
  return {
    columns: [
      { key: 'code', label: l.indicatorCode },
      { key: 'indicator', label: l.indicator },
      { key: 'measure', label: l.measure },
      { key: 'window', label: l.window },
      { key: 'value', label: unitName },
      { key: 'status', label: l.dataStatus },
      { key: 'median', label: l.median },
      { key: 'p25', label: w.p25 },
      { key: 'p75', label: w.p75 },
      { key: 'target', label: l.target },
      { key: 'yoy', label: l.yoy, format: 'change' },
      { key: 'pop', label: l.mom, format: 'change' },
    ],
    rows: tiles.flatMap((tile) =>
      tile.trend.points.map((p, i) => ({
        code: tile.indicator.code,
        indicator: tile.indicator.name,
        measure: tile.indicator.unit,
        window: tile.points[i]!.label,
        value: p.value,
        status: rollupText(locale, p.status, p.coverage),
        median: p.peerMedian,
        p25: p.peerP25,
        p75: p.peerP75,
        target: p.target,
        yoy: p.yoy,
        pop: p.pop,
      })),
    ),
  };
}
