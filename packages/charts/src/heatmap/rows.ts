import type { Heatmap } from '@bixue/api';
import { coverageOf, statusOf } from '../from-api.ts';
import type { HeatmapCell } from './option.ts';

/** Indicators that have a target for some unit of the heatmap (a status colour other than grey). */
export function indicatorsWithStatus(h: Heatmap): string[] {
  const withColour = new Set(h.cells.filter((c) => c.colour !== 'grey').map((c) => c.indicator));
  return h.indicators.filter((c) => withColour.has(c));
}

export function heatmapCells(h: Heatmap, codes: ReadonlySet<string>): HeatmapCell[] {
  return h.cells
    .filter((c) => codes.has(c.indicator))
    .flatMap((c) => {
      const status = statusOf(c.status, c.colour);
      return status
        ? [
            {
              unit: c.unit,
              indicator: c.indicator,
              value: c.value,
              attainment: c.attainment,
              status,
              coverage: coverageOf(c.status, c.coverage),
              judgedOnCovered: c.judgedOnCovered,
              source: c.source,
              sourceText: c.sourceText,
            },
          ]
        : [];
    });
}
