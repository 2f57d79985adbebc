/** API results → chart rows live in @bixue/charts, shared with the server's exports. */
export {
  axisNameIn,
  benchmarkRows,
  compositeParts,
  coverageOf,
  heatmapCells,
  indicatorRef,
  indicatorsWithStatus,
  rankingRows,
  statusCounts,
  statusOf,
  tooFewPeersNames,
  trendPoints,
} from '@bixue/charts';

/** The 综合得分中位数 KPI: the median rule the SQL's peer statistics are tested against. */
export { median } from '@bixue/domain';
