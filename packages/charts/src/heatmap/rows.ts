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
    .map((c): HeatmapCell => ({
      unit: c.unit,
      indicator: c.indicator,
      value: c.value,
      attainment: c.attainment,
      // a value without a target for this unit and window says so (无目标), never a grey blank
      status: statusOf(c.status, c.colour) ?? 'no_target',
      coverage: coverageOf(c.status, c.coverage),
      judgedOnCovered: c.judgedOnCovered,
      dueMonth: c.dueMonth,
      source: c.source,
      sourceText: c.sourceText,
    }));
}
