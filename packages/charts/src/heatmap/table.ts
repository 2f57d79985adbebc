import type { Heatmap } from '@bixue/api';
import type { Indicator } from '@bixue/domain';
import { indicatorRef, statusOf, unitNameIn } from '../from-api.ts';
import { chartLabels, type Locale, rollupText, statusText } from '../labels.ts';
import type { TableData } from '../table.ts';

/** Long form, one row per unit × indicator: every number stays a number and pivots in Excel. */
export function heatmapTable(
  h: Heatmap,
  indicators: ReadonlySet<string>,
  catalog: ReadonlyMap<string, Indicator>,
  locale: Locale,
): TableData {
  const l = chartLabels(locale);
  const nameOf = new Map(h.units.map((u) => [u.code, unitNameIn(u, locale)]));
  return {
    columns: [
      { key: 'unit', label: l.unitCode },
      { key: 'name', label: l.unitName },
      { key: 'indicator', label: l.indicator },
      { key: 'measure', label: l.measure },
      { key: 'value', label: l.actual },
      { key: 'attainment', label: l.attainment, format: 'percent' },
      { key: 'status', label: l.statusCol },
      { key: 'data', label: l.dataStatus },
    ],
    rows: h.cells
      .filter((c) => indicators.has(c.indicator))
      .map((c) => {
        const i = indicatorRef(catalog.get(c.indicator)!, locale);
        const s = statusOf(c.status, c.colour);
        return {
          unit: c.unit,
          name: nameOf.get(c.unit) ?? c.unit,
          indicator: i.name,
          measure: i.unit,
          value: c.value,
          attainment: c.attainment,
          // a value without a target for this unit and window says so
          status: s ? statusText(locale, s, c.dueMonth) : l.noTarget,
          // a blank cell says why: 未报送：该单位本期没有报送此项
          data:
            c.status === 'missing' || c.status === 'undisclosed'
              ? l.blankWhy[c.status]
              : rollupText(locale, c.status, c.coverage),
        };
      }),
  };
}
