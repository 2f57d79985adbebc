import type { Trend } from '@bixue/api';
import { parsePeriod, periodLabel } from '@bixue/domain';
import { coverageOf, type Lang } from '../from-api.ts';
import type { TrendPoint } from './option.ts';

export function trendPoints(t: Trend, lang: Lang): TrendPoint[] {
  return t.points.map((p) => ({
    window: p.window,
    label: periodLabel(parsePeriod(p.window), lang),
    value: p.value,
    status: p.status === 'missing' || p.status === 'undisclosed' ? p.status : 'green',
    coverage: coverageOf(p.status, p.coverage),
    median: p.peerMedian,
    p25: p.peerP25,
    p75: p.peerP75,
    target: p.target,
    source: p.source,
    sourceText: p.sourceText,
  }));
}
