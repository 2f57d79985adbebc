import { attainment, attainmentInput } from '../services/analytics/attainment.ts';
import { benchmark, benchmarkInput } from '../services/analytics/benchmark.ts';
import { compositeExplain, compositeInput } from '../services/analytics/composite.ts';
import { completeness, completenessInput } from '../services/analytics/completeness.ts';
import { heatmap, heatmapInput } from '../services/analytics/heatmap.ts';
import { ranking, rankingInput } from '../services/analytics/ranking.ts';
import { rollup, rollupInput } from '../services/analytics/rollup.ts';
import { trend, trendInput } from '../services/analytics/trend.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const analyticsRouter = router({
  rollup: protectedProcedure.input(rollupInput).query(({ ctx, input }) => rollup(ctx, input)),
  attainment: protectedProcedure.input(attainmentInput).query(({ ctx, input }) => attainment(ctx, input)),
  ranking: protectedProcedure.input(rankingInput).query(({ ctx, input }) => ranking(ctx, input)),
  composite: protectedProcedure.input(compositeInput).query(({ ctx, input }) => compositeExplain(ctx, input)),
  trend: protectedProcedure.input(trendInput).query(({ ctx, input }) => trend(ctx, input)),
  benchmark: protectedProcedure.input(benchmarkInput).query(({ ctx, input }) => benchmark(ctx, input)),
  heatmap: protectedProcedure.input(heatmapInput).query(({ ctx, input }) => heatmap(ctx, input)),
  completeness: protectedProcedure.input(completenessInput).query(({ ctx, input }) => completeness(ctx, input)),
});
