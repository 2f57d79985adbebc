import { versionsDiff, versionsDiffInput } from '../services/versions.ts';
import { protectedProcedure, router } from '../trpc.ts';

/** Data versions (domain.md §9): what changed between two of them, with who and why. */
export const versionsRouter = router({
  diff: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: { from: 0 } })
    .input(versionsDiffInput)
    .query(({ ctx, input }) => versionsDiff(ctx, input)),
});
