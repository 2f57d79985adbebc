import { unitTree } from '../services/units.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const unitsRouter = router({
  tree: protectedProcedure.query(({ ctx }) => unitTree(ctx)),
});
