import type { Benchmark } from '@bixue/api';
import type { Indicator } from '@bixue/domain';
import { coverageOf, indicatorRef, type Lang, unitNameIn } from '../from-api.ts';
import type { BenchmarkRow } from './option.ts';

export function benchmarkRows(b: Benchmark, catalog: ReadonlyMap<string, Indicator>, lang: Lang): BenchmarkRow[] {
  return b.lines.flatMap((l) => {
    const ind = catalog.get(l.indicator);
    if (!ind) return [];
    return [
      {
        indicator: indicatorRef(ind, lang),
        value: l.value,
        status: l.status === 'missing' || l.status === 'undisclosed' ? l.status : 'green',
        coverage: coverageOf(l.status, l.coverage),
        median: l.peerMedian,
        p25: l.peerP25,
        p75: l.peerP75,
        best: l.best
          ? {
              value: l.best.value,
              unit: { code: l.best.unit?.unit ?? '', name: l.best.unit ? unitNameIn(l.best.unit, lang) : '—' },
            }
          : null,
        quartile: l.quartile,
        source: l.source,
        sourceText: l.sourceText,
      },
    ];
  });
}
