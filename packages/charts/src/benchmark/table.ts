import type { Benchmark } from '@bixue/api';
import type { Indicator } from '@bixue/domain';
import { indicatorRef } from '../from-api.ts';
import { chartLabels, type Locale, rollupText } from '../labels.ts';
import type { TableData } from '../table.ts';

const WORDS = {
  'zh-CN': { ranked: '参与排名', p25: '同级 P25', p75: '同级 P75', bestUnit: '最佳单位', quartile: '四分位' },
  en: { ranked: 'Ranked units', p25: 'Peer P25', p75: 'Peer P75', bestUnit: 'Best unit', quartile: 'Quartile' },
};

/** One row per indicator: the unit's value and rank beside its peers' quartiles and best. */
export function benchmarkTable(
  b: Benchmark,
  unitName: string,
  catalog: ReadonlyMap<string, Indicator>,
  locale: Locale,
): TableData {
  const l = chartLabels(locale);
  const w = WORDS[locale];
  return {
    columns: [
      { key: 'indicator', label: l.indicator },
      { key: 'unit', label: l.measure },
      { key: 'value', label: unitName },
      { key: 'status', label: l.dataStatus },
      { key: 'rank', label: l.rank },
      { key: 'ranked', label: w.ranked },
      { key: 'p25', label: w.p25 },
      { key: 'median', label: l.median },
      { key: 'p75', label: w.p75 },
      { key: 'best', label: l.best },
      { key: 'bestUnit', label: w.bestUnit },
      { key: 'quartile', label: w.quartile },
    ],
    rows: b.lines
      .filter((x) => catalog.has(x.indicator))
      .map((x) => {
        const i = indicatorRef(catalog.get(x.indicator)!, locale);
        return {
          indicator: i.name,
          unit: i.unit,
          value: x.value,
          status: rollupText(locale, x.status, x.coverage),
          rank: x.rank,
          ranked: x.ranked,
          p25: x.peerP25,
          median: x.peerMedian,
          p75: x.peerP75,
          best: x.best?.value ?? null,
          bestUnit: x.best?.unit?.name ?? '',
          quartile: x.quartile,
        };
      }),
  };
}
