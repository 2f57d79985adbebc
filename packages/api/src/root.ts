import { adminRouter } from './routers/admin.ts';
import { analyticsRouter } from './routers/analytics.ts';
import { basketRouter } from './routers/basket.ts';
import { catalogRouter } from './routers/catalog.ts';
import { cycleRouter } from './routers/cycle.ts';
import { dataRouter } from './routers/data.ts';
import { reportsRouter } from './routers/reports.ts';
import { sessionRouter } from './routers/session.ts';
import { unitsRouter } from './routers/units.ts';
import { usersRouter } from './routers/users.ts';
import { versionsRouter } from './routers/versions.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  session: sessionRouter,
  catalog: catalogRouter,
  units: unitsRouter,
  reports: reportsRouter,
  analytics: analyticsRouter,
  data: dataRouter,
  admin: adminRouter,
  users: usersRouter,
  basket: basketRouter,
  cycle: cycleRouter,
  versions: versionsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
