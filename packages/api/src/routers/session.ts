import { calendarToday, ROLE_LABELS } from '@bixue/domain';
import { publicProcedure, router } from '../trpc.ts';

export const sessionRouter = router({
  /**
   * The signed-in user, or null: the web app asks this first to decide on the login page, and
   * takes the CSRF token it must send with every state-changing call from here.
   */
  me: publicProcedure.meta({ scope: { kind: 'none' } }).query(({ ctx }) => {
    const p = ctx.principal;
    if (!p) return null;
    return {
      username: p.username,
      role: p.role,
      roleLabel: ROLE_LABELS[p.role],
      scopeUnitCode: p.scopeUnitCode,
      csrfToken: ctx.csrfToken ?? null,
      /** the server's day: which years and periods exist is not left to the office PC's clock */
      today: calendarToday().toISOString().slice(0, 10),
    };
  }),
});
