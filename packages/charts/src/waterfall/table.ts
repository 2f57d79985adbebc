import { chartLabels, type Locale } from '../labels.ts';
import type { TableData } from '../table.ts';
import { type CompositePart, waterfallSteps } from './option.ts';

/** The composite's parts in the waterfall's order: score, share of the weight, points added (they sum to the score). */
export function waterfallTable(parts: readonly CompositePart[], locale: Locale): TableData {
  const l = chartLabels(locale);
  return {
    columns: [
      { key: 'indicator', label: l.indicator },
      { key: 'score', label: l.score },
      { key: 'weight', label: l.weight, format: 'percent' },
      { key: 'contribution', label: l.contribution },
    ],
    rows: waterfallSteps(parts).map(({ part }) => ({
      indicator: part.name,
      score: part.score,
      weight: part.weight,
      contribution: part.contribution,
    })),
  };
}
