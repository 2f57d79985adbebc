import { attainment, attainmentInput } from '../services/analytics/attainment.ts';
import { benchmark, benchmarkInput } from '../services/analytics/benchmark.ts';
import { compositeExplain, compositeInput } from '../services/analytics/composite.ts';
import { completeness, completenessInput } from '../services/analytics/completeness.ts';
import { heatmap, heatmapInput } from '../services/analytics/heatmap.ts';
import { packHeatmap } from '../services/analytics/heatmap-packed.ts';
import { ranking, rankingInput } from '../services/analytics/ranking.ts';
import { rollup, rollupInput } from '../services/analytics/rollup.ts';
import { trend, trendInput, trends, trendsInput } from '../services/analytics/trend.ts';
import { dataAsOf, dataAsOfInput } from '../services/analytics/judged-window.ts';
import { snapshotProcedure, router } from '../trpc.ts';

export const analyticsRouter = router({
  asOf: snapshotProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: {} })
    .input(dataAsOfInput)
    .query(({ ctx, input }) => dataAsOf(ctx, input)),
  rollup: snapshotProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: { indicator: 'party_lecture', window: '2025' } })
    .input(rollupInput)
    .query(({ ctx, input }) => rollup(ctx, input)),
  attainment: snapshotProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: { indicator: 'party_lecture', window: '2025' } })
    .input(attainmentInput)
    .query(({ ctx, input }) => attainment(ctx, input)),
  ranking: snapshotProcedure
    .meta({ scope: { kind: 'group', field: 'group' }, example: { indicator: 'party_lecture', window: '2025' } })
    .input(rankingInput)
    .query(({ ctx, input }) => ranking(ctx, input)),
  composite: snapshotProcedure
    .meta({
      scope: [
        { kind: 'unit', field: 'unit' },
        { kind: 'group', field: 'group', optional: true },
      ],
      example: { window: '2025' },
    })
    .input(compositeInput)
    .query(({ ctx, input }) => compositeExplain(ctx, input)),
  trend: snapshotProcedure
    .meta({
      scope: [
        { kind: 'unit', field: 'unit' },
        { kind: 'group', field: 'group', optional: true },
      ],
      example: { indicator: 'party_lecture', window: '2025' },
    })
    .input(trendInput)
    .query(({ ctx, input }) => trend(ctx, input)),
  trends: snapshotProcedure
    .meta({
      scope: [
        { kind: 'unit', field: 'unit' },
        { kind: 'group', field: 'group', optional: true },
      ],
      example: { window: '2025', indicators: ['party_lecture', 'training_hours'] },
    })
    .input(trendsInput)
    .query(({ ctx, input }) => trends(ctx, input)),
  benchmark: snapshotProcedure
    .meta({
      scope: [
        { kind: 'unit', field: 'unit' },
        { kind: 'group', field: 'group', optional: true },
      ],
      example: { window: '2025' },
    })
    .input(benchmarkInput)
    .query(({ ctx, input }) => benchmark(ctx, input)),
  heatmap: snapshotProcedure
    .meta({ scope: { kind: 'group', field: 'group' }, example: { window: '2025' } })
    .input(heatmapInput)
    .query(({ ctx, input }) => heatmap(ctx, input)),
  /** the same answer, its cells as columns: what the web's overview asks for (heatmap-packed.ts) */
  heatmapPacked: snapshotProcedure
    .meta({ scope: { kind: 'group', field: 'group' }, example: { window: '2025' } })
    .input(heatmapInput)
    .query(async ({ ctx, input }) => packHeatmap(await heatmap(ctx, input))),
  completeness: snapshotProcedure
    .meta({ scope: { kind: 'group', field: 'group' }, example: { window: '2025' } })
    .input(completenessInput)
    .query(({ ctx, input }) => completeness(ctx, input)),
});
