import { chartLabels, type Locale } from '../labels.ts';
import type { TableData } from '../table.ts';
import { trendPointColumns, trendPointRow } from '../trend/table.ts';
import type { MultipleTile } from './rows.ts';

/** Long form, one row per indicator × window: the trend table of every tile, numbers as numbers. */
export function multiplesTable(tiles: readonly MultipleTile[], unitName: string, locale: Locale): TableData {
  const l = chartLabels(locale);
  return {
    columns: [
      { key: 'code', label: l.indicatorCode },
      { key: 'indicator', label: l.indicator },
      { key: 'measure', label: l.measure },
      { key: 'window', label: l.window },
      { key: 'value', label: unitName },
      ...trendPointColumns(locale),
    ],
    rows: tiles.flatMap((tile) =>
      tile.trend.points.map((p, i) => ({
        code: tile.indicator.code,
        indicator: tile.indicator.name,
        measure: tile.indicator.unit,
        window: tile.points[i]!.label,
        ...trendPointRow(p, tile.indicator.unit, locale),
      })),
    ),
  };
}
