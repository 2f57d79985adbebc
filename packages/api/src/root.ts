import { catalogRouter } from './routers/catalog.ts';
import { sessionRouter } from './routers/session.ts';
import { unitsRouter } from './routers/units.ts';
import { usersRouter } from './routers/users.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  session: sessionRouter,
  catalog: catalogRouter,
  units: unitsRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
