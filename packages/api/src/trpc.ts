import { initTRPC, TRPCError } from '@trpc/server';
import type { ApiContext } from './context.ts';
import { toTRPCError } from './errors.ts';

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape }) {
    // never hand stack traces to clients
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, data };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error.cause ?? result.error);
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

/** Every data procedure starts here: no principal, no data. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});
