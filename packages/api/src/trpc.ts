/**
 * Procedures and the scope convention every one of them follows.
 *
 * EVERY procedure declares what it reads or writes with `.meta({ scope })`; one middleware
 * (`guard`, below) enforces it through `checkScope` in scope.ts before the procedure body runs.
 * A procedure without `scope` fails on every call, and `access-matrix.test.ts`, generated from
 * `appRouter._def.procedures`, fails for it. The rules (see `ScopeRule` in scope.ts):
 *
 *   { kind: 'none' }                               reads nothing of any unit (session.me, the catalogue).
 *                                                  New 'none' procedures must be added to the reviewed
 *                                                  list in access-matrix.test.ts.
 *   { kind: 'self', access? }                      works only on the caller's own scope or account, takes
 *                                                  no unit from the input (units.tree, users.list).
 *   { kind: 'unit', field, access?, optional? }    input[field] is a unit code (6 digits, no transform).
 *   { kind: 'units', field, key?, access? }        input[field] is an array of unit codes, or of objects
 *                                                  whose [key] is one (rows of data entry).
 *   { kind: 'group', field, optional? }            input[field] is a GROUP: siblings:CODE, level:LEVEL@CODE
 *                                                  or group:NAME; readable when a member is in scope.
 *   { kind: 'user', field }                        input[field] is the username of a user the caller
 *                                                  administers (admins only, within their province).
 *   { kind: 'task', field, act, many? }            input[field] is a unit (or, many, units) whose reporting
 *                                                  task the caller acts on: 'submit' by the unit itself,
 *                                                  'review' by its direct superior; an admin either.
 *
 * `access` is 'read' (default; every role, within scope), 'write' (not leaders), 'review'
 * (analysts and admins: the superiors who approve and remind) or 'admin' (admins only). Several rules may be given as an array; all must pass. Name the unit field
 * `unit` where there is one, like the CLI's `--unit`. `example` is a complete valid input apart
 * from the scoped fields; the generated access matrix uses it to call the procedure for real:
 *
 *   rollup: protectedProcedure
 *     .meta({ scope: { kind: 'unit', field: 'unit' }, example: { indicator: 'lectures', window: '2024' } })
 *     .input(z.object({ unit: unitCodeSchema, indicator: …, window: … }))
 *     .query(({ ctx, input }) => rollup(ctx, input)),
 *
 * Results that list other units (rankings, benchmarks, exports) name them through
 * `anonymiser(ctx)` / `peerLabel(ctx, unit)` in peers.ts, never from the unit row directly.
 * Every string in an input has a `.max()`, every array a `.max()` (tested for all procedures).
 */
import { bumpConfigVersion, inReadSnapshot, whileWanted } from '@bixue/db';
import { type Said, saidOf } from '@bixue/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import type { ApiContext } from './context.ts';
import { inputProblems, refusal, toTRPCError } from './errors.ts';
import { z } from 'zod';
import { checkScope, type ScopeRule, SIGN_IN } from './scope.ts';

export interface ProcedureMeta {
  scope?: ScopeRule | readonly ScopeRule[];
  /** set by publicProcedure: callable without a session */
  public?: boolean;
  /** a valid input apart from the scoped fields, for the generated access tests */
  example?: Record<string, unknown>;
  /**
   * a mutation that changes nothing any answer is drawn from (the caller's own briefing basket, a
   * report read but not saved, reminders): it leaves the answer stamps alone, so a room editing its
   * baskets keeps the cached answers of every province
   */
  answersUnchanged?: boolean;
}

export const INTERNAL_ERROR: Said = {
  zh: '服务器内部错误，请稍后重试',
  en: 'Something went wrong on the server; try again later',
};

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      // never hand stack traces or internal messages (SQL, file paths) to clients
      const { stack: _stack, ...data } = shape.data;
      // tRPC's own input check puts the ZodError's JSON in the message
      const said: Said =
        error.code === 'INTERNAL_SERVER_ERROR'
          ? INTERNAL_ERROR
          : error.cause instanceof z.ZodError
            ? inputProblems(error.cause)
            : saidOf(error);
      // the page picks the language it is in: the server does not know it
      return { ...shape, message: said.zh, data: { ...data, messageEn: said.en } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next, signal }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause ?? result.error;
    // whatever a stopped read failed with (a refused or cancelled statement), nobody is waiting for it
    if (signal?.aborted)
      throw refusal('CLIENT_CLOSED_REQUEST', { zh: '请求已取消', en: 'The request was cancelled' }, cause);
    throw toTRPCError(cause);
  }
  return result;
});

/**
 * A read whose client hung up stops (cancel-on-abort in @bixue/db): no further statement, and the
 * running one cancelled on PostgreSQL. A write the person sent completes even if they closed the
 * tab; it is all or nothing either way.
 */
const stopWhenUnwanted = t.middleware(({ type, signal, next }) =>
  type === 'query' && signal ? whileWanted(signal, () => next()) : next(),
);

/**
 * The calls of one request take turns (context.ts `turn`). A batch of 25 heatmaps ran at once: it
 * held the whole connection pool and both cores for a second while every other person's request
 * waited behind it. Inner calls made from inside a turn (a procedure calling another) do not queue
 * again, or they would wait for themselves.
 */
const inTurn = t.middleware(({ ctx, next }) =>
  ctx.turn ? ctx.turn(() => next({ ctx: { ...ctx, turn: null } })) : next(),
);

/** Authentication and the declared scope, before the input is even parsed. */
const guard = t.middleware(async ({ ctx, meta, path, getRawInput, next }) => {
  if (!meta?.scope)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `procedure ${path} declares no scope in .meta()` });
  if (!meta.public && !ctx.principal) throw refusal('UNAUTHORIZED', SIGN_IN);
  await checkScope(ctx, meta.scope, await getRawInput());
  return next();
});

/** Callable without a session (the procedure must still declare its scope, normally 'none'). */
export const publicProcedure = t.procedure
  .use(inTurn)
  .use(mapErrors)
  .use(stopWhenUnwanted)
  .use(guard)
  .meta({ public: true });

/**
 * After a mutation succeeds, new answer stamps for the caller's province: cached answers and
 * ETags (apps/api response-cache) must not outlive a change of targets, settings or units.
 * Before the reply leaves, so the caller's next read already sees the new stamp.
 */
const newStampAfterMutation = t.middleware(async ({ ctx, type, meta, next }) => {
  const result = await next();
  if (type === 'mutation' && result.ok && ctx.principal && !meta?.answersUnchanged)
    await bumpConfigVersion(ctx.db, ctx.principal.provinceCode);
  return result;
});

/** Every data procedure starts here: no principal, no data. */
export const protectedProcedure = t.procedure
  .use(inTurn)
  .use(mapErrors)
  .use(stopWhenUnwanted)
  .use(guard)
  .use(newStampAfterMutation)
  .use(({ ctx, next }) => {
    if (!ctx.principal) throw refusal('UNAUTHORIZED', SIGN_IN);
    return next({ ctx: { ...ctx, principal: ctx.principal } });
  });

/**
 * An answer that names its data version (analytics, versions.diff) reads that version and the
 * facts it was drawn from in one snapshot: one repeatable-read, read-only transaction, so a write
 * committing between its queries can never leave it labelled vN over the data of vN+1 (domain.md
 * §9). On PGlite the transaction runs alone (one session, lent to one caller at a time). A
 * procedure called from another one's snapshot reads in it.
 */
export const snapshotProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.db.isTransaction) return next();
  return inReadSnapshot(ctx.db, (trx) => next({ ctx: { ...ctx, db: trx } }));
});
