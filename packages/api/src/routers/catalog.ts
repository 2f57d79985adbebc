import { indicatorCatalog } from '../services/catalog.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const catalogRouter = router({
  indicators: protectedProcedure.query(({ ctx }) => indicatorCatalog(ctx)),
});
