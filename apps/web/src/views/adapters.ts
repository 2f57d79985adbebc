import type { FactSource, SourceMix } from '@bixue/charts';

/** API results → chart rows live in @bixue/charts, shared with the server's exports. */
export {
  benchmarkRows,
  compositeParts,
  coverageOf,
  heatmapCells,
  indicatorRef,
  indicatorsWithStatus,
  rankingRows,
  statusCounts,
  statusOf,
  trendPoints,
} from '@bixue/charts';

/** The middle of the scores that exist: the 综合得分中位数 KPI. */
export function median(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Adds up the sources of many numbers: what an aggregate (a KPI) stands on. */
export function addSources(parts: Iterable<SourceMix | FactSource | null | undefined>): SourceMix {
  const sum: SourceMix = {};
  for (const p of parts) {
    if (!p) continue;
    const mix: SourceMix = typeof p === 'string' ? { [p]: 1 } : p;
    for (const [k, n] of Object.entries(mix) as [FactSource, number][]) sum[k] = (sum[k] ?? 0) + n;
  }
  return sum;
}
