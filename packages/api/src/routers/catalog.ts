import { indicatorCatalog } from '../services/catalog.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const catalogRouter = router({
  indicators: protectedProcedure.meta({ scope: { kind: 'none' } }).query(({ ctx }) => indicatorCatalog(ctx)),
});
