import { analyticsRouter } from './routers/analytics.ts';
import { catalogRouter } from './routers/catalog.ts';
import { sessionRouter } from './routers/session.ts';
import { unitsRouter } from './routers/units.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  session: sessionRouter,
  catalog: catalogRouter,
  units: unitsRouter,
  analytics: analyticsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
