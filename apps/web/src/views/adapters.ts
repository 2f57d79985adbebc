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
