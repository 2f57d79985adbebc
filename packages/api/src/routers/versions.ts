import {
  versionsCurrent,
  versionsCurrentInput,
  versionsDiff,
  versionsDiffInput,
  versionsList,
  versionsListInput,
} from '../services/versions.ts';
import { snapshotProcedure, router } from '../trpc.ts';

/** Data versions (domain.md §9): the current one, and what changed between two of them, with who and why. */
export const versionsRouter = router({
  current: snapshotProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: {} })
    .input(versionsCurrentInput)
    .query(({ ctx, input }) => versionsCurrent(ctx, input)),
  list: snapshotProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: {} })
    .input(versionsListInput)
    .query(({ ctx, input }) => versionsList(ctx, input)),
  diff: snapshotProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: { from: 0 } })
    .input(versionsDiffInput)
    .query(({ ctx, input }) => versionsDiff(ctx, input)),
});
